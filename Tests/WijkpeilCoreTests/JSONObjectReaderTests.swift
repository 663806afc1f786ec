import Foundation
import Testing
import WijkpeilCore

@Suite("Reading JSON objects with paths")
struct JSONObjectReaderTests {
    @Test func pathsReadLikeTheFileFormat() {
        let path = JSONPath.root.appending("questions").appending(3).appending("options").appending(1).appending("id")
        #expect(path.description == "questions[3].options[1].id")
        #expect(JSONPath.root.location.path == nil)
    }

    @Test func aMissingRequiredFieldIsAnErrorAtItsPath() {
        var findings = Findings()
        let reader = JSONObjectReader(["a": 1], at: JSONPath.root.appending("x"), findings: &findings)!
        #expect(reader.string("name", required: true, findings: &findings) == nil)
        #expect(findings.errors.map(\.code) == ["missing-field"])
        #expect(findings.errors.first?.location.path == "x.name")
    }

    @Test func aWrongTypeSaysWhatWasExpectedAndFound() {
        var findings = Findings()
        let reader = JSONObjectReader(["n": "tien"], at: .root, findings: &findings)!
        #expect(reader.integer("n", findings: &findings) == nil)
        #expect(findings.errors.first?.code == "wrong-type")
        #expect(findings.errors.first?.message.en == "expected a number, found text")
    }

    @Test func aFractionIsNotAWholeNumber() {
        var findings = Findings()
        let reader = JSONObjectReader(["n": 1.5], at: .root, findings: &findings)!
        #expect(reader.integer("n", findings: &findings) == nil)
        #expect(findings.errors.first?.code == "not-an-integer")
    }

    @Test func unknownKeysAreWarningsWithASuggestion() {
        var findings = Findings()
        let reader = JSONObjectReader(["requierd": true, "id": "a"], at: .root, findings: &findings)!
        reader.warnUnknownKeys(allowed: ["id", "required"], findings: &findings)
        #expect(findings.errors.isEmpty)
        #expect(findings.warnings.count == 1)
        #expect(findings.warnings[0].message.en?.contains("did you mean \"required\"") == true)
    }

    @Test func localisedTextNeedsDutch() {
        var findings = Findings()
        let reader = JSONObjectReader(["title": ["en": "Hello"], "ok": ["nl": "Hallo"]], at: .root, findings: &findings)!
        #expect(reader.localizedText("title", findings: &findings) == nil)
        #expect(findings.errors.map(\.location.path) == ["title.nl"])
        #expect(reader.localizedText("ok", findings: &findings) == LocalizedText(nl: "Hallo"))
    }

    @Test func aNonObjectIsReported() {
        var findings = Findings()
        #expect(JSONObjectReader([1, 2], at: .root, findings: &findings) == nil)
        #expect(findings.errors.first?.code == "wrong-type")
    }

    @Test func parsingReportsWhereTheTextStopsBeingJSON() {
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(Data("{\"a\": }".utf8)) }
        let value = try? JSONValue.parse(Data(#"{"a": [1, true, null, "x", 2.5]}"#.utf8))
        #expect(value == ["a": [1, true, nil, "x", 2.5]])
    }

    @Test func encodingIsStableAndWritesWholeNumbersWithoutAFraction() {
        let value: JSONValue = ["b": 2, "a": 1.5]
        #expect(String(decoding: value.encoded(), as: UTF8.self) == #"{"a":1.5,"b":2}"#)
    }
}

@Suite("Ids, suggestions and languages")
struct IdentifierTests {
    @Test(arguments: ["wonen", "a", "cijfer-10", "0-9"])
    func validIds(_ id: String) {
        #expect(Identifier.isValid(id))
    }

    @Test(arguments: ["", "Wonen", "a b", "a_b", "é", "a.b"])
    func invalidIds(_ id: String) {
        #expect(!Identifier.isValid(id))
    }

    @Test func suggestsTheClosestCandidateOnlyWhenClose() {
        #expect(Identifier.closest(to: "lst", in: ["list", "show"]) == "list")
        #expect(Identifier.closest(to: "zzzzzz", in: ["list", "show"]) == nil)
        #expect(Identifier.editDistance("kitten", "sitting") == 3)
        #expect(Identifier.editDistance("stauts", "status") == 1)  // two neighbours swapped: one edit
        #expect(Identifier.closest(to: "stauts", in: ["start", "status"]) == "status")
    }

    @Test func languagesReadCommonSpellings() {
        #expect(Language(code: "EN-gb") == .en)
        #expect(Language(code: "nl") == .nl)
        #expect(Language(code: "de") == nil)
        #expect(LocalizedText(nl: "Hallo").text(in: .en) == "Hallo")
    }

    @Test func locationsRenderWhatIsKnown() {
        #expect(Location(file: "a.json", line: 3, path: "x").description == "a.json:3: x")
        #expect(Location(file: "a.json", path: "x").description == "a.json: x")
        #expect(Location(line: 4).description == "line 4")
    }
}

@Suite("Writing JSON")
struct JSONWritingTests {
    @Test(arguments: [
        (JSONValue.string("a\"b\\c\nd\u{1}é"), #""a\"b\\c\nd\u0001é""#),
        (.number(-3), "-3"), (.number(0), "0"), (.number(-0.0), "0"), (.number(10), "10"), (.number(999_999_999_999_999), "999999999999999"),
        (.number(-123_456_789_012_345), "-123456789012345"), (.number(1e15), "1000000000000000.0"), (.number(0.1), "0.1"),
        (.string("noord"), #""noord""#), (.number(.nan), "null"), (.array([]), "[]"), (.object([:]), "{}"),
        (JSONValue.object(["z": [1, nil, true], "a": ["b": "c"]]), #"{"a":{"b":"c"},"z":[1,null,true]}"#),
    ])
    func compactOutputIsExactAndSorted(_ value: JSONValue, _ text: String) {
        #expect(value.compactText == text)
    }

    @Test func whatIsWrittenReadsBackTheSame() throws {
        let value: JSONValue = ["tekst": "regel 1\nregel 2\t\"citaat\" 🏠", "getallen": [1, 2.5, -0.001, 1e20], "leeg": [:], "lijst": [[], nil, false]]
        #expect(try JSONValue.parse(value.encoded()) == value)
        #expect(try JSONValue.parse(value.encoded(pretty: true)) == value)
    }
}

@Suite("Parsing JSON strictly")
struct JSONParsingTests {
    @Test(arguments: [
        (#"{"a": [1, -2.5e3, true, false, null, "x"]}"#, JSONValue.object(["a": [1, -2500, true, false, nil, "x"]])),
        (#""\"\\\/\b\f\n\r\t\u00e9\ud83c\udfe0""#, .string("\"\\/\u{8}\u{C}\n\r\té🏠")),
        ("\u{FEFF}  [ ]  ", .array([])),
        ("0", .number(0)), ("-0.5", .number(-0.5)), (#"{"":{}}"#, .object(["": .object([:])])),
    ])
    func validJSONParses(_ text: String, _ expected: JSONValue) throws {
        #expect(try JSONValue.parse(Data(text.utf8)) == expected)
    }

    @Test(
        "whole numbers read without text conversion give what the conversion gives",
        arguments: [
            "0", "-0", "7", "-7", "123456789012345", "-123456789012345", "999999999999999", "1234567890123456", "-9007199254740993",
            "12345678901234567890", "2.5", "1e3", "-1E-2",
        ])
    func numbersAgreeWithDoubleConversion(_ text: String) throws {
        guard case .number(let parsed) = try JSONValue.parse(Array(text.utf8)), let expected = Double(text) else {
            Issue.record("\(text) did not parse as a number")
            return
        }
        #expect(parsed == expected && parsed.sign == expected.sign, "\(text)")
    }

    @Test func textIsCheckedAsUTF8OnlyWhenItIsNotASCII() throws {
        #expect(try JSONValue.parse(Array(#""buurt noord""#.utf8)) == .string("buurt noord"))
        #expect(try JSONValue.parse(Array(#""café""#.utf8)) == .string("café"))
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse([0x22, 0x61, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse([0x22, 0xFF, 0x22]) }
    }

    @Test(arguments: [
        "", "[1,]", #"{"a":1,}"#, "01", "1.", ".5", "+1", "[1 2]", #"{"a" 1}"#, "tru", "nul", "\"open", "\"tab\there\"",
        #""\x""#, #""\ud800""#, #""\udc00""#, "[1] 2", "{a:1}", "// x\n1", "1e", "NaN", "1e400",
    ])
    func invalidJSONIsRefused(_ text: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(Data(text.utf8)) }
    }

    @Test func errorsNameLineAndColumn() {
        #expect {
            try JSONValue.parse(Data("{\n  \"a\": 1,\n  \"b\": ]\n}".utf8))
        } throws: { error in
            (error as? JSONSyntaxError)?.detail == "unexpected character at line 3, column 8"
        }
    }

    @Test(
        "a key twice in one object is an error naming the key, its line and column, not \"last one wins\"",
        arguments: [
            (#"{"cijfer-wonen": 99, "cijfer-wonen": 5}"#, #"the key "cijfer-wonen" appears twice in one object at line 1, column 22"#),
            ("{\"id\": \"a\",\n \"questions\": [{\"id\": \"x\", \"id\": \"y\"}]}", #"the key "id" appears twice in one object at line 2, column 28"#),
            (#"{"a": {"b": 1}, "a": {"c": 2}}"#, #"the key "a" appears twice in one object at line 1, column 17"#),
        ])
    func duplicateKeysAreRefused(_ text: String, _ detail: String) {
        #expect {
            try JSONValue.parse(Data(text.utf8))
        } throws: { error in
            (error as? JSONSyntaxError)?.detail == detail
        }
    }

    @Test func theSameKeyInTwoObjectsIsFine() throws {
        #expect(try JSONValue.parse(Data(#"[{"a": 1}, {"a": 2}]"#.utf8)) == [["a": 1], ["a": 2]])
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(Data(deep.utf8)) }
    }
}
