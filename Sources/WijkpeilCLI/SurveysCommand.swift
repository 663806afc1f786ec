import Workflows
import Foundation
import Participation
import Stickers
import Surveys
import WijkpeilCore

/// `wijkpeil surveys`: list, show and validate survey definitions and sticker sessions.
enum SurveysCommand {
    static let spec = CommandSpec(
        name: "surveys",
        abstract: "List, show and validate survey definitions and sticker sessions.",
        subcommands: [list, show, validate, template, print])

    static let list = CommandSpec(
        name: "list",
        abstract: "List the surveys and sticker sessions in the survey folder.",
        options: [.surveys, .format(["table", "json"], default: "table")],
        run: { arguments, console in
            let library = try SurveyLibrary(directory: arguments.value("surveys") ?? "./surveys")
            let language = arguments.language
            var rows: [JSONValue] = []
            var table = TextTable(
                "id", language == .nl ? "soort" : "kind", language == .nl ? "niveau" : "level", language == .nl ? "vragen" : "questions",
                language == .nl ? "titel" : "title")
            for entry in library.definitions {
                switch entry.content {
                case .survey(let survey):
                    table.add(survey.id, "survey", survey.level.rawValue, String(survey.questions.count), survey.title.text(in: language))
                    rows.append(
                        .object([
                            "id": .string(survey.id), "kind": "survey", "level": .string(survey.level.rawValue),
                            "version": .number(Double(survey.version)), "questions": .number(Double(survey.questions.count)),
                            "title": survey.title.jsonValue, "file": .string(entry.file),
                        ]))
                case .session(let session):
                    table.add(session.id, "stickers", session.level.rawValue, String(session.options.count), session.title.text(in: language))
                    rows.append(
                        .object([
                            "id": .string(session.id), "kind": "sticker-session", "level": .string(session.level.rawValue),
                            "options": .number(Double(session.options.count)), "title": session.title.jsonValue, "file": .string(entry.file),
                        ]))
                default: break
                }
            }
            let broken = library.entries.filter { $0.findings.hasErrors }
            for entry in broken {
                console.err.line(
                    "\(entry.file): "
                        + (language == .nl
                            ? "niet geladen, want ongeldig; zie `wijkpeil surveys validate \(entry.file)`"
                            : "not loaded because it is invalid; see `wijkpeil surveys validate \(entry.file)`"))
            }
            if arguments.value("format") == "json" {
                console.out.line(JSONValue.array(rows).prettyText)
            } else {
                console.out.write(table.rendered(width: console.width))
            }
            return .success
        })

    static let print = CommandSpec(
        name: "print",
        abstract: "Printable A4 paper forms for a survey: numbered per print run, with the QR code of the online form.",
        discussion: """
            Each form has its number on every sheet (--prefix A gives A001, A002 …; give each print run and venue its
            own prefix so numbers never meet). Type them in with the spreadsheet of wijkpeil surveys template.
            """,
        options: [
            .surveys, OptionSpec("out", value: "FILE", help: "Write the forms to FILE (HTML; print it at 100% on A4)."),
            OptionSpec("prefix", value: "LETTERS", help: "The letters before each form number.", default: "A"),
            OptionSpec("count", value: "N", help: "How many forms.", default: "20"),
            OptionSpec("first", value: "N", help: "The number of the first form.", default: "1"),
            OptionSpec("public-url", value: "URL", help: "The server's address for the QR code (http://wijkpeil.lan:8080/)."),
        ],
        positionals: [PositionalSpec(name: "SURVEY", help: "A survey id (looked up in --surveys) or a path to a .json file.")],
        run: { arguments, console in
            let survey = try namedSurvey(arguments)
            let prefix = arguments.value("prefix") ?? "A"
            guard !prefix.isEmpty, prefix.count <= 4, prefix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw UsageError(
                    nl: "--prefix is één tot vier letters of cijfers, zoals A of B2", en: "--prefix is one to four letters or digits, such as A or B2",
                    commandPath: arguments.commandPath)
            }
            guard let count = Int(arguments.value("count") ?? ""), (1...999).contains(count), let first = Int(arguments.value("first") ?? ""), first >= 1, first + count - 1 <= 999
            else {
                throw UsageError(
                    nl: "--count en --first zijn hele getallen; de nummers lopen tot hoogstens 999", en: "--count and --first are whole numbers; numbers go up to 999",
                    commandPath: arguments.commandPath)
            }
            let form = PaperForm(
                survey: survey, language: arguments.language, prefix: prefix.uppercased(), first: first, count: count, publicURL: try arguments.publicURL())
            try OutputFile.write(form.html, to: arguments.value("out"), console: console)
            return .success
        })

    /// The survey named by the first positional: an id in `--surveys`, or a `.json` file.
    private static func namedSurvey(_ arguments: ParsedArguments) throws -> SurveyDefinition {
        let library = try SurveyLibrary.holding(arguments.positionals[0], directory: arguments.value("surveys") ?? "./surveys")
        let entry = try library.resolve(arguments.positionals[0])
        guard case .survey(let survey) = entry.content else {
            if case .invalid = entry.content { throw InvalidInput(entry.findings) }
            throw CommandFailure(nl: "'\(arguments.positionals[0])' is geen vragenlijst", en: "'\(arguments.positionals[0])' is not a survey")
        }
        return survey
    }

    static let template = CommandSpec(
        name: "template",
        abstract: "A spreadsheet (CSV) for typing in a survey's paper forms, ready for responses import.",
        discussion: """
            The first row holds the column names (formulier, the form number, then the question ids), the second the
            questions in words with what to type; responses import recognises that row and passes over it. One row
            per form, keyed by its number: the same form typed in twice is stored once.
            """,
        options: [.surveys, OptionSpec("out", value: "FILE", help: "Write the spreadsheet to FILE instead of stdout.")],
        positionals: [PositionalSpec(name: "SURVEY", help: "A survey id (looked up in --surveys) or a path to a .json file.")],
        run: { arguments, console in
            let survey = try namedSurvey(arguments)
            let header = ResponseTable.templateHeader(for: survey)
            let text = CSVWriter.line(header) + CSVWriter.line(ResponseTable.describingRow(for: header, definition: survey, language: arguments.language))
            try OutputFile.write(text, to: arguments.value("out"), console: console)
            return .success
        })

    static let show = CommandSpec(
        name: "show",
        abstract: "Show one survey or sticker session; --format json gives the full definition.",
        options: [.surveys, .format(["table", "json"], default: "table")],
        positionals: [PositionalSpec(name: "SURVEY", help: "A survey id (looked up in --surveys) or a path to a .json file.")],
        run: { arguments, console in
            let library = try SurveyLibrary.holding(arguments.positionals[0], directory: arguments.value("surveys") ?? "./surveys")
            let entry = try library.resolve(arguments.positionals[0])
            let language = arguments.language
            switch entry.content {
            case .survey(let survey):
                if arguments.value("format") == "json" {
                    console.out.line(survey.jsonValue.prettyText)
                } else {
                    console.out.write(SurveyText.describe(survey, language: language))
                }
                return .success
            case .session(let session):
                if arguments.value("format") == "json" {
                    console.out.line(session.jsonValue.prettyText)
                } else {
                    console.out.write(SurveyText.describe(session, language: language))
                }
                return .success
            default:
                FindingsReport.print(entry.findings, files: 1, format: "table", language: language, to: console)
                return .invalid
            }
        })

    static let validate = CommandSpec(
        name: "validate",
        abstract: "Check survey definitions, sticker sessions, theme sets and plans; every mistake with its JSON path.",
        discussion: "Without files, checks everything in the survey folder: themes/, the definitions and plans/.",
        options: [.surveys, .format(["table", "json"], default: "table")],
        positionals: [PositionalSpec(name: "FILE", help: "Definition files (.json) to check.", optional: true, variadic: true)],
        run: { arguments, console in
            let directory = arguments.value("surveys") ?? "./surveys"
            let files = arguments.positionals
            var findings = Findings()
            var count = 0
            if files.isEmpty {
                let library = try SurveyLibrary(directory: directory)
                for entry in library.entries {
                    findings.append(contentsOf: entry.findings)
                    count += 1
                }
                for plan in SurveyLibrary.jsonFiles(in: (directory as NSString).appendingPathComponent("plans")) {
                    findings.append(contentsOf: library.read(plan).findings)
                    count += 1
                }
            } else {
                // Theme sets come from the folder when it exists; a definition that names one
                // then finds it. Without the folder, a theme set named is reported as unknown.
                let library = try? SurveyLibrary(directory: directory)
                for file in files {
                    let entry = library?.read(file) ?? SurveyLibrary.read(file, themeSets: [:], activities: [:])
                    findings.append(contentsOf: entry.findings)
                    count += 1
                }
            }
            FindingsReport.print(findings, files: count, format: arguments.value("format") ?? "table", language: arguments.language, to: console)
            return findings.hasErrors ? .invalid : .success
        })
}
