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
        subcommands: [tally, poster])

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
            One evening, paper and phones together: wijkpeil stickers tally SESSION FILE... --db DB adds the
            dots stored for every stickers question that names SESSION ("session": …) to the paper files.
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
                var table = TextTable(row: ["#", "option", language == .nl ? "naam" : "label", "support", "concern", "share"] + session.colours.map(\.id))
                for row in result.table(session: session, language: language) { table.add(row: row) }
                console.out.write(table.rendered)
                console.err.line(
                    "\(result.stickers) sticker(s) counted, \(result.excluded.count) excluded"
                        + (result.participants.map { ", \($0) participant(s)" } ?? ""))
            }
            for exclusion in result.excluded {
                console.err.line("\(exclusion.file):\(exclusion.line): excluded: \(exclusion.reason.text(in: language)) [\(exclusion.code)]")
            }
            for warning in result.warnings { console.err.line("warning: \(warning.text(in: language))") }
            return .success
        })

    private static func paperTally(_ arguments: ParsedArguments, console: Console) throws -> (StickerSession, StickerTally) {
        guard let reference = arguments.positionals.first else {
            throw UsageError(message: "name the sticker session (an id or a .json file), or use --db and --survey", commandPath: arguments.commandPath)
        }
        let library = try SurveyLibrary.holding(reference, directory: arguments.value("surveys") ?? "./surveys")
        let entry = try library.resolve(reference)
        guard case .session(let session) = entry.content else {
            if case .invalid = entry.content { throw InvalidInput(entry.findings) }
            throw CommandFailure(message: "'\(reference)' is not a sticker session; for a survey's sticker question use --db and --survey")
        }
        let files = Array(arguments.positionals.dropFirst()).map { ($0, nil as String?) } + arguments.all("entry").map { ($0, $0 as String?) }
        guard !files.isEmpty else {
            throw UsageError(message: "name at least one placements file (CSV)", commandPath: arguments.commandPath)
        }
        var table = PlacementTable(), attendees: [String: Int] = [:], findings = Findings()
        for (file, entryName) in files {
            let contents = PlacementFile.read(try InputFile.bytes(file), file: file, session: session, entry: entryName)
            table.append(contentsOf: contents.table)
            attendees.merge(contents.attendees) { first, _ in first }
            findings.append(contentsOf: contents.findings)
        }
        if findings.hasErrors, !arguments.flag("skip-invalid") {
            throw InvalidInput(findings)
        }
        switch DoubleEntry.reconcile(table, session: session) {
        case .agreed(var agreed):
            var result = StickerTally.compute(session: session, table: agreed, attendees: attendees)
            if arguments.value("db") != nil {
                // The phones' dots of the same evening: every stickers question that names this session.
                let digital = try storedDots(session: session, library: library, arguments: arguments, into: &agreed)
                result = StickerTally.compute(
                    session: session, table: agreed, attendees: attendees, knownParticipants: result.participants.map { $0 + digital })
            }
            result.excluded =
                findings.errors.map { finding in
                    StickerTally.Exclusion(file: finding.location.file ?? "", line: finding.location.line ?? 0, code: finding.code, reason: finding.message)
                } + result.excluded
            return (session, result)
        case .differ(let differences):
            var text = differences.map { difference in
                "poster \(difference.poster), \(difference.option), \(difference.colour): "
                    + difference.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            }
            text.insert(
                arguments.language == .nl
                    ? "de twee invoeren verschillen; tel deze posters opnieuw (er is niets geteld):"
                    : "the two entries differ; recount these posters (nothing was tallied):", at: 0)
            throw CommandFailure(message: text.joined(separator: "\n  "), exitCode: .invalid)
        case .wrongNumberOfEntries(let entries):
            throw CommandFailure(
                message: "double entry needs exactly two entries of the same counts; found \(entries.count): \(entries.joined(separator: ", "))",
                exitCode: .invalid)
        }
    }

    /// Adds the stored dots of every survey question that names `session` to `table`, as rows of
    /// a poster named after the question; returns the responses that placed them.
    private static func storedDots(session: StickerSession, library: SurveyLibrary, arguments: ParsedArguments, into table: inout PlacementTable) throws -> Int {
        let store = try DatabaseAccess.open(arguments, mustExist: true)
        var participants = 0
        for entry in library.definitions {
            guard case .survey(let survey) = entry.content else { continue }
            for question in survey.questions {
                guard case .sessionStickers(let allotment) = question.kind, allotment.session == session.id else { continue }
                let stored = try store.stickerCounts(survey: survey.id, question: question.id)
                add(stored, session: session, poster: "\(survey.id)/\(question.id)", file: store.path, into: &table)
                participants += stored.participants
            }
        }
        return participants
    }

    /// Stored counts as rows of the placement table: one row per colour and option.
    private static func add(_ stored: StickerCounts, session: StickerSession, poster name: String, file path: String, into table: inout PlacementTable) {
        let file = table.addFile(path), poster = table.posterId(name)
        for (colourIndex, colour) in session.colours.enumerated() {
            // One-colour questions store their dots under "".
            let byOption = stored.stickers[colour.id] ?? (session.colours.count == 1 ? stored.stickers[""] : nil) ?? [:]
            for (index, option) in session.options.enumerated() {
                guard let count = byOption[option.id], count > 0 else { continue }
                table.append(poster: poster, option: UInt16(index), colour: UInt8(colourIndex), count: Int32(count), participant: -1, entry: -1, file: file, line: 0)
            }
        }
    }

    private static func digitalTally(_ arguments: ParsedArguments) throws -> (StickerSession, StickerTally) {
        let survey = try DatabaseAccess.survey(arguments)
        let candidates = survey.questions.filter { question in
            switch question.kind {
            case .stickers, .sessionStickers: true
            default: false
            }
        }
        let question: Question
        if let id = arguments.value("question") {
            guard let found = candidates.first(where: { $0.id == id }) else {
                throw CommandFailure(message: "survey '\(survey.id)' has no stickers question '\(id)'; it has: \(candidates.map(\.id).joined(separator: ", "))")
            }
            question = found
        } else {
            guard let first = candidates.first else {
                throw CommandFailure(message: "survey '\(survey.id)' has no question of type \"stickers\"")
            }
            question = first
        }
        let session = StickerSession(survey: survey, question: question)
        let store = try DatabaseAccess.open(arguments, mustExist: true)
        let stored = try store.stickerCounts(survey: survey.id, question: question.id)
        var table = PlacementTable()
        add(stored, session: session, poster: question.id, file: store.path, into: &table)
        return (session, StickerTally.compute(session: session, table: table, knownParticipants: stored.participants))
    }

    static let poster = CommandSpec(
        name: "poster",
        abstract: "Print posters for a session: an A3 page per option with boxes to stick on and the colour legend.",
        options: [.surveys, .format(["html"], default: "html")],
        positionals: [PositionalSpec(name: "SESSION", help: "The sticker session (id or .json).")],
        run: { arguments, console in
            let library = try SurveyLibrary.holding(arguments.positionals[0], directory: arguments.value("surveys") ?? "./surveys")
            let entry = try library.resolve(arguments.positionals[0])
            guard case .session(let session) = entry.content else {
                if case .invalid = entry.content { throw InvalidInput(entry.findings) }
                throw CommandFailure(message: "'\(arguments.positionals[0])' is not a sticker session")
            }
            console.out.write(session.posterHTML(language: arguments.language))
            return .success
        })
}
