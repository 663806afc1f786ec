import Dashboard
import Foundation
import Programme
import Store
import Surveys
import WijkpeilCore
import Workflows

/// `wijkpeil dashboard`: the council's page per neighbourhood, over the years.
enum DashboardCommand {
    static let spec = CommandSpec(
        name: "dashboard",
        abstract: "The council's dashboard: is there trust, movement, which results, on schedule, the right things.",
        discussion: """
            One page (or JSON) per neighbourhood. Trust from the evaluation survey's responses per
            wave (--evaluation 2025=antwoorden.csv, repeatable); movement from the analyses of the
            neighbourhood survey (--analysis, --previous-analysis, each FILE or YEAR=FILE) and the
            sticker tallies of the evenings; results and schedule from the programme (with
            --indicators for its goals and --db for the commitments); the right things from the
            council's decisions in the programme. Each chart has its figures in a table beside it.
            """,
        options: [
            OptionSpec("programme", value: "FILE", help: "The programme JSON file."),
            OptionSpec("analysis", value: "[YEAR=]FILE", help: "The latest analysis (wijkpeil analyse --format json)."),
            OptionSpec("previous-analysis", value: "[YEAR=]FILE", help: "An earlier analysis, for the trend.", repeatable: true),
            OptionSpec("stickers", value: "FILE", help: "A sticker tally of an evening (wijkpeil stickers tally --format json).", repeatable: true),
            OptionSpec("evaluation", value: "YEAR=FILE", help: "The evaluation survey's responses of one wave (CSV or JSONL).", repeatable: true),
            OptionSpec("indicators", value: "FILE", help: "Indicators over the years (CSV with a year column)."),
            OptionSpec("db", value: "PATH", help: "A database with the register of commitments."),
            OptionSpec("surveys", value: "DIR", help: "Folder with survey definitions (for the evaluation survey).", default: "./surveys"),
            OptionSpec("today", value: "YYYY-MM-DD", help: "The day the dashboard shows (default: today)."),
            .format(["html", "json"], default: "html"),
        ],
        run: { arguments, console in
            guard let programme = arguments.value("programme") else {
                throw UsageError(nl: "geef --programme PROGRAMMA.json", en: "give --programme PROGRAMMA.json", commandPath: arguments.commandPath)
            }
            let today = try AgendaCommand.today(arguments)
            let nl = arguments.language == .nl
            var analyses = arguments.all("previous-analysis").map { wave($0, default: nl ? "eerder" : "earlier") }
            if let latest = arguments.value("analysis") { analyses.append(wave(latest, default: nl ? "nu" : "now")) }
            let evaluations = try arguments.all("evaluation").map { text in
                let given = wave(text, default: "")
                guard !given.label.isEmpty else {
                    throw UsageError(
                        nl: "--evaluation heeft het jaar van de meting nodig: --evaluation 2027=\(text)", en: "--evaluation needs the wave's year: --evaluation 2027=\(text)",
                        commandPath: arguments.commandPath)
                }
                return given
            }
            var evaluationSurvey: SurveyDefinition?
            if !evaluations.isEmpty {
                let library = try SurveyLibrary.holding("evaluatie", directory: arguments.value("surveys") ?? "./surveys")
                guard case .survey(let survey) = try library.resolve("evaluatie").content else {
                    throw CommandFailure(
                        nl: "de evaluatievragenlijst 'evaluatie' in \(library.directory) is geen leesbare vragenlijst; draai wijkpeil surveys validate",
                        en: "the evaluation survey 'evaluatie' in \(library.directory) does not read as a survey; run wijkpeil surveys validate")
                }
                evaluationSurvey = survey
            }
            let commitments = arguments.value("db") == nil ? nil : try DatabaseAccess.reader(arguments).commitments()
            let made = try DashboardMaking.dashboard(
                programmeFile: programme, today: today, analyses: analyses, tallies: arguments.all("stickers"), evaluations: evaluations,
                evaluationSurvey: evaluationSurvey, indicatorsFile: arguments.value("indicators"), commitments: commitments, language: arguments.language)
            for line in made.leftOut { console.err.line(line) }
            if arguments.value("format") == "json" {
                console.out.line(made.dashboard.jsonValue.prettyText)
            } else {
                console.out.write(made.dashboard.html(language: arguments.language))
            }
            return .success
        })

    /// `2026=analyse.json` → wave 2026; `analyse.json` → the default label.
    static func wave(_ text: String, default label: String) -> DashboardMaking.Wave {
        if let equals = text.firstIndex(of: "="), text[..<equals].count == 4, text[..<equals].allSatisfy(\.isNumber) {
            return DashboardMaking.Wave(label: String(text[..<equals]), file: String(text[text.index(after: equals)...]))
        }
        return DashboardMaking.Wave(label: label, file: text)
    }
}
