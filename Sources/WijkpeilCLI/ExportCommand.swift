import Export
import Foundation
import Store
import Surveys
import WijkpeilCore
import Workflows

/// `wijkpeil export`: an anonymised export for researchers, with its codebook.
enum ExportCommand {
    static let spec = CommandSpec(
        name: "export",
        abstract: "Export a survey's responses for researchers: anonymised, shuffled, with a codebook.",
        discussion: """
            Never exported: questions with privacy "direct", e-mail addresses, submission keys, exact
            times, and the order responses came in (rows are shuffled and numbered 1…n). Multi-choice
            becomes one 0/1 column per option, stickers one count column per option. Quasi-identifiers
            are generalised (ages to ten-year bands, postcodes to PC4, dates to ISO weeks); free text is
            scrubbed of e-mail addresses, phone numbers, postcodes, URLs and IBANs. A combination of
            quasi-identifiers that occurs fewer than k times is replaced by *; if those rows are fewer
            than k, they are left out. The file is written only if k-anonymity then holds.
            --out names a folder of its own (created if needed): the export goes there as SURVEY.csv (or
            .json) with its codebook, a Frictionless Data Package, as datapackage.json. A folder that
            already holds the package of another survey or export is refused. (--out FOLDER/NAME.csv
            names the file as well.)
            """,
        options: [
            .database, .survey, .surveys,
            OptionSpec("out", value: "FOLDER", help: "The folder for the export and its datapackage.json."),
            .format(["csv", "json"], default: "csv"),
            OptionSpec("k", value: "K", help: "Every combination of quasi-identifiers occurs at least K times.", default: "5"),
            OptionSpec("codebook", value: "FILE", help: "Where to write the codebook (default: datapackage.json beside the export)."),
        ],
        run: { arguments, console in
            guard let target = arguments.value("out") else {
                throw UsageError(
                    nl: "--out MAP ontbreekt (bijvoorbeeld --out export/wijkanalyse/)", en: "missing --out FOLDER (for example --out export/wijkanalyse/)",
                    commandPath: arguments.commandPath)
            }
            guard let k = Int(arguments.value("k") ?? ""), (1...10_000).contains(k) else {
                throw UsageError(
                    nl: "--k heeft een heel getal van 1 tot 10000 nodig (5 is gebruikelijk)", en: "--k needs a whole number from 1 to 10000 (5 is usual)",
                    commandPath: arguments.commandPath)
            }
            let survey = try DatabaseAccess.survey(arguments)
            let store = try DatabaseAccess.reader(arguments)
            let outcome = try ExportRun.run(
                plan: ExportPlan(definition: survey), store: store, k: k, target: target, json: arguments.value("format") == "json",
                codebook: arguments.value("codebook"), language: arguments.language
            ) { row, total in
                if console.errIsTerminal { console.err.write("\rexport: \(row)/\(total)") }
            }
            if console.errIsTerminal { console.err.write("\r") }
            let (report, out, codebookPath) = (outcome.report, outcome.file, outcome.codebook)
            for line in outcome.joined { console.err.line(line) }
            console.err.line(
                arguments.language == .nl
                    ? "\(report.rows) rijen geëxporteerd naar \(out) (k = \(k)): \(report.rowsSuppressed) met onderdrukte waarden, \(report.rowsLeftOut) weggelaten; codeboek: \(codebookPath)"
                    : "\(report.rows) rows exported to \(out) (k = \(k)): \(report.rowsSuppressed) with suppressed values, \(report.rowsLeftOut) left out; codebook: \(codebookPath)"
            )
            return .success
        })
}
