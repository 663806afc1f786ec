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
            switch row.result {
            case .success(let response):
                var invite: InviteCode?
                if survey.requiresInvite {
                    do throws(InviteCode.ParseError) {
                        invite = try InviteCode(parsing: row.invite ?? "")
                    } catch {
                        prepared.invalid.append(LineError(line: row.line, error: badCode))
                        continue
                    }
                }
                prepared.submissions.append(Intake.submission(response, to: filed, key: row.submissionKey, source: .paper, invite: invite))
                prepared.submissionLines.append(row.line)
            case .failure(let errors):
                prepared.invalid += errors.errors.map { LineError(line: row.line, error: $0) }
            }
        }
        return prepared
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
            outcome.committed = committed
            var receipts: [Receipt] = []
            for (line, result) in zip(prepared.submissionLines, results) {
                switch result {
                case .success(let receipt): receipts.append(receipt)
                case .failure(let error):
                    let refusedCode = error.kind == .inviteRejected || error.kind == .inviteUsed
                    outcome.invalid.append(LineError(line: line, error: refusedCode ? codeRefused : keyConflict))
                }
            }
            if committed {
                outcome.stored = receipts.filter { !$0.isDuplicate }.count
                outcome.alreadyStored = receipts.count - outcome.stored
            }
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
        var reasons: [Int: [String]] = [:]
        for item in invalid { reasons[item.line, default: []].append("\(item.error.question): \(item.error.message.text(in: language))") }
        let base = (prepared.fileName as NSString).deletingPathExtension
        var text = ""
        switch prepared.format {
        case .csv:
            let records = try CSVReader.records(prepared.bytes, file: prepared.fileName)
            guard let header = records.first else { return (base + ".afgewezen.csv", "") }
            text += CSVWriter.line(header.fields + [ResponseTable.reasonColumn])
            for record in records.dropFirst() {
                guard let reason = reasons[record.line] else { continue }
                text += CSVWriter.line(record.fields + [reason.joined(separator: "; ")])
            }
            return (base + ".afgewezen.csv", text)
        case .jsonl:
            for (index, slice) in prepared.bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() where reasons[index + 1] != nil {
                text += String(decoding: slice, as: UTF8.self) + "\n"
            }
            return (base + ".afgewezen.jsonl", text)
        }
    }
}
