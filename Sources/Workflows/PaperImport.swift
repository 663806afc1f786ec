import Foundation
import Hashing
public import Store
public import Surveys
public import WijkpeilCore

/// Importing a file of paper forms typed in (CSV or JSONL): every line checked first, the valid
/// ones stored in one transaction, the file remembered by its SHA-256 so that the same file
/// again stores nothing, and the refused lines kept for correction.
public enum PaperImport {
    /// A file read and checked, before anything is stored.
    public struct Prepared: Sendable {
        public var survey: SurveyDefinition
        public var fileName: String
        public var fileHash: String
        public var format: ResponseFile.Format
        public var bytes: [UInt8]
        public var submissions: [Submission]
        /// The line of each submission, in the same order.
        public var submissionLines: [Int]
        /// Every refused answer with its line.
        public var invalid: [LineError]
        public var blankLines: Int

        /// Whether anything should be stored: the file has valid lines, and none is invalid
        /// unless the invalid ones are to be skipped.
        public func shouldStore(skippingInvalid: Bool) -> Bool {
            !submissions.isEmpty && (invalid.isEmpty || skippingInvalid)
        }
    }

    /// One refused answer and the line it is on.
    public struct LineError: Sendable, Hashable {
        public var line: Int
        public var error: AnswerError
    }

    /// What became of the file.
    public struct Outcome: Sendable {
        public var stored = 0
        public var alreadyStored = 0
        public var committed = false
        /// The earlier import of the same file, when it was imported before (nothing is stored).
        public var earlier: ImportBatch?
        /// Every refused answer with its line, the key conflicts found while storing included.
        public var invalid: [LineError]

        /// Lines with at least one refused answer.
        public var invalidLines: Int { Set(invalid.map(\.line)).count }

        /// Nothing stored, and the refused answers found while reading.
        public init(invalid: [LineError]) {
            self.invalid = invalid
        }

        /// What the store did with the rows on `lines`: rows refused while storing join the
        /// invalid ones; a committed import counts the stored and the repeated rows.
        mutating func add(_ results: [Result<Receipt, StoreError>], lines: [Int], committed: Bool) {
            self.committed = committed
            var receipts = 0, repeated = 0
            for (line, result) in zip(lines, results) {
                switch result {
                case .success(let receipt):
                    receipts += 1
                    if receipt.isDuplicate { repeated += 1 }
                case .failure(let error):
                    let refusedCode = error.kind == .inviteRejected || error.kind == .inviteUsed
                    invalid.append(LineError(line: line, error: refusedCode ? codeRefused : keyConflict))
                }
            }
            if committed {
                stored = receipts - repeated
                alreadyStored = repeated
            }
        }
    }

    /// A file read, checked and stored by ``importFile(_:fileName:survey:skippingInvalid:store:)``.
    public struct Imported: Sendable {
        public var fileHash: String
        public var format: ResponseFile.Format
        public var blankLines: Int
        public var outcome: Outcome
    }

    /// Reads and checks `bytes` (a file called `fileName`; `.jsonl` and `.ndjson` are JSONL,
    /// anything else CSV). A survey that needs invitation codes is refused, except a budget vote
    /// typed in from paper ballots with their codes in an `invite` column: each code is checked
    /// and spent when the file is stored, exactly as on the form, and never stored with the ballot.
    public static func prepare(_ bytes: [UInt8], fileName: String, survey: SurveyDefinition) throws -> Prepared {
        let isBallot = survey.questions.contains { if case .approval = $0.kind { true } else { false } }
        guard !survey.requiresInvite || isBallot else {
            throw WorkflowError(
                .invalid,
                nl: "vragenlijst '\(survey.id)' vraagt uitnodigingscodes (een bindende stemming); het inlezen van papier kan die niet controleren, dus het wordt geweigerd",
                en: "survey '\(survey.id)' requires invitation codes (a binding vote); paper import cannot check them, so it is refused")
        }
        let fileHash = SHA256.hex(bytes)
        let format = ResponseFile.Format(fileName: fileName)
        let contents: ResponseFile.Contents
        do throws(InvalidInput) {
            contents = try ResponseFile.read(bytes, format: format, definition: survey, fileHash: fileHash)
        } catch {
            throw InvalidInput(error.findings.inFile(fileName))
        }
        let filed = RegisteredSurvey(survey)
        var prepared = Prepared(
            survey: survey, fileName: fileName, fileHash: fileHash, format: format, bytes: bytes, submissions: [], submissionLines: [], invalid: [],
            blankLines: contents.blankLines)
        if survey.requiresInvite, format == .jsonl || !contents.rows.contains(where: { $0.invite != nil }) && !contents.rows.isEmpty {
            throw WorkflowError(
                .invalid,
                nl:
                    "'\(fileName)': papieren stembiljetten van '\(survey.id)' hebben een kolom \"invite\" nodig met de uitnodigingscode die bij elk biljet is ingeleverd; er is niets opgeslagen",
                en: "'\(fileName)': paper ballots of '\(survey.id)' need a column \"invite\" with the invitation code handed in with each ballot; nothing was stored")
        }
        for row in contents.rows {
            switch submission(row, to: filed) {
            case .success(let submission):
                prepared.submissions.append(submission)
                prepared.submissionLines.append(row.line)
            case .failure(let errors):
                prepared.invalid += errors.errors
            }
        }
        return prepared
    }

    /// A row as a submission from paper, or its refused answers with its line. A ballot's
    /// invitation code must be of the shape printed on the cards.
    private static func submission(_ row: ResponseFile.Row, to survey: RegisteredSurvey) -> Result<Submission, LineErrors> {
        switch row.result {
        case .success(let response):
            var invite: InviteCode?
            if survey.definition.requiresInvite {
                do throws(InviteCode.ParseError) {
                    invite = try InviteCode(parsing: row.invite ?? "")
                } catch {
                    return .failure(LineErrors([LineError(line: row.line, error: badCode)]))
                }
            }
            return .success(Intake.submission(response, to: survey, key: row.submissionKey, source: .paper, invite: invite, answersText: row.answersText))
        case .failure(let errors):
            return .failure(LineErrors(errors.errors.map { LineError(line: row.line, error: $0) }))
        }
    }

    /// The refused answers of one line.
    struct LineErrors: Error {
        var errors: [LineError]
        init(_ errors: [LineError]) { self.errors = errors }
    }

    /// Reads, checks and stores a file in one go, as ``prepare(_:fileName:survey:)`` and
    /// ``store(_:into:skippingInvalid:)`` do one after the other, but at the same time: a
    /// thread of its own reads and checks the rows while this one stores those read so far, in
    /// one transaction that commits at the end. A line that turns out invalid rolls it back
    /// (unless `skippingInvalid`), so all or nothing holds as before; and since the rows travel
    /// in small chunks, a large file is never held as rows.
    ///
    /// `store` opens the database, runs the body it is given on it, and closes it. It is called
    /// only once a first chunk of valid rows is read (or the whole file, if it is small): a file
    /// refused by then never touches the database.
    public static func importFile(
        _ bytes: [UInt8], fileName: String, survey: SurveyDefinition, skippingInvalid: Bool,
        store: (_ body: (Store) throws -> Outcome) throws -> Outcome
    ) throws -> Imported {
        // Ballots are checked as a whole file first (their codes need a column) and are small.
        if survey.requiresInvite {
            let prepared = try prepare(bytes, fileName: fileName, survey: survey)
            var outcome = Outcome(invalid: prepared.invalid)
            if prepared.shouldStore(skippingInvalid: skippingInvalid) {
                outcome = try store { try Self.store(prepared, into: $0, skippingInvalid: skippingInvalid) }
            }
            return Imported(fileHash: prepared.fileHash, format: prepared.format, blankLines: prepared.blankLines, outcome: outcome)
        }
        let format = ResponseFile.Format(fileName: fileName)
        let feed = RowFeed(capacity: 8)
        let fileHash = Eventual<String>()
        let reading = Eventual<Result<(invalid: [LineError], blankLines: Int), InvalidInput>>()
        // Three at once: the file's SHA-256, the reading, and (here) the storing.
        DispatchQueue.global(qos: .userInitiated).async { fileHash.publish(SHA256.hex(bytes)) }
        DispatchQueue.global(qos: .userInitiated).async {
            reading.publish(readRows(bytes, format: format, survey: survey, skippingInvalid: skippingInvalid, fileHash: fileHash, into: feed))
        }
        defer { feed.close() }
        var outcome = Outcome(invalid: [])
        var first: RowFeed.Next? = feed.next()
        if case .rows? = first {
            var lines: [Int] = []
            let name = (fileName as NSString).lastPathComponent
            var recorded = false
            outcome = try store { store in
                var outcome = Outcome(invalid: [])
                let result = try store.importFile(registering: survey, commitDespiteRejections: skippingInvalid) {
                    // As soon as the hash is there, the store hears it: the same file again stops
                    // then, not after every row was stored to be rolled back.
                    if !recorded, let hash = fileHash.published {
                        recorded = true
                        return .record(ImportBatch(surveyId: survey.id, hash: hash, fileName: name))
                    }
                    let next: RowFeed.Next
                    if let taken = first {
                        next = taken
                        first = nil
                    } else {
                        next = feed.next()
                    }
                    switch next {
                    case .rows(let chunk):
                        lines += chunk.lines
                        return .submissions(chunk.submissions)
                    case .end: return .end(ImportBatch(surveyId: survey.id, hash: fileHash.value, fileName: name))
                    case .refused: return .refused
                    }
                }
                switch result {
                case .alreadyImported(let earlier): outcome.earlier = earlier
                case .imported(let results, let committed): outcome.add(results, lines: lines, committed: committed)
                }
                return outcome
            }
        }
        // The store takes no more rows (it had them all, or stopped): a reader still handing some
        // over is released before its result is awaited.
        feed.close()
        let read: (invalid: [LineError], blankLines: Int)
        do {
            read = try reading.value.get()
        } catch {
            throw InvalidInput(error.findings.inFile(fileName))
        }
        outcome.invalid += read.invalid
        outcome.invalid.sort { $0.line < $1.line }
        return Imported(fileHash: fileHash.value, format: format, blankLines: read.blankLines, outcome: outcome)
    }

    /// The reading side of ``importFile(_:fileName:survey:skippingInvalid:store:)``: every row
    /// checked, the valid ones handed to `feed` in chunks, the refused answers returned. An
    /// invalid row refuses the feed unless `skippingInvalid`; the rows are still all read, so
    /// that every bad line is named.
    private static func readRows(
        _ bytes: [UInt8], format: ResponseFile.Format, survey: SurveyDefinition, skippingInvalid: Bool, fileHash: Eventual<String>, into feed: RowFeed
    ) -> Result<(invalid: [LineError], blankLines: Int), InvalidInput> {
        let filed = RegisteredSurvey(survey)
        var invalid: [LineError] = []
        var chunk = RowFeed.Chunk()
        let chunkSize = 2048
        do throws(InvalidInput) {
            let blank = try ResponseFile.forEachRow(
                bytes, format: format, definition: survey, derivedKey: { ResponseFile.derivedKey(fileHash: fileHash.value, line: $0) }
            ) { row in
                // Once the file is refused, valid rows are only read on to name the bad ones.
                if !invalid.isEmpty, !skippingInvalid, case .success = row.result { return }
                switch submission(row, to: filed) {
                case .success(let submission):
                    chunk.submissions.append(submission)
                    chunk.lines.append(row.line)
                    if chunk.submissions.count == chunkSize {
                        feed.put(chunk)
                        chunk = RowFeed.Chunk()
                    }
                case .failure(let errors):
                    if invalid.isEmpty, !skippingInvalid { feed.refuse() }
                    invalid += errors.errors
                }
            }
            if !chunk.submissions.isEmpty { feed.put(chunk) }
            feed.finish()
            return .success((invalid, blank))
        } catch {
            feed.refuse()
            return .failure(error)
        }
    }

    /// Stores the valid lines in one transaction and records the file. A line whose form number
    /// (key) was stored before with other answers joins the invalid ones; without
    /// `skippingInvalid` it stops the whole file.
    public static func store(_ prepared: Prepared, into store: Store, skippingInvalid: Bool) throws -> Outcome {
        var outcome = Outcome(invalid: prepared.invalid)
        try store.register(prepared.survey)
        let batch = ImportBatch(surveyId: prepared.survey.id, hash: prepared.fileHash, fileName: (prepared.fileName as NSString).lastPathComponent)
        switch try store.importFile(prepared.submissions, batch: batch, commitDespiteRejections: skippingInvalid) {
        case .alreadyImported(let earlier):
            outcome.earlier = earlier
        case .imported(let results, let committed):
            outcome.add(results, lines: prepared.submissionLines, committed: committed)
        }
        outcome.invalid.sort { $0.line < $1.line }
        return outcome
    }

    /// A ballot whose invitation code is missing or not of the shape printed on the cards.
    public static let badCode = AnswerError(
        question: "invite", code: .wrongType,
        message: LocalizedText(
            nl: "de uitnodigingscode ontbreekt of is verkeerd overgetypt; controleer het kaartje dat bij het stembiljet hoort",
            en: "the invitation code is missing or mistyped; check the card handed in with the ballot"))

    /// A ballot whose code is unknown, or was used already (on the form or on another ballot).
    public static let codeRefused = AnswerError(
        question: "invite", code: .keyConflict,
        message: LocalizedText(
            nl: "deze uitnodigingscode is onbekend of al gebruikt; de stem telt niet",
            en: "this invitation code is unknown or was used already; the ballot does not count"))

    /// A line whose key (form number) was stored before with other answers.
    public static let keyConflict = AnswerError(
        question: "-", code: .keyConflict,
        message: LocalizedText(
            nl: "dit formuliernummer (of deze submissionKey) is al opgeslagen met andere antwoorden; de eerste antwoorden zijn bewaard",
            en: "this form number (or submissionKey) was already stored with other answers; the first answers were kept"))

    /// The refused lines for correction: for CSV the header, the lines and a column `reden` that
    /// the import passes over (`FILE.afgewezen.csv`); for JSONL the lines as they were
    /// (`FILE.afgewezen.jsonl`). Returns the file's name beside the original and its text.
    public static func rejectedLines(_ invalid: [LineError], of prepared: Prepared, language: Language) throws -> (file: String, text: String) {
        try rejectedLines(invalid, in: prepared.bytes, fileName: prepared.fileName, format: prepared.format, language: language)
    }

    /// The refused lines of the file `bytes` called `fileName`, as ``rejectedLines(_:of:language:)``.
    public static func rejectedLines(
        _ invalid: [LineError], in bytes: [UInt8], fileName: String, format: ResponseFile.Format, language: Language
    ) throws -> (file: String, text: String) {
        var reasons: [Int: [String]] = [:]
        for item in invalid { reasons[item.line, default: []].append("\(item.error.question): \(item.error.message.text(in: language))") }
        let base = (fileName as NSString).deletingPathExtension
        var text = ""
        switch format {
        case .csv:
            let records = try CSVReader.records(bytes, file: fileName)
            guard let header = records.first else { return (base + ".afgewezen.csv", "") }
            text += CSVWriter.line(header.fields + [ResponseTable.reasonColumn])
            for record in records.dropFirst() {
                guard let reason = reasons[record.line] else { continue }
                text += CSVWriter.line(record.fields + [reason.joined(separator: "; ")])
            }
            return (base + ".afgewezen.csv", text)
        case .jsonl:
            for (index, slice) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() where reasons[index + 1] != nil {
                text += String(decoding: slice, as: UTF8.self) + "\n"
            }
            return (base + ".afgewezen.jsonl", text)
        }
    }
}
