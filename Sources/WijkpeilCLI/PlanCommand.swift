import Workflows
import Participation
import WijkpeilCore

/// `wijkpeil plan check`: does a participation plan keep its promises to residents?
enum PlanCommand {
    static let spec = CommandSpec(
        name: "plan",
        abstract: "Check a participation plan against the guide.",
        subcommands: [check])

    static let check = CommandSpec(
        name: "check",
        abstract: "Check a participation plan (JSON) against the ladder, the cycle and the surveys it names.",
        discussion: """
            Errors (exit 1): unknown steps or levels, a survey or sticker session that does not exist.
            Warnings, each with its reason: an instrument of another level, an agenda step below 'advise',
            a co-decide step without invitation codes, no step that tells residents the outcome.
            A sample plan: surveys/plans/kerkwijk-2027.json.
            """,
        options: [.surveys, .format(["table", "json"], default: "table")],
        positionals: [PositionalSpec(name: "PLAN", help: "The plan file (.json).")],
        run: { arguments, console in
            let file = arguments.positionals[0]
            let library = try SurveyLibrary(directory: arguments.value("surveys") ?? "./surveys")
            var findings: Findings
            do throws(FileReadError) {
                let json = try SurveyLibrary.readJSON(file)
                findings = PlanCheck.check(json, activities: library.activityFacts).inFile(file)
            } catch {
                if case .missing = error {
                    throw CommandFailure(nl: "geen bestand '\(file)'; geef het pad naar een plan (.json)", en: "no file '\(file)'; give the path to a plan (.json)")
                }
                findings = Findings([error.finding(in: file)])
            }
            FindingsReport.print(findings, files: 1, format: arguments.value("format") ?? "table", language: arguments.language, to: console)
            return findings.hasErrors ? .invalid : .success
        })
}
