public import Stickers
public import Store
public import Surveys
public import WijkpeilCore

/// Tallying one evening's stickers: the posters' placement files (with double entry), the dots
/// residents placed on their phones, or both together.
public enum StickerTallying {
    /// One placements file: its name, its bytes, and the entry it is (for double entry).
    public struct PlacementInput: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public var entry: String?

        public init(name: String, bytes: [UInt8], entry: String? = nil) {
            self.name = name
            self.bytes = bytes
            self.entry = entry
        }
    }

    /// The tally of the paper files of `session`; with `store` and `library`, the dots stored for
    /// every survey question that names the session are added (the phones of the same evening).
    /// A bad line stops the tally (findings thrown) unless `skipInvalid`; two entries that differ
    /// stop it with the posters to recount.
    public static func paper(
        session: StickerSession, files: [PlacementInput], skipInvalid: Bool, adding stored: (store: StoreReader, library: SurveyLibrary)? = nil, language: Language
    ) throws -> StickerTally {
        var table = PlacementTable(), attendees: [String: Int] = [:], findings = Findings()
        for file in files {
            let contents = PlacementFile.read(file.bytes, file: file.name, session: session, entry: file.entry)
            table.append(contentsOf: contents.table)
            attendees.merge(contents.attendees) { first, _ in first }
            findings.append(contentsOf: contents.findings)
        }
        if findings.hasErrors, !skipInvalid {
            throw InvalidInput(findings)
        }
        switch DoubleEntry.reconcile(table, session: session) {
        case .agreed(var agreed):
            var result = StickerTally.compute(session: session, table: agreed, attendees: attendees)
            if let stored {
                let digital = try addStoredDots(of: session, library: stored.library, store: stored.store, into: &agreed)
                result = StickerTally.compute(
                    session: session, table: agreed, attendees: attendees, knownParticipants: result.participants.map { $0 + digital })
            }
            result.excluded =
                findings.errors.map { finding in
                    StickerTally.Exclusion(file: finding.location.file ?? "", line: finding.location.line ?? 0, code: finding.code, reason: finding.message)
                } + result.excluded
            return result
        case .differ(let differences):
            var text = differences.map { difference in
                "poster \(difference.poster), \(difference.option), \(difference.colour): "
                    + difference.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            }
            text.insert(
                language == .nl
                    ? "de twee invoeren verschillen; tel deze posters opnieuw (er is niets geteld):"
                    : "the two entries differ; recount these posters (nothing was tallied):", at: 0)
            throw WorkflowError(.invalid, text.joined(separator: "\n  "))
        case .wrongNumberOfEntries(let entries):
            throw WorkflowError(
                .invalid, nl: "dubbele invoer vraagt precies twee invoeren van dezelfde tellingen; gevonden: \(entries.count): \(entries.joined(separator: ", "))",
                en: "double entry needs exactly two entries of the same counts; found \(entries.count): \(entries.joined(separator: ", "))")
        }
    }

    /// The stored dots of one stickers question of `survey` (`question`, or its first), in the
    /// question's session and colours.
    public static func stored(survey: SurveyDefinition, question id: String?, store: StoreReader) throws -> (StickerSession, StickerTally) {
        let candidates = survey.questions.filter { $0.kind.typeName == "stickers" }
        let question: Question
        if let id {
            guard let found = candidates.first(where: { $0.id == id }) else {
                let has = candidates.map(\.id).joined(separator: ", ")
                throw WorkflowError(
                    .usage, nl: "vragenlijst '\(survey.id)' heeft geen stickervraag '\(id)'; wel: \(has)",
                    en: "survey '\(survey.id)' has no stickers question '\(id)'; it has: \(has)")
            }
            question = found
        } else {
            guard let first = candidates.first else {
                throw WorkflowError(
                    .usage, nl: "vragenlijst '\(survey.id)' heeft geen vraag van het type \"stickers\"", en: "survey '\(survey.id)' has no question of type \"stickers\"")
            }
            question = first
        }
        let session = StickerSession(survey: survey, question: question)
        let stored = try store.stickerCounts(survey: survey.id, question: question.id)
        var table = PlacementTable()
        add(stored, session: session, poster: question.id, file: store.path, into: &table)
        return (session, StickerTally.compute(session: session, table: table, knownParticipants: stored.participants))
    }

    /// Adds the stored dots of every survey question that names `session` to `table`, as rows
    /// of a poster named after the question; returns the responses that placed them.
    static func addStoredDots(of session: StickerSession, library: SurveyLibrary, store: StoreReader, into table: inout PlacementTable) throws -> Int {
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
    static func add(_ stored: StickerCounts, session: StickerSession, poster name: String, file path: String, into table: inout PlacementTable) {
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
}
