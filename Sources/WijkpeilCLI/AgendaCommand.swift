import Agenda
import Foundation
import Hashing
import Participation
import Surveys
import WijkpeilCore
import Workflows

/// `wijkpeil agenda`: weigh the themes into at most four priorities, record the council's
/// answer, publish it for residents, and let anyone verify it.
enum AgendaCommand {
    static let spec = CommandSpec(
        name: "agenda",
        abstract: "Weigh the themes into the neighbourhood agenda: at most four priorities, openly weighed.",
        discussion: """
            wijkpeil agenda --analysis A.json --stickers T.json [--stickers T2.json] [--weights …] [--max N]
            Signals per theme, each in [0, 1]: residents = the theme's support stickers ÷ all support stickers
            (tallies add up); mentions = the share of respondents who named the theme where the survey asks
            what should improve first; survey = the share dissatisfied in the analysis; indicators = the mean
            of the theme's indicator gaps clamped to [0, 1]. Each is divided by its largest value over the
            themes. Score = Σ weight × signal (default residents 0.3, mentions 0.2, survey 0.25, indicators
            0.25: residents' three voices 0.75). The top --max (default 3, at most 4) are the priorities.
            Stability: the share of the weightings on a grid of step 0.05 (1,771 for four signals) under
            which a theme is selected; a priority under 0.5 is flagged fragile.
            Then: agenda respond (the council's answer), agenda publish (the page for residents),
            agenda verify (recompute from the inputs and compare).
            """,
        options: [
            OptionSpec("analysis", value: "FILE", help: "The analysis (wijkpeil analyse --format json)."),
            OptionSpec("stickers", value: "FILE", help: "A sticker tally (wijkpeil stickers tally --format json).", repeatable: true),
            OptionSpec(
                "weights", value: "residents=W,mentions=W,survey=W,indicators=W", help: "How much each signal counts (rescaled to sum to 1).",
                default: "residents=0.3,mentions=0.2,survey=0.25,indicators=0.25"),
            OptionSpec("max", value: "N", help: "How many priorities: 1 to 4.", default: "3"),
            OptionSpec("evening", value: "YYYY-MM-DD", help: "The day of the resident evening, named on the residents' page."),
            OptionSpec(
                "level", value: "LEVEL", help: "The promise of the agenda step (the guide: residents advise on the agenda).", default: "advise",
                allowed: ParticipationLevel.allCases.map(\.rawValue)),
            .format(["table", "json", "md", "html"], default: "table"),
            OptionSpec("out", value: "FILE", help: "Write the agenda to FILE instead of stdout."),
        ],
        subcommands: [respond, addPriority, publish, verify],
        run: { arguments, console in
            var agenda = try compute(arguments, console: console)
            let language = arguments.language
            if let out = arguments.value("out") { try AgendaMaking.keepCouncilAnswers(in: out, for: &agenda, language: language) }
            let text: String
            switch arguments.value("format") {
            case "json": text = agenda.jsonValue.prettyText + "\n"
            case "md": text = agenda.markdown(language: language)
            case "html": text = agenda.html(language: language)
            default:
                var table = TextTable(row: Agenda.tableHeader(language: language))
                for row in agenda.table(language: language) { table.add(row: row) }
                text = (agenda.area.map { $0 + "\n\n" } ?? "") + table.rendered(width: console.width)
                for theme in agenda.themes where theme.selected { console.err.line(theme.explanation.text(in: language)) }
            }
            try OutputFile.write(text, to: arguments.value("out"), console: console)
            return .success
        })

    static func compute(_ arguments: ParsedArguments, console: Console) throws -> Agenda {
        guard let analysisFile = arguments.value("analysis") else {
            throw UsageError(
                nl: "geef de analyse met --analysis BESTAND (gemaakt met wijkpeil analyse --format json)",
                en: "name the analysis with --analysis FILE (made by wijkpeil analyse --format json)", commandPath: arguments.commandPath)
        }
        guard let max = Int(arguments.value("max") ?? ""), (1...Agenda.largestMax).contains(max) else {
            throw UsageError(
                message:
                    "--max must be 1 to \(Agenda.largestMax): the guide asks for no more than three or four priorities — better a few done well than many done half (beter een paar goed dan veel half)",
                commandPath: arguments.commandPath)
        }
        let weights: Weights
        do {
            let parsed = try Weights.parse(arguments.value("weights") ?? "")
            weights = parsed.weights
            if parsed.rescaled {
                console.err.line(
                    arguments.say("gewichten herschaald tot samen 1: ", "weights rescaled to sum to 1: ")
                        + Signal.allCases.map { "\($0.rawValue)=\(Language.en.number(weights[$0], digits: 4))" }.joined(separator: ","))
            }
        } catch {
            throw UsageError(message: "--weights: \(error.message)", commandPath: arguments.commandPath)
        }
        let level = ParticipationLevel(rawValue: arguments.value("level") ?? "") ?? .advise
        let stickerFiles = arguments.all("stickers")
        if stickerFiles.isEmpty {
            console.err.line(
                arguments.say(
                    "geen stickeruitslag gegeven (--stickers): het signaal van bewoners valt weg en zijn gewicht gaat naar de andere",
                    "no sticker tallies given (--stickers): the residents signal drops out and its weight is shared over the others"))
        }
        let evening = try arguments.date("evening")
        let inputs = try AgendaMaking.read(analysis: analysisFile, stickers: stickerFiles)
        return try AgendaMaking.make(from: inputs, weights: weights, max: max, level: level, version: Release.version, eveningDate: evening)
    }

    static func readAgenda(_ arguments: ParsedArguments) throws -> (Agenda, String) {
        guard let file = arguments.positionals.first else {
            throw UsageError(
                nl: "geef het agendabestand (gemaakt met wijkpeil agenda --format json --out AGENDA.json)",
                en: "name the agenda file (made by wijkpeil agenda --format json --out AGENDA.json)", commandPath: arguments.commandPath)
        }
        let (json, _) = try AgendaMaking.readJSON(file, role: "agenda")
        return (try Agenda.read(json, file: file), file)
    }

    static let respond = CommandSpec(
        name: "respond",
        abstract: "Record the council's answer to a priority, by the rules of the agenda's level.",
        discussion: """
            Every answer but adopted owes residents a reason of at least 20 characters (--reason). At level
            advise and above, adjusted and rejected need a reason of at least a sentence: the council may
            deviate from residents' advice only with stated reasons. At codecide residents decided: the
            council adopts, or says with outside-frames which frame set beforehand (--frame budget) the
            outcome breaks, and why. A new answer keeps the earlier ones in its history.
            """,
        options: [
            OptionSpec("theme", value: "THEME", help: "The priority (a theme id)."),
            OptionSpec(
                "decision", value: "adopted|adjusted|rejected|outside-frames", help: "The council's decision.",
                allowed: CouncilResponse.Decision.allCases.map(\.rawValue)),
            OptionSpec("reason", value: "TEXT", help: "Why; needed for every decision but adopted."),
            OptionSpec("frame", value: "FRAME", help: "With outside-frames: the frame set beforehand that the outcome breaks (budget, law)."),
            OptionSpec("date", value: "YYYY-MM-DD", help: "The day of the decision (default: today)."),
        ],
        positionals: [PositionalSpec(name: "AGENDA", help: "The agenda JSON file.")],
        printsData: false,
        run: { arguments, console in
            var (agenda, file) = try readAgenda(arguments)
            guard let theme = arguments.value("theme"), let decisionText = arguments.value("decision"),
                let decision = CouncilResponse.Decision(rawValue: decisionText)
            else {
                throw UsageError(
                    nl: "geef --theme THEMA en --decision adopted|adjusted|rejected|outside-frames",
                    en: "give --theme THEME and --decision adopted|adjusted|rejected|outside-frames", commandPath: arguments.commandPath)
            }
            let date = try date(arguments)
            let response = CouncilResponse(decision: decision, reason: arguments.value("reason"), frame: arguments.value("frame"), date: date)
            do throws(CouncilResponse.RecordError) {
                try agenda.record(response, for: theme)
            } catch {
                throw CommandFailure(message: error.message.text(in: arguments.language), exitCode: .invalid)
            }
            try OutputFile.write(agenda.jsonValue.prettyText + "\n", to: file, console: console)
            console.err.line(arguments.say("\(theme): \(decision.label.nl) — vastgelegd in \(file)", "\(theme): \(decision.label.en ?? decision.rawValue) — recorded in \(file)"))
            return .success
        })

    static let addPriority = CommandSpec(
        name: "add-priority",
        abstract: "Add a priority of the council's own, with its reason; it never counts towards the residents' priorities.",
        options: [
            OptionSpec("theme", value: "THEME", help: "The theme (an id)."),
            OptionSpec("reason", value: "TEXT", help: "Why the council adds it (at least 20 characters)."),
            OptionSpec("date", value: "YYYY-MM-DD", help: "The day of the decision (default: today)."),
        ],
        positionals: [PositionalSpec(name: "AGENDA", help: "The agenda JSON file.")],
        printsData: false,
        run: { arguments, console in
            var (agenda, file) = try readAgenda(arguments)
            guard let theme = arguments.value("theme"), let reason = arguments.value("reason") else {
                throw UsageError(nl: "geef --theme THEMA en --reason \"…\"", en: "give --theme THEME and --reason \"…\"", commandPath: arguments.commandPath)
            }
            let date = try date(arguments)
            do throws(CouncilResponse.RecordError) {
                try agenda.addCouncilPriority(theme: theme, reason: reason, date: date)
            } catch {
                throw CommandFailure(message: error.message.text(in: arguments.language), exitCode: .invalid)
            }
            try OutputFile.write(agenda.jsonValue.prettyText + "\n", to: file, console: console)
            console.err.line(
                arguments.say(
                    "\(theme): toegevoegd door de raad, los van de speerpunten van bewoners — vastgelegd in \(file)",
                    "\(theme): added by the council, apart from the residents' priorities — recorded in \(file)"))
            return .success
        })

    /// `--date`, a real day (2026-02-30 is refused), or today.
    static func date(_ arguments: ParsedArguments) throws -> String {
        try arguments.date("date")?.description ?? today()
    }

    static let publish = CommandSpec(
        name: "publish",
        abstract: "The page for residents: the priorities, how they were weighed, and the council's answer to each.",
        options: [.format(["html", "md"], default: "html"), OptionSpec("out", value: "FILE", help: "Write the page to FILE instead of stdout.")],
        positionals: [PositionalSpec(name: "AGENDA", help: "The agenda JSON file.")],
        run: { arguments, console in
            let (agenda, file) = try readAgenda(arguments)
            let language = arguments.language
            // An answer that breaks the level's rules (edited in by hand) is not shown to residents.
            let breaches = agenda.breaches
            guard breaches.isEmpty else {
                for breach in breaches { console.err.line("\(file): \(breach.text(in: language))") }
                throw CommandFailure(
                    nl:
                        "\(file) bevat \(breaches.count) antwoord(en) die de regels van niveau \(agenda.level.rawValue) breken; leg ze vast met wijkpeil agenda respond, dat ze controleert",
                    en:
                        "\(file) holds \(breaches.count) answer(s) that break the rules of level \(agenda.level.rawValue); record them with wijkpeil agenda respond, which checks them",
                    exitCode: .invalid)
            }
            let text = arguments.value("format") == "md" ? agenda.markdown(language: language) : agenda.html(language: language)
            try OutputFile.write(text, to: arguments.value("out"), console: console)
            let open = agenda.priorities.filter { agenda.responses[$0] == nil }
            if !open.isEmpty {
                console.err.line(arguments.say("de raad heeft nog niet geantwoord op: ", "not answered yet by the council: ") + open.joined(separator: ", "))
            }
            return .success
        })

    static let verify = CommandSpec(
        name: "verify",
        abstract: "Recompute an agenda from its inputs and say whether it matches.",
        discussion: """
            Recomputes everything the agenda states from its inputs, by the rule it records, and names every
            field that differs with the recorded and the recomputed value. The level, max and weights are the
            maker's choice: give --level, --max or --weights to check them against what was agreed.
            Exit 0 when it matches; 1 when an input or a field differs.
            """,
        options: [
            OptionSpec("analysis", value: "FILE", help: "The analysis the agenda was made from."),
            OptionSpec("stickers", value: "FILE", help: "A sticker tally it was made from.", repeatable: true),
            OptionSpec("level", value: "LEVEL", help: "The level the agenda should have been made at.", allowed: ParticipationLevel.allCases.map(\.rawValue)),
            OptionSpec("max", value: "N", help: "The number of priorities agreed."),
            OptionSpec("weights", value: "residents=W,…", help: "The weights agreed."),
        ],
        positionals: [PositionalSpec(name: "AGENDA", help: "The agenda JSON file.")],
        run: { arguments, console in
            let (recorded, file) = try readAgenda(arguments)
            guard let analysisFile = arguments.value("analysis") else {
                throw UsageError(nl: "geef de analyse met --analysis BESTAND", en: "name the analysis with --analysis FILE", commandPath: arguments.commandPath)
            }
            let given = try AgendaMaking.read(analysis: analysisFile, stickers: arguments.all("stickers"))
            var expected = AgendaVerification.Expected(level: arguments.value("level").flatMap(ParticipationLevel.init(rawValue:)))
            if let max = arguments.value("max") {
                guard let number = Int(max) else { throw UsageError(nl: "--max heeft een heel getal nodig", en: "--max needs a whole number", commandPath: arguments.commandPath) }
                expected.max = number
            }
            if let text = arguments.value("weights") {
                do throws(Weights.ParseError) {
                    expected.weights = try Weights.parse(text).weights
                } catch {
                    throw UsageError(message: "--weights: \(error.message)", commandPath: arguments.commandPath)
                }
            }
            let problems = AgendaVerification.problems(
                of: recorded, evidence: given.evidence, inputs: given.files, expected: expected, version: Release.version)
            if recorded.version != Release.version {
                console.err.line(
                    arguments.say(
                        "let op: de agenda is gemaakt met Wijkpeil \(recorded.version); dit is \(Release.version)",
                        "note: the agenda was made with Wijkpeil \(recorded.version); this is \(Release.version)"))
            }
            guard problems.isEmpty else {
                console.out.line(arguments.say("\(file): klopt NIET", "\(file): does NOT match"))
                for problem in problems { console.out.line("  " + problem.text(in: arguments.language)) }
                return .invalid
            }
            let priorities = recorded.priorities.joined(separator: ", "), inputs = given.files.count, rule = recorded.rule.rawValue
            console.out.line(
                arguments.say(
                    "\(file): klopt — speerpunten \(priorities), opnieuw berekend uit \(inputs) \(inputs == 1 ? "invoerbestand" : "invoerbestanden") volgens \(rule)",
                    "\(file): matches — priorities \(priorities), recomputed from \(inputs) input \(inputs == 1 ? "file" : "files") by \(rule)"))
            let weights = Signal.allCases.filter { recorded.weights[$0] > 0 }.map { "\($0.rawValue)=\(Language.en.number(recorded.weights[$0], digits: 4))" }
                .joined(separator: ",")
            console.out.line(
                arguments.say(
                    "  gemaakt met niveau \(recorded.level.rawValue), max \(recorded.max), gewichten \(weights) (toets ze met --level, --max, --weights)",
                    "  as made with level \(recorded.level.rawValue), max \(recorded.max), weights \(weights) (check with --level, --max, --weights)"))
            return .success
        })

    /// The day named by `--today` (default: today), checked.
    static func today(_ arguments: ParsedArguments) throws -> CalendarDate {
        try arguments.date("today") ?? CalendarDate(today())!
    }

    static func today() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: Date())
    }
}
