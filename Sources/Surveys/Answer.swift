public import WijkpeilCore

/// A validated answer to one question.
public enum Answer: Sendable, Hashable {
    /// The id of the chosen option.
    case single(String)
    /// The ids of the chosen options, in the order of the definition.
    case multi([String])
    /// A rating or a number.
    case number(Double)
    /// Text, a normalised postcode (`1234 AB`), an e-mail address or a date (`2026-11-23`).
    case text(String)
    case consent(Bool)
    /// Stickers per option id; options without stickers are left out.
    case stickers([String: Int])
    /// Stickers of a session, per colour then per option: `{"groen": {"veiligheid": 2}}`;
    /// colours and options without stickers are left out.
    case colouredStickers([String: [String: Int]])

    /// The answer in the JSON shape of the API and of stored responses.
    public var jsonValue: JSONValue {
        switch self {
        case .single(let id): .string(id)
        case .multi(let ids): .array(ids.map(JSONValue.string))
        case .number(let value): .number(value)
        case .text(let text): .string(text)
        case .consent(let flag): .bool(flag)
        case .stickers(let counts): .object(counts.mapValues { .number(Double($0)) })
        case .colouredStickers(let counts): .object(counts.mapValues { .object($0.mapValues { .number(Double($0)) }) })
        }
    }
}

/// A response that passed validation against one survey definition: the only kind the store keeps.
public struct ValidatedResponse: Sendable, Hashable {
    public var surveyId: String
    /// Answers by question id; unanswered questions are absent.
    public var answers: [String: Answer]

    public init(surveyId: String, answers: [String: Answer]) {
        self.surveyId = surveyId
        self.answers = answers
    }

    /// The answers as one JSON object, keys sorted when encoded.
    public var answersJSON: JSONValue {
        .object(answers.mapValues(\.jsonValue))
    }

    /// `answersJSON.compactText`, written in `keyOrder` — the definition's question ids sorted
    /// as the encoder sorts keys (``SurveyDefinition/answerKeyOrder``) — instead of sorting the
    /// keys of every response again.
    public func compactAnswersText(keyOrder: [String]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        bytes.reserveCapacity(64 + answers.count * 32)
        var written = 0
        for id in keyOrder {
            guard let answer = answers[id] else { continue }
            if written > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONValue.appendString(id, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            answer.jsonValue.appendCompact(to: &bytes)
            written += 1
        }
        // Answers under other keys than the order's: the general encoder.
        guard written == answers.count else { return answersJSON.compactText }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Why one answer was refused, in words a resident can act on.
public struct AnswerError: Error, Sendable, Hashable {
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        case missing
        case wrongType = "wrong-type"
        case outOfRange = "out-of-range"
        case notWholeNumber = "not-a-whole-number"
        case unknownOption = "unknown-option"
        case duplicateChoice = "duplicate-choice"
        case tooManyChoices = "too-many-choices"
        case tooFewChoices = "too-few-choices"
        case overBudget = "over-budget"
        case overCap = "over-cap"
        case invalidPostcode = "invalid-postcode"
        case invalidEmail = "invalid-email"
        case invalidDate = "invalid-date"
        case tooLong = "too-long"
        case unknownQuestion = "unknown-question"
        case noConsent = "no-consent"
        /// NUL or another control character (line breaks and tabs in text are fine).
        case controlCharacter = "control-character"
        /// The form's number or key was stored before with other answers.
        case keyConflict = "key-conflict"
    }

    /// The question id the error belongs to.
    public var question: String
    public var code: Code
    /// What is wrong and what to do; never quotes the answer itself.
    public var message: LocalizedText

    public init(question: String, code: Code, message: LocalizedText) {
        self.question = question
        self.code = code
        self.message = message
    }
}

/// Every answer that was refused in one response, in the order of the survey's questions.
public struct AnswerErrors: Error, Sendable, Hashable {
    public var errors: [AnswerError]

    public init(_ errors: [AnswerError]) {
        self.errors = errors
    }

    /// The errors for one question.
    public func errors(for question: String) -> [AnswerError] {
        errors.filter { $0.question == question }
    }
}
