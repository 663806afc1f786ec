public import Surveys
public import WijkpeilCore

/// Where a response came from.
public enum ResponseSource: String, Sendable, Hashable, CaseIterable {
    /// The resident form (HTML).
    case web
    /// The JSON API.
    case api
    /// A paper form, typed in and imported.
    case paper
}

/// A validated response on its way into the store.
public struct Submission: Sendable, Hashable {
    public var surveyId: String
    /// The hash of the definition the answers were validated against (see ``Store/register(_:)``).
    public var definitionHash: String
    /// The key that makes a repeated submission (a double tap, a re-imported file) store once.
    public var submissionKey: String
    public var source: ResponseSource
    /// The validated answers as compact JSON text, encoded on the caller's thread so the writer
    /// spends its time only on SQLite.
    public var answersText: String
    /// The invitation code, for surveys that require one.
    public var invite: InviteCode?
    /// Whether the survey requires an unused invitation code (``SurveyDefinition/requiresInvite``).
    public var requiresInvite: Bool
    /// The digital stickers in the answers, added to the running totals when the response is
    /// stored (not when it is a repeat).
    public var stickers: [StickerCount]

    /// Stickers of one colour on one option of one `stickers` question (colour `""` for a
    /// question of one colour).
    public struct StickerCount: Sendable, Hashable {
        public var question: String
        public var colour: String
        public var option: String
        public var count: Int
    }

    /// `keyOrder`, when given, is the definition's ``SurveyDefinition/answerKeyOrder``, worked
    /// out once for many responses; `answersText`, when given, is the response's answers
    /// encoded already (``ValidatedResponse/compactAnswersText(keyOrder:)``) by a reader that
    /// wrote them while reading.
    public init(
        response: ValidatedResponse, definition: SurveyDefinition, definitionHash: String, submissionKey: String,
        source: ResponseSource, invite: InviteCode? = nil, keyOrder: [String]? = nil, answersText: String? = nil
    ) {
        self.requiresInvite = definition.requiresInvite
        self.surveyId = response.surveyId
        self.definitionHash = definitionHash
        self.submissionKey = submissionKey
        self.source = source
        self.answersText = answersText ?? response.compactAnswersText(keyOrder: keyOrder ?? definition.answerKeyOrder)
        self.invite = invite
        var stickers: [StickerCount] = []
        // Grouped by question (the writer counts a participant once per question).
        for (question, answer) in response.answers {
            switch answer {
            case .stickers(let counts):
                for (option, count) in counts where count > 0 {
                    stickers.append(StickerCount(question: question, colour: "", option: option, count: count))
                }
            case .colouredStickers(let counts):
                for (colour, byOption) in counts {
                    for (option, count) in byOption where count > 0 {
                        stickers.append(StickerCount(question: question, colour: colour, option: option, count: count))
                    }
                }
            default:
                continue
            }
        }
        self.stickers = stickers
    }
}

/// What the store says when a submission is durable.
public struct Receipt: Sendable, Hashable {
    /// The response's id.
    public var id: Int64
    /// Whether the submission key was already stored; `id` is then the first one's.
    public var isDuplicate: Bool

    public init(id: Int64, isDuplicate: Bool) {
        self.id = id
        self.isDuplicate = isDuplicate
    }
}

/// A response as stored, for the admin view and for analysis.
public struct StoredResponse: Sendable, Hashable {
    public var id: Int64
    public var surveyId: String
    public var definitionHash: String
    public var submissionKey: String
    public var source: ResponseSource
    public var answers: JSONValue
    /// When it was received, ISO 8601 in UTC.
    public var receivedAt: String
}

/// One imported file, remembered by the SHA-256 of its bytes (the `import_batches` table).
public struct ImportBatch: Sendable, Hashable {
    public var surveyId: String
    /// SHA-256 of the file's bytes, in hex.
    public var hash: String
    /// The file's name as it was given, for telling the organiser which file it was.
    public var fileName: String
    /// The responses the import stored.
    public var rows: Int
    /// When it was imported, ISO 8601 in UTC.
    public var importedAt: String

    public init(surveyId: String, hash: String, fileName: String, rows: Int = 0, importedAt: String = "") {
        self.surveyId = surveyId
        self.hash = hash
        self.fileName = fileName
        self.rows = rows
        self.importedAt = importedAt
    }
}

extension ImportBatch {
    /// The record of the file with SHA-256 `hash` imported for `survey`, if there is one.
    static func find(survey: String, hash: String, in connection: Connection) throws(StoreError) -> ImportBatch? {
        var found: ImportBatch?
        try connection.prepare(
            "SELECT file_name, rows, imported_at FROM import_batches WHERE survey_id = ? AND hash = ?", purpose: "reading imported files"
        ).query([.text(survey), .text(hash)]) { row in
            found = ImportBatch(surveyId: survey, hash: hash, fileName: row.text(0), rows: Int(row.int64(1)), importedAt: row.text(2))
        }
        return found
    }
}

/// What a file being imported hands the store next (``Store/importFile(registering:commitDespiteRejections:next:)``).
public enum ImportFeed: Sendable {
    /// The next rows, in the file's order.
    case submissions([Submission])
    /// The file's record, known before its end (its SHA-256 is worked out while it is read): a
    /// file imported before stops here, and nothing is stored.
    case record(ImportBatch)
    /// The file is done: commit, unless a rejected row stops it, or unless the file — known by
    /// the SHA-256 in `batch` — was imported before.
    case end(ImportBatch)
    /// The file was refused: store nothing.
    case refused
}

/// What became of an imported file.
public enum ImportOutcome: Sendable {
    /// Each submission's result, in order. `committed` is false when a rejection stopped the
    /// whole file: then nothing was stored.
    case imported(results: [Result<Receipt, StoreError>], committed: Bool)
    /// The same file (by SHA-256) was imported before; nothing was stored.
    case alreadyImported(ImportBatch)
}

/// What the store's writer did since the store was opened.
public struct WriteStatistics: Sendable, Hashable {
    /// Transactions committed.
    public var batches: Int
    /// Submissions handed to the writer, whatever became of them.
    public var submissions: Int
    /// New responses stored.
    public var stored: Int
    /// Submissions whose key was stored already with the same answers (a double tap).
    public var duplicates: Int
}

/// Stored stickers of one question: per colour (`""` for a question of one colour), per option,
/// and how many responses placed any.
public struct StickerCounts: Sendable, Hashable {
    public var stickers: [String: [String: Int]] = [:]
    public var participants = 0

    public init(stickers: [String: [String: Int]] = [:], participants: Int = 0) {
        self.stickers = stickers
        self.participants = participants
    }
}

/// A survey definition as the store keeps it: the definition and the hash responses are filed
/// under (``Store/register(_:)``). What every intake (the form, the API, the paper import)
/// makes submissions for, so none can file a response under a missing hash.
public struct RegisteredSurvey: Sendable, Hashable {
    public let definition: SurveyDefinition
    public let hash: String
    /// The definition's ``SurveyDefinition/answerKeyOrder``, for encoding its responses.
    public let answerKeyOrder: [String]

    /// The definition with the hash ``Store/register(_:)`` files it under (the hash is of its
    /// canonical JSON, so it is known before the definition is stored).
    public init(_ definition: SurveyDefinition) {
        self.init(definition: definition, hash: Store.hash(of: definition))
    }

    init(definition: SurveyDefinition, hash: String) {
        self.definition = definition
        self.hash = hash
        answerKeyOrder = definition.answerKeyOrder
    }
}

/// The one intake of a response, whatever the channel (the form, the API, the paper import):
/// answers checked against the survey they were given to (``AnswerValidator``), filed with that
/// survey's hash, a key and the channel.
public enum Intake {
    /// The submission of a checked response.
    /// `answersText`: the answers encoded already, by a reader that wrote them while reading.
    public static func submission(
        _ response: ValidatedResponse, to survey: RegisteredSurvey, key: String, source: ResponseSource, invite: InviteCode? = nil,
        answersText: String? = nil
    ) -> Submission {
        Submission(
            response: response, definition: survey.definition, definitionHash: survey.hash, submissionKey: key, source: source, invite: invite,
            keyOrder: survey.answerKeyOrder, answersText: answersText)
    }
}
