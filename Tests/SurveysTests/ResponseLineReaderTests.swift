import Foundation
import Testing
import WijkpeilCore

@testable import Surveys

@Suite("The usual JSONL line, read from its bytes")
struct ResponseLineReaderTests {
    let survey = Fixtures.definition

    /// Lines the reader must take on its own: every kind of answer, white space, CRLF, escapes
    /// and other text in values, answers left empty.
    static let usual = [
        #"{"submissionKey":"A1","answers":{"wonen":7,"buurt":"noord","eerst":["veiligheid","wonen"],"leeftijd":34,"postcode":"1234ab","datum":"2026-11-23","opmerking":"Fijn","stippen":{"a":2,"b":1},"toestemming":true,"email":"a@b.nl"}}"#,
        #"{"answers":{"wonen":7}}"#,
        "{ \"answers\" : { \"wonen\" : 8 , \"buurt\" : null } , \"submissionKey\" : \"B2\" }\r",
        #"{"answers":{"wonen":7.0,"opmerking":"  kort  "}}"#,
        #"{"answers":{"wonen":10,"opmerking":"\"a\" \\ \u00e9"}}"#,
        #"{"answers":{"wonen":1,"eerst":[],"stippen":{}}}"#,
        #"{"answers":{"wonen":1,"opmerking":"café","postcode":" 1234 AB "}}"#,
        #"{"answers":{"wonen":2,"toestemming":false,"leeftijd":12.5}}"#,
        #"{"answers":{"wonen":7},"submissionKey":"  C3 "}"#,
    ]

    /// Lines it must leave to the full reader (which refuses most of them, each with its reason).
    static let unusual = [
        "", "   ", "\u{FEFF}{\"answers\":{\"wonen\":7}}", " {\"answers\":{\"wonen\":7}}",
        #"{"answers":{"wonen":7}} x"#, #"{"answers":{"wonen":7},}"#, #"{"answers":{"wonen":7,"wonen":8}}"#,
        #"{"answers":{"wonen":7},"answers":{"wonen":8}}"#, #"{"answers":{"wonen":7},"extra":1}"#,
        #"{"answers":{"onbekend":7,"wonen":7}}"#, #"{"answers":{"won\u0065n":7}}"#, #"{"answers":{"wonen":11}}"#,
        #"{"answers":{"buurt":"noord"}}"#, #"{"answers":{"wonen":7,"email":"a@b.nl"}}"#,
        #"{"submissionKey":"","answers":{"wonen":7}}"#, #"{"submissionKey":7,"answers":{"wonen":7}}"#,
        #"{"answers":{"wonen":07}}"#, #"{"answers":{"wonen":"7"}}"#, #"{"answers":{"wonen":7,"opmerking":"a\u0000b"}}"#,
        #"{"answers":{"wonen":7,"eerst":["wonen","wonen"]}}"#, #"{"answers":{"wonen":7,"stippen":{"a":2,"a":1}}}"#,
        #"{"answers":[1]}"#, #"[{"answers":{"wonen":7}}]"#, #"{"answers":{"wonen":7}"#, #"{"answers":{"wonen":7}}}"#,
        #"{"submissionKey":"A"}"#, #"{}"#, #"{"answers":{"wonen":7,"datum":"2026-02-30"}}"#,
        #"{"answers":{"wonen":7,"opmerking":"veel te lange tekst"}}"#, "{\"answers\":{\"wonen\":7,\"opmerking\":\"a\nb\"}}",
    ]

    /// What the full parser and ``AnswerValidator`` make of a line, as the file reader does
    /// when this reader declines: nil when they refuse it.
    func full(_ line: String) -> (key: String?, response: ValidatedResponse)? {
        guard case .object(let fields)? = try? JSONValue.parse(Data(line.trimmingWhitespace.utf8)),
            case .object(let answers)? = fields["answers"], fields.keys.allSatisfy({ $0 == "answers" || $0 == "submissionKey" })
        else { return nil }
        var key: String?
        if let value = fields["submissionKey"] {
            guard case .string(let given) = value, !given.trimmingWhitespace.isEmpty else { return nil }
            key = given
        }
        guard let response = try? AnswerValidator.validate(answers, against: survey) else { return nil }
        return (key, response)
    }

    /// Reads every line with one reader (so repeated values come from what it remembers) and
    /// checks each line it takes against the full reader; returns how many it took.
    @discardableResult
    func check(_ lines: [String], with reader: inout ResponseLineReader) -> Int {
        var taken = 0
        for line in lines {
            guard let read = Array(line.utf8).withUnsafeBytes({ reader.read($0) }) else { continue }
            taken += 1
            guard let reference = full(line) else {
                Issue.record("took a line the full reader refuses: \(line)")
                continue
            }
            #expect(read.key == reference.key, "\(line)")
            #expect(read.response == reference.response, "\(line)")
            #expect(read.answersText == reference.response.answersJSON.compactText, "\(line)")
        }
        return taken
    }

    @Test("takes the usual lines, twice over, with the full reader's keys, answers and stored text")
    func usualLines() {
        var reader = ResponseLineReader(definition: survey)
        #expect(check(Self.usual + Self.usual, with: &reader) == Self.usual.count * 2)
    }

    @Test("leaves every unusual line to the full reader")
    func unusualLines() {
        var reader = ResponseLineReader(definition: survey)
        check(Self.usual, with: &reader)
        for line in Self.unusual {
            #expect(Array(line.utf8).withUnsafeBytes { reader.read($0) } == nil, "\(line)")
        }
    }

    @Test("of 20,000 lines with one byte changed, takes only what the full reader takes, with the same answers")
    func mutatedLines() {
        var random = SplitMix64(seed: 22)
        let replacements = Array(#"{}[],:" \0a7-.e"#.utf8) + [0xC3, 0x80, 0x09, 0x0D]
        var mutants: [String] = []
        for _ in 0..<20_000 {
            var bytes = Array(Self.usual[Int(random.next() % UInt64(Self.usual.count))].utf8)
            let position = Int(random.next() % UInt64(bytes.count))
            switch random.next() % 3 {
            case 0: bytes[position] = replacements[Int(random.next() % UInt64(replacements.count))]
            case 1: bytes.remove(at: position)
            default: bytes.insert(bytes[position], at: position)
            }
            // Bytes that are not UTF-8 stop the whole file before any line is read this way.
            if let text = String(validating: bytes, as: UTF8.self) { mutants.append(text) }
        }
        var reader = ResponseLineReader(definition: survey)
        let taken = check(mutants, with: &reader)
        // Many changes (inside text, a mark for another) leave a usual line: the reader is used.
        #expect(taken > 1000)
    }
}
