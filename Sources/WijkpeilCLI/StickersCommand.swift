import Workflows
import Foundation
import Stickers
import Store
import Surveys
import WijkpeilCore

/// `wijkpeil stickers`: tally sticker voting and print posters.
enum StickersCommand {
    static let spec = CommandSpec(
        name: "stickers",
        abstract: "Sticker (dot) voting at resident evenings: tally the posters, print posters.",
        subcommands: [tally, store, poster])

    static let tally = CommandSpec(
        name: "tally",
        abstract: "Tally sticker placements from paper (CSV) or from a survey's digital sticker question.",
        discussion: """
            Paper: wijkpeil stickers tally SESSION FILE... — CSV with header participant,poster,option,colour
            (one row per sticker; participant ids count within one file) or poster,option,colour,count
            (counts read off a poster; optional entered_by and attendees columns).
            Double entry: --entry A.csv --entry B.csv (or an entered_by column with two names); the tally
            refuses to run while the two disagree and lists where, so that poster is recounted.
            Digital: wijkpeil stickers tally --db DB --survey ID [--question QID].
            One evening, paper and phones together: wijkpeil stickers tally SESSION [FILE...] --db DB adds the
            paper counts stored with wijkpeil stickers store and the dots stored for every stickers question that
            names SESSION ("session": …) to the paper files.
            Ranking: support descending, then concern descending (a worry is a reason to look), then option id;
            equal support and concern share a rank ("1224").
            Invalid lines: listed, nothing tallied (exit 1), unless --skip-invalid.
            """,
        options: [
            .surveys, .format(["table", "json", "csv", "svg"], default: "table"),
            OptionSpec("entry", value: "FILE", help: "One of two entries of the same paper counts.", repeatable: true),
            OptionSpec("skip-invalid", help: "Tally the valid lines even if others are invalid."),
            OptionSpec("db", value: "PATH", help: "Tally digital sticker answers stored in this database."),
            OptionSpec("survey", value: "ID", help: "With --db: the survey whose sticker question to tally."),
            OptionSpec("question", value: "QID", help: "With --db: the stickers question (default: the survey's first)."),
        ],
        positionals: [PositionalSpec(name: "SESSION", help: "The sticker session (id or .json), then the placement files.", optional: true, variadic: true)],
        run: { arguments, console in
            let language = arguments.language
            let (session, result): (StickerSession, StickerTally)
            if arguments.value("db") != nil, arguments.positionals.isEmpty {
                (session, result) = try digitalTally(arguments)
            } else {
                (session, result) = try paperTally(arguments, console: console)
            }
            switch arguments.value("format") {
            case "json": console.out.line(result.jsonValue(language: language).prettyText)
            case "csv": console.out.write(result.csv(session: session, language: language))
            case "svg": console.out.write(result.svg(session: session, language: language))
            default:
                var table = TextTable(
                    row: (language == .nl ? ["#", "optie", "naam", "steun", "zorgen", "aandeel"] : ["#", "option", "label", "support", "concerns", "share"])
                        + session.colours.map { $0.label.text(in: language) })
                for row in result.table(session: session, language: language) { table.add(row: row) }
                console.out.write(table.rendered(width: console.width))
                console.err.line(
                    arguments.say(
                        "\(result.stickers) \(result.stickers == 1 ? "sticker" : "stickers") geteld, \(result.excluded.count) uitgesloten"
                            + (result.participants.map { ", \($0) \($0 == 1 ? "deelnemer" : "deelnemers")" } ?? ""),
                        "\(result.stickers) \(result.stickers == 1 ? "sticker" : "stickers") counted, \(result.excluded.count) excluded"
                            + (result.participants.map { ", \($0) \($0 == 1 ? "participant" : "participants")" } ?? "")))
            }
            for exclusion in result.excluded {
                console.err.line(
                    "\(exclusion.file):\(exclusion.line): \(arguments.say("uitgesloten", "excluded")): \(exclusion.reason.text(in: language)) [\(exclusion.code)]")
            }
            for warning in result.warnings { console.err.line("\(Finding.Severity.warning.label(language)): \(warning.text(in: language))") }
            return .success
        })

    private static func paperTally(_ arguments: ParsedArguments, console: Console) throws -> (StickerSession, StickerTally) {
        let (session, library) = try Self.session(arguments, orSurvey: true)
        let files = try placementFiles(arguments, required: arguments.value("db") == nil)
        // With --db, the evening's stored paper counts and the phones' dots: every stickers
        // question that names this session.
        let stored = try arguments.value("db").map { _ in (store: try DatabaseAccess.reader(arguments), library: library) }
        let result = try StickerTallying.paper(session: session, files: files, skipInvalid: arguments.flag("skip-invalid"), adding: stored, language: arguments.language)
        return (session, result)
    }

    /// The placement files named after the session and with --entry; at least one unless the
    /// database holds them.
    private static func placementFiles(_ arguments: ParsedArguments, required: Bool) throws -> [StickerTallying.PlacementInput] {
        let names = Array(arguments.positionals.dropFirst()).map { ($0, nil as String?) } + arguments.all("entry").map { ($0, $0 as String?) }
        if names.isEmpty, required {
            throw UsageError(nl: "geef ten minste één bestand met plaatsingen (CSV)", en: "name at least one placements file (CSV)", commandPath: arguments.commandPath)
        }
        return try names.map { name, entry in StickerTallying.PlacementInput(name: name, bytes: try InputFile.bytes(name), entry: entry) }
    }

    /// The sticker session named by the first positional; `orSurvey` where a survey's stickers
    /// question (with --db and --survey) would do as well.
    private static func session(_ arguments: ParsedArguments, orSurvey: Bool = false) throws -> (StickerSession, SurveyLibrary) {
        guard let reference = arguments.positionals.first else {
            throw UsageError(
                nl: "geef de stickersessie (een id of een .json-bestand)" + (orSurvey ? ", of gebruik --db en --survey" : ""),
                en: "name the sticker session (an id or a .json file)" + (orSurvey ? ", or use --db and --survey" : ""), commandPath: arguments.commandPath)
        }
        let library = try SurveyLibrary.holding(reference, directory: arguments.value("surveys") ?? "./surveys")
        let entry = try library.resolve(reference)
        guard case .session(let session) = entry.content else {
            if case .invalid = entry.content { throw InvalidInput(entry.findings) }
            throw CommandFailure(
                nl: "'\(reference)' is geen stickersessie" + (orSurvey ? "; gebruik voor de stickervraag van een vragenlijst --db en --survey" : ""),
                en: "'\(reference)' is not a sticker session" + (orSurvey ? "; for a survey's sticker question use --db and --survey" : ""))
        }
        return (session, library)
    }

    static let store = CommandSpec(
        name: "store",
        abstract: "Store an evening's paper counts in the database, for the projector and later tallies.",
        discussion: """
            wijkpeil stickers store SESSION FILE... --db avond.sqlite stores the placement files (the same CSV as
            stickers tally reads) as they are, source paper. The live results (/s/ID/uitslag) and
            wijkpeil stickers tally --db then count them with the phones' dots. A file stored before is stored once;
            a bad line, or two entries that disagree (with what was stored before), stores nothing.
            """,
        options: [
            .surveys, OptionSpec("db", value: "PATH", help: "The database to store the counts in.", default: "./wijkpeil.sqlite"),
            OptionSpec("entry", value: "FILE", help: "One of two entries of the same paper counts.", repeatable: true),
        ],
        positionals: [PositionalSpec(name: "SESSION", help: "The sticker session (id or .json), then the placement files.", variadic: true)],
        run: { arguments, console in
            let (session, _) = try Self.session(arguments)
            let files = try placementFiles(arguments, required: true)
            let earlier = try DatabaseAccess.writing(arguments) { store in
                try StickerTallying.store(session: session, files: files, in: store, language: arguments.language)
            }
            for file in earlier {
                console.err.line(
                    arguments.say(
                        "\(file.fileName): stond al in de database (sinds \(file.storedAt)); niet nog eens opgeslagen",
                        "\(file.fileName): was in the database already (since \(file.storedAt)); not stored again"))
            }
            let stored = Set(files.map(\.name)).count - Set(earlier.map(\.fileName)).count
            console.err.line(
                arguments.say(
                    "\(stored) \(stored == 1 ? "bestand" : "bestanden") met papieren tellingen van '\(session.id)' opgeslagen",
                    "\(stored) \(stored == 1 ? "file" : "files") of paper counts of '\(session.id)' stored"))
            return .success
        })

    private static func digitalTally(_ arguments: ParsedArguments) throws -> (StickerSession, StickerTally) {
        let survey = try DatabaseAccess.survey(arguments)
        return try StickerTallying.stored(survey: survey, question: arguments.value("question"), store: try DatabaseAccess.reader(arguments), language: arguments.language)
    }

    static let poster = CommandSpec(
        name: "poster",
        abstract: "Print posters for a session: an A3 page per option with boxes to stick on and the colour legend.",
        discussion: """
            Print at actual size on A3, portrait. With --table, each table gets its own set, and each poster
            its id for the tally (table-option, such as 1-veiligheid); without it, the table is written on by hand.
            """,
        options: [
            .surveys, .format(["html"], default: "html"),
            OptionSpec("date", value: "YYYY-MM-DD", help: "The evening's date, printed on every poster."),
            OptionSpec("table", value: "NAME", help: "A table to print a set for (repeat for more tables).", repeatable: true),
        ],
        positionals: [PositionalSpec(name: "SESSION", help: "The sticker session (id or .json).")],
        run: { arguments, console in
            let library = try SurveyLibrary.holding(arguments.positionals[0], directory: arguments.value("surveys") ?? "./surveys")
            let entry = try library.resolve(arguments.positionals[0])
            guard case .session(let session) = entry.content else {
                if case .invalid = entry.content { throw InvalidInput(entry.findings) }
                throw CommandFailure(nl: "'\(arguments.positionals[0])' is geen stickersessie", en: "'\(arguments.positionals[0])' is not a sticker session")
            }
            var run = StickerSession.PosterRun(tables: arguments.all("table"))
            run.date = try arguments.date("date")
            console.out.write(session.posterHTML(language: arguments.language, run: run))
            return .success
        })
}
