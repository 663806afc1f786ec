@testable import Surveys
import Testing
import WijkpeilCore

@Suite("Validating a resident's answers")
struct AnswerValidatorTests {
    let survey = Fixtures.definition
    /// Answers every required question, so a test changes only what it tests.
    let base: [String: JSONValue] = ["wonen": 7]

    func validate(_ changes: [String: JSONValue]) throws(AnswerErrors) -> ValidatedResponse {
        try AnswerValidator.validate(base.merging(changes) { _, new in new }, against: survey)
    }

    struct Valid: CustomTestStringConvertible, Sendable {
        var question: String
        var raw: JSONValue
        var answer: Answer?
        var testDescription: String { "\(question) = \(raw)" }
    }

    static let valid: [Valid] = [
        Valid(question: "wonen", raw: 1, answer: .number(1)),
        Valid(question: "wonen", raw: 10, answer: .number(10)),
        Valid(question: "buurt", raw: "zuid", answer: .single("zuid")),
        Valid(question: "buurt", raw: "", answer: nil),
        Valid(question: "eerst", raw: ["veiligheid", "wonen"], answer: .multi(["wonen", "veiligheid"])),
        Valid(question: "eerst", raw: [], answer: nil),
        Valid(question: "leeftijd", raw: 12, answer: .number(12)),
        Valid(question: "leeftijd", raw: 120, answer: .number(120)),
        Valid(question: "postcode", raw: "7601ab", answer: .text("7601 AB")),
        Valid(question: "postcode", raw: " 1234  XY ", answer: .text("1234 XY")),
        Valid(question: "datum", raw: "2024-02-29", answer: .text("2024-02-29")),
        Valid(question: "opmerking", raw: "  kort  ", answer: .text("kort")),
        Valid(question: "opmerking", raw: "tien teken", answer: .text("tien teken")),
        Valid(question: "stippen", raw: ["a": 2, "b": 1], answer: .stickers(["a": 2, "b": 1])),
        Valid(question: "stippen", raw: ["a": 0], answer: nil),
        Valid(question: "toestemming", raw: false, answer: .consent(false)),
    ]

    @Test(arguments: valid)
    func validAnswersAreAcceptedAndNormalised(_ row: Valid) throws {
        let response = try validate([row.question: row.raw])
        #expect(response.answers[row.question] == row.answer)
    }

    struct Invalid: CustomTestStringConvertible, Sendable {
        var question: String
        var raw: JSONValue
        var code: AnswerError.Code
        var testDescription: String { "\(question) = \(raw) → \(code.rawValue)" }
    }

    static let invalid: [Invalid] = [
        Invalid(question: "wonen", raw: nil, code: .missing),
        Invalid(question: "wonen", raw: 0, code: .outOfRange),
        Invalid(question: "wonen", raw: 11, code: .outOfRange),
        Invalid(question: "wonen", raw: 7.5, code: .notWholeNumber),
        Invalid(question: "wonen", raw: "7", code: .wrongType),
        Invalid(question: "buurt", raw: "oost", code: .unknownOption),
        Invalid(question: "buurt", raw: 1, code: .wrongType),
        Invalid(question: "eerst", raw: ["wonen", "veiligheid", "groen"], code: .tooManyChoices),
        Invalid(question: "eerst", raw: ["wonen", "wonen"], code: .duplicateChoice),
        Invalid(question: "eerst", raw: ["parkeren"], code: .unknownOption),
        Invalid(question: "eerst", raw: "wonen", code: .wrongType),
        Invalid(question: "leeftijd", raw: 11, code: .outOfRange),
        Invalid(question: "leeftijd", raw: 121, code: .outOfRange),
        Invalid(question: "postcode", raw: "0123 AB", code: .invalidPostcode),
        Invalid(question: "postcode", raw: "1234 SS", code: .invalidPostcode),
        Invalid(question: "postcode", raw: "12345", code: .invalidPostcode),
        Invalid(question: "datum", raw: "2023-02-29", code: .invalidDate),
        Invalid(question: "datum", raw: "23-11-2026", code: .invalidDate),
        Invalid(question: "opmerking", raw: "dit is veel te lang", code: .tooLong),
        Invalid(question: "stippen", raw: ["a": 2, "b": 2], code: .overBudget),
        Invalid(question: "stippen", raw: ["a": 3], code: .overCap),
        Invalid(question: "stippen", raw: ["d": 1], code: .unknownOption),
        Invalid(question: "stippen", raw: ["a": -1], code: .wrongType),
        Invalid(question: "stippen", raw: ["a": 1.5], code: .wrongType),
        Invalid(question: "toestemming", raw: "ja", code: .wrongType),
        Invalid(question: "email", raw: "naam@voorbeeld", code: .invalidEmail),
        Invalid(question: "onbekend", raw: 1, code: .unknownQuestion),
    ]

    @Test(arguments: invalid)
    func invalidAnswersAreRefusedWithACodeAndBothLanguages(_ row: Invalid) {
        #expect {
            try validate([row.question: row.raw])
        } throws: { error in
            guard let errors = error as? AnswerErrors, let first = errors.errors.first else { return false }
            return errors.errors.count == 1 && first.question == row.question && first.code == row.code
                && !first.message.nl.isEmpty && first.message.en?.isEmpty == false
        }
    }

    @Test func anEmailIsAcceptedOnlyAfterConsent() throws {
        let response = try validate(["toestemming": true, "email": "naam@voorbeeld.nl"])
        #expect(response.answers["email"] == .text("naam@voorbeeld.nl"))
        for consent: JSONValue in [false, nil] {
            #expect {
                try validate(["toestemming": consent, "email": "naam@voorbeeld.nl"])
            } throws: { error in
                (error as? AnswerErrors)?.errors.map(\.code) == [.noConsent]
            }
        }
    }

    @Test func everyRefusedAnswerIsListedInQuestionOrder() {
        #expect {
            try AnswerValidator.validate(["leeftijd": 5, "zzz": 1, "buurt": "oost"], against: survey)
        } throws: { error in
            (error as? AnswerErrors)?.errors.map(\.question) == ["wonen", "buurt", "leeftijd", "zzz"]
        }
    }

    @Test func messagesNeverQuoteTheAnswer() {
        let secret = "geheim@voorbeeld"
        #expect {
            try validate(["email": .string(secret), "opmerking": "06-12345678 bel mij"])
        } throws: { error in
            guard let errors = error as? AnswerErrors else { return false }
            return errors.errors.allSatisfy { !$0.message.nl.contains("geheim") && !$0.message.nl.contains("06-") }
        }
    }

    @Test func theJSONShapeOfAValidatedResponse() throws {
        let response = try validate(["eerst": ["wonen"], "stippen": ["a": 1], "toestemming": true])
        #expect(response.answersJSON == ["wonen": 7, "eerst": ["wonen"], "stippen": ["a": 1], "toestemming": true])
    }
}

@Suite("Postcodes, e-mail addresses and dates")
struct FormatTests {
    @Test(arguments: [("1234AB", "1234 AB"), ("9999 zz", "9999 ZZ"), ("1000 aa", "1000 AA")])
    func postcodesAreNormalised(_ input: String, _ expected: String) {
        #expect(Postcode.normalised(input) == expected)
        #expect(Postcode.pc4(input) == String(expected.prefix(4)))
    }

    @Test(arguments: ["", "123 AB", "12345 AB", "1234 A1", "1234 SA", "1234 SD", "ABCD EF", "１２３４ AB"])
    func nonPostcodesAreRefused(_ input: String) {
        #expect(Postcode.normalised(input) == nil)
    }

    @Test("ASCII postcodes are read from their bytes as the general rule reads them: 20,000 random strings")
    func asciiPostcodesAsTheGeneralRule() {
        // The general rule, as it reads any text.
        func general(_ text: String) -> String? {
            let characters = Array(text.uppercased().filter { !$0.isWhitespace }.unicodeScalars)
            guard characters.count == 6 else { return nil }
            let digits = characters[0..<4], letters = characters[4..<6]
            guard digits.allSatisfy({ ("0"..."9").contains($0) }), digits.first != "0", letters.allSatisfy({ ("A"..."Z").contains($0) }) else { return nil }
            let pair = String(String.UnicodeScalarView(letters))
            return ["SA", "SD", "SS"].contains(pair) ? nil : String(String.UnicodeScalarView(digits)) + " " + pair
        }
        let alphabet = Array("0123456789aAbBsSdDzZ \t\r\n\u{0B}\u{0C}-.")
        var state: UInt64 = 12_345
        for _ in 0..<20_000 {
            var text = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(state >> 60)
            for _ in 0..<length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text.append(alphabet[Int((state >> 33) % UInt64(alphabet.count))])
            }
            // Postcode-shaped strings, too, which random strings seldom are.
            let shaped = String(text.filter(\.isNumber).prefix(4)) + " " + String(text.filter(\.isLetter).prefix(2))
            for candidate in [text, shaped] where Postcode.normalised(candidate) != general(candidate) {
                Issue.record("\(candidate.debugDescription): \(String(describing: Postcode.normalised(candidate))), expected \(String(describing: general(candidate)))")
            }
        }
    }

    @Test(arguments: ["a@b.nl", "jan.de.vries+wijk@gemeente.example.nl", "ik@münchen.de"])
    func plausibleAddresses(_ input: String) {
        #expect(EmailAddress.isPlausible(input))
    }

    @Test(arguments: ["", "a", "a@", "@b.nl", "a@b", "a@@b.nl", "a b@c.nl", "a@b..nl", "a@-b.nl"])
    func implausibleAddresses(_ input: String) {
        #expect(!EmailAddress.isPlausible(input))
    }

    @Test("e-mail addresses in ASCII are judged byte by byte exactly as by characters")
    func emailShortcut() {
        var random = SplitMix64(seed: 7)
        let alphabet = Array("ab9Z-._@<>, \t\r\n+@.".utf8)
        for _ in 0..<20_000 {
            let count = Int(random.next() % 16)
            let bytes = (0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let text = String(decoding: bytes, as: UTF8.self)
            let shortcut = bytes.withUnsafeBufferPointer { EmailAddress.asciiVerdict($0) }
            #expect(shortcut == EmailAddress.verdict(text), "\(text.debugDescription)")
        }
        #expect([UInt8]("ik@münchen.de".utf8).withUnsafeBufferPointer { EmailAddress.asciiVerdict($0) } == nil)
    }

    @Test func leapYearsFollowTheGregorianRule() {
        #expect(CalendarDate("2000-02-29") != nil)
        #expect(CalendarDate("1900-02-29") == nil)
        #expect(CalendarDate("2026-04-31") == nil)
        #expect(CalendarDate("2026-4-1") == nil)
    }
}
