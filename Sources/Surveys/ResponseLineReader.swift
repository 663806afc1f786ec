import Foundation
import WijkpeilCore

/// Reads the usual line of a JSONL response file — `{"submissionKey": "…", "answers": {…}}`
/// with every answer accepted — straight from its bytes: question ids are looked up by their
/// bytes, and an answer a question gets again and again (a mark, an option, yes or no) is
/// checked once and then known by its bytes.
///
/// Anything else — a syntax error, an unknown field or question, a refused answer, an escape in
/// a key, a byte-order mark, white space it does not expect — it leaves to the full JSON parser
/// and ``AnswerValidator``, which say what is wrong: it accepts only lines they accept, with
/// the same answers. Every value it has not seen before is parsed strictly on its own; a value
/// it has seen is the same bytes, so the same answer.
struct ResponseLineReader {
    private let definition: SurveyDefinition
    /// Question id bytes → the question's index in the definition.
    private let questionIndex: ByteIdTable
    private let required: [Bool]
    /// Whether a question's answers are few and repeated, so worth remembering.
    private let remembers: [Bool]
    /// Per question: value bytes → an index into `known` and `knownJSON`.
    private var seen: [ByteIdTable]
    private var known: [[Answer?]]
    /// The compact JSON of each remembered answer.
    private var knownJSON: [[[UInt8]]]
    /// The question indices in the order stored answers have their ids (``SurveyDefinition/answerKeyOrder``).
    private let keyOrder: [Int]
    /// `"id":` of each question, as it starts a stored answer.
    private let keyJSON: [[UInt8]]
    // The line being read, by question index, kept from line to line so that reading one
    // allocates nothing but what it hands over.
    private var answers: [Answer?]
    private var answered: [Bool]
    /// Where each answer's JSON is remembered (-1: not remembered).
    private var remembered: [Int32]
    private var text: [UInt8] = []

    /// At most this many distinct values are remembered per question.
    private static let memoLimit = 4096

    init(definition: SurveyDefinition) {
        self.definition = definition
        questionIndex = ByteIdTable(keys: definition.questions.map { Array($0.id.utf8) })
        required = definition.questions.map(\.required)
        remembers = definition.questions.map { question in
            switch question.kind {
            case .text, .postcode, .email, .date: false
            default: true
            }
        }
        seen = definition.questions.map { _ in ByteIdTable() }
        known = definition.questions.map { _ in [] }
        knownJSON = definition.questions.map { _ in [] }
        keyOrder = definition.questions.indices.sorted { definition.questions[$0].id < definition.questions[$1].id }
        answers = Array(repeating: nil, count: definition.questions.count)
        answered = Array(repeating: false, count: definition.questions.count)
        remembered = Array(repeating: -1, count: definition.questions.count)
        keyJSON = definition.questions.map { question in
            var bytes: [UInt8] = []
            JSONValue.appendString(question.id, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            return bytes
        }
    }

    /// A line read: its own key (nil when it has none), its checked answers, and those answers
    /// as the compact JSON the store keeps (``ValidatedResponse/compactAnswersText(keyOrder:)``).
    struct Line {
        var key: String?
        var response: ValidatedResponse
        var answersText: String
    }

    /// The line's own key (nil when it has none) and its checked answers; or nil when the line
    /// is not the usual valid line, for the full reader to judge.
    mutating func read(_ line: UnsafeRawBufferPointer) -> Line? {
        var scanner = Scanner(line)
        guard scanner.trimmedObject() else { return nil }
        for index in answers.indices {
            answers[index] = nil
            answered[index] = false
            remembered[index] = -1
        }
        var answerCount = 0
        var key: String?
        var sawKey = false, sawAnswers = false
        repeat {
            guard let name = scanner.key() else { return nil }
            if Scanner.equal(name, "answers"), !sawAnswers {
                sawAnswers = true
                guard scanner.take(UInt8(ascii: "{")) else { return nil }
                if !scanner.take(UInt8(ascii: "}")) {
                    repeat {
                        guard let id = scanner.key(), let found = questionIndex.value(for: id) else { return nil }
                        let index = Int(found)
                        guard !answered[index], let span = scanner.value(), let (answer, entry) = answer(index, span) else { return nil }
                        answered[index] = true
                        answers[index] = answer
                        remembered[index] = entry
                        answerCount += 1
                    } while scanner.take(UInt8(ascii: ","))
                    guard scanner.take(UInt8(ascii: "}")) else { return nil }
                }
            } else if Scanner.equal(name, "submissionKey"), !sawKey {
                sawKey = true
                guard let span = scanner.value(), case .string(let given)? = try? JSONValue.parse(span), !given.trimmingWhitespace.isEmpty else {
                    return nil
                }
                key = given
            } else {
                return nil
            }
        } while scanner.take(UInt8(ascii: ","))
        guard sawAnswers, scanner.take(UInt8(ascii: "}")), scanner.atEnd else { return nil }
        let (answers, answered, required) = (answers, answered, required)
        let (checked, errors) = AnswerValidator.validate(definition, visiting: { answered[$0] || required[$0] }, expectedAnswers: answerCount) {
            index in answers[index]
        }
        guard errors.isEmpty else { return nil }
        // Every answer given is kept (an error would have been named): written in key order.
        text.removeAll(keepingCapacity: true)
        text.append(UInt8(ascii: "{"))
        for index in keyOrder {
            guard let answer = answers[index] else { continue }
            if text.count > 1 { text.append(UInt8(ascii: ",")) }
            text += keyJSON[index]
            if remembered[index] >= 0 {
                text += knownJSON[index][Int(remembered[index])]
            } else {
                answer.jsonValue.appendCompact(to: &text)
            }
        }
        text.append(UInt8(ascii: "}"))
        return Line(key: key, response: ValidatedResponse(surveyId: definition.id, answers: checked), answersText: String(decoding: text, as: UTF8.self))
    }

    /// The answer the value bytes `span` give question `index` (nil: unanswered) and where it is
    /// remembered (-1: not); nil when the value is not JSON or is refused.
    private mutating func answer(_ index: Int, _ span: UnsafeRawBufferPointer) -> (Answer?, Int32)? {
        if remembers[index], let entry = seen[index].value(for: span) { return (known[index][Int(entry)], entry) }
        // A value nested nearly as deep as the parser allows alone might be too deep inside the
        // line: the full parser decides.
        guard span.count < 400 || span.lazy.filter({ $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "{") }).count < 500,
            let value = try? JSONValue.parse(span)
        else { return nil }
        let answer: Answer?
        do throws(AnswerError) {
            answer = try AnswerValidator.validate(value, for: definition.questions[index])
        } catch {
            return nil
        }
        guard remembers[index], seen[index].count < Self.memoLimit else { return (answer, -1) }
        let entry = Int32(known[index].count)
        _ = seen[index].valueOrInsert(span, value: entry)
        known[index].append(answer)
        knownJSON[index].append(answer?.jsonValue.compactBytes ?? [])
        return (answer, entry)
    }

    /// A cursor over the bytes of one line, for the shapes above; each step says whether the
    /// expected shape was there.
    private struct Scanner {
        let bytes: UnsafeRawBufferPointer
        var position = 0
        var end: Int

        init(_ bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
            end = bytes.count
        }

        static func equal(_ bytes: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
            bytes.count == word.utf8CodeUnitCount && memcmp(bytes.baseAddress!, word.utf8Start, bytes.count) == 0
        }

        static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

        var atEnd: Bool { position == end }

        /// `{` first, `}` last, after passing over white space at the end (a CR of a CRLF file).
        mutating func trimmedObject() -> Bool {
            while end > 0, Self.isSpace(bytes[end - 1]) { end -= 1 }
            guard end >= 2, bytes[0] == UInt8(ascii: "{"), bytes[end - 1] == UInt8(ascii: "}") else { return false }
            position = 1
            return true
        }

        mutating func skipSpace() {
            while position < end, Self.isSpace(bytes[position]) { position += 1 }
        }

        /// `byte` next (after white space), taken.
        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard position < end, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        /// A key without escapes and its `:`; the bytes between the quotes.
        mutating func key() -> UnsafeRawBufferPointer? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = position
            while position < end {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                position += 1
            }
            guard position < end else { return nil }
            let name = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
            position += 1
            guard take(UInt8(ascii: ":")) else { return nil }
            return name
        }

        /// The bytes of the value that starts here: a string to its closing quote, a list or
        /// object to its closing bracket, anything else to the next separator. Whether they are
        /// JSON is for the parser.
        mutating func value() -> UnsafeRawBufferPointer? {
            skipSpace()
            let start = position
            guard position < end else { return nil }
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position += 1
                while position < end {
                    switch bytes[position] {
                    case UInt8(ascii: "\""):
                        position += 1
                        return UnsafeRawBufferPointer(rebasing: bytes[start..<position])
                    case UInt8(ascii: "\\"): position += 2
                    default: position += 1
                    }
                }
                return nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                var inString = false
                while position < end {
                    let byte = bytes[position]
                    position += 1
                    if inString {
                        if byte == UInt8(ascii: "\\") {
                            position += 1
                        } else if byte == UInt8(ascii: "\"") {
                            inString = false
                        }
                    } else if byte == UInt8(ascii: "\"") {
                        inString = true
                    } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                        depth += 1
                    } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                        depth -= 1
                        if depth == 0 { return position <= end ? UnsafeRawBufferPointer(rebasing: bytes[start..<position]) : nil }
                    }
                }
                return nil
            default:
                while position < end {
                    let byte = bytes[position]
                    if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || Self.isSpace(byte) { break }
                    position += 1
                }
                return UnsafeRawBufferPointer(rebasing: bytes[start..<position])
            }
        }
    }
}
