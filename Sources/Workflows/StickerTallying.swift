public import Stickers
public import Store
public import Surveys
public import WijkpeilCore

/// Tallying one evening's stickers: the posters' placement files (with double entry), the dots
/// residents placed on their phones, or both together.
public enum StickerTallying {
    /// One placements file: its name, its bytes, and the entry it is (for double entry).
    public typealias PlacementInput = PaperCounts.File

    /// The tally of the paper files of `session`; with `store` and `library`, the paper counts
    /// stored for the session (`stickers store`) and the dots stored for every survey question that
    /// names it (the phones of the same evening) are added. A file given that is stored already
    /// counts once. A bad line stops the tally (findings thrown) unless `skipInvalid`; two entries
    /// that differ stop it with the posters to recount.
    public static func paper(
        session: StickerSession, files: [PlacementInput], skipInvalid: Bool, adding stored: (store: StoreReader, library: SurveyLibrary)? = nil, language: Language
    ) throws -> StickerTally {
        var inputs = files, warnings: [LocalizedText] = []
        if let stored {
            let kept = try stored.store.stickerFiles(session: session.id)
            let keptHashes = Set(kept.map(\.hash))
            inputs = kept.map { PlacementInput(name: "\($0.fileName) (\(stored.store.path))", bytes: $0.bytes, entry: $0.entry) }
            for file in files {
                guard keptHashes.contains(StickerFile(sessionId: session.id, fileName: file.name, entry: file.entry, bytes: file.bytes).hash) else {
                    inputs.append(file)
                    continue
                }
                warnings.append(
                    LocalizedText(
                        nl: "\(file.name) staat al in \(stored.store.path) en is één keer geteld", en: "\(file.name) is stored in \(stored.store.path) already and was counted once"
                    ))
            }
        }
        let (table, attendees, findings) = try agreedCounts(inputs, session: session, language: language)
        var agreed = table
        if findings.hasErrors, !skipInvalid {
            throw InvalidInput(findings)
        }
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
        result.warnings = warnings + result.warnings
        return result
    }

    /// Checks the paper counts `files` of `session` and stores them in `store` (`stickers store`),
    /// so that the projector and every later tally with the database count them. Together with
    /// the files stored before they must be valid and, where entered twice, agree: otherwise
    /// nothing is stored. Returns the files that were stored already (by their bytes).
    public static func store(session: StickerSession, files: [PlacementInput], in store: Store, language: Language) throws -> [StickerFile] {
        let kept = try store.stickerFiles(session: session.id)
        let given = files.map { StickerFile(sessionId: session.id, fileName: $0.name, entry: $0.entry, bytes: $0.bytes) }
        let keptHashes = Set(kept.map(\.hash))
        var seen: Set<String> = []
        let new = given.filter { !keptHashes.contains($0.hash) && seen.insert($0.hash).inserted }
        let all =
            kept.map { PlacementInput(name: "\($0.fileName) (\(store.path))", bytes: $0.bytes, entry: $0.entry) }
            + new.map { PlacementInput(name: $0.fileName, bytes: $0.bytes, entry: $0.entry) }
        var findings = Findings()
        for file in new {
            findings.append(contentsOf: PlacementFile.read(file.bytes, file: file.fileName, session: session, entry: file.entry).findings)
        }
        if findings.hasErrors { throw InvalidInput(findings) }
        // The first of two entries may be stored before the second is typed in; the second must
        // then agree with it.
        if case .wrongNumberOfEntries(let entries) = PaperCounts.read(all, session: session), entries.count == 1 {
        } else {
            _ = try agreedCounts(all, session: session, language: language)
        }
        return try store.storeStickerFiles(given)
    }

    /// The paper counts of `files` with their entries reconciled, or the error that says which
    /// posters to recount.
    static func agreedCounts(_ files: [PlacementInput], session: StickerSession, language: Language) throws -> (PlacementTable, [String: Int], Findings) {
        switch PaperCounts.read(files, session: session) {
        case .agreed(let table, let attendees, let findings):
            return (table, attendees, findings)
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
    public static func stored(survey: SurveyDefinition, question id: String?, store: StoreReader, language: Language = .nl) throws -> (StickerSession, StickerTally) {
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
        // The paper counts of the question's session, stored with `stickers store`, come first.
        var table = PlacementTable(), attendees: [String: Int] = [:], participants: Int? = stored.participants
        if case .sessionStickers(let allotment) = question.kind {
            let paper = try store.stickerFiles(session: allotment.session)
            if !paper.isEmpty {
                let files = paper.map { PlacementInput(name: "\($0.fileName) (\(store.path))", bytes: $0.bytes, entry: $0.entry) }
                (table, attendees, _) = try agreedCounts(files, session: session, language: language)
                participants = StickerTally.compute(session: session, table: table, attendees: attendees).participants.map { $0 + stored.participants }
            }
        }
        add(stored, session: session, poster: question.id, file: store.path, into: &table)
        return (session, StickerTally.compute(session: session, table: table, attendees: attendees, knownParticipants: participants))
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
