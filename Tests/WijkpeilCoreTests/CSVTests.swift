import Testing
import WijkpeilCore

@Suite("CSV per RFC 4180")
struct CSVTests {
    func read(_ text: String) throws(CSVError) -> [[String]] {
        try CSVReader.records(Array(text.utf8)).map(\.fields)
    }

    @Test(arguments: [
        ("a,b\r\n1,2\r\n", [["a", "b"], ["1", "2"]]),
        ("a,b\n1,2", [["a", "b"], ["1", "2"]]),
        ("a,b\n1,\n", [["a", "b"], ["1", ""]]),
        ("a,b\n,\n", [["a", "b"], ["", ""]]),
        ("a\n\n\nb\n", [["a"], ["b"]]),
        ("\"x,y\",\"he said \"\"hi\"\"\"\n", [["x,y", "he said \"hi\""]]),
        ("\"two\nlines\",z\n", [["two\nlines", "z"]]),
        ("\u{FEFF}a,b\n", [["a", "b"]]),
        ("wonen;buurt\n7;noord\n", [["wonen", "buurt"], ["7", "noord"]]),
        ("eerst;buurt\n\"a;b\";noord\n", [["eerst", "buurt"], ["a;b", "noord"]]),
        ("é,ü\n", [["é", "ü"]]),
    ])
    func readsRecords(_ text: String, _ expected: [[String]]) throws {
        #expect(try read(text) == expected)
    }

    @Test func recordsKnowTheLineTheyStartOn() throws {
        let records = try CSVReader.records(Array("h\n\"a\nb\"\nc\n\nd\n".utf8))
        #expect(records.map(\.line) == [1, 2, 4, 6])
    }

    @Test(arguments: [
        ("a\n\"open\n", CSVError.Code.unterminatedQuote, 2),
        ("a\nx\"y\n", .quoteInUnquotedField, 2),
        ("a\n\"x\"y\n", .textAfterClosingQuote, 2),
    ])
    func brokenFilesNameTheLine(_ text: String, _ code: CSVError.Code, _ line: Int) {
        #expect(throws: CSVError(code: code, line: line)) { try read(text) }
    }

    @Test func invalidUTF8IsRefused() {
        #expect(throws: CSVError(code: .invalidUTF8, line: 1)) { try CSVReader.records([0x61, 0xFF, 0x0A]) }
    }

    @Test func writingQuotesOnlyWhatNeedsIt() throws {
        let line = CSVWriter.line(["plain", "a,b", "say \"hi\"", "two\nlines"])
        #expect(line == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n")
        #expect(try read(line) == [["plain", "a,b", "say \"hi\"", "two\nlines"]])
    }
}

@Suite("Numbers for people")
struct NumberFormattingTests {
    @Test(
        "numbers beyond what an Int holds are written, not a crash",
        arguments: [
            (9.2e16, Language.nl, 1, "9,2e+16"), (1e300, .en, 2, "1e+300"), (-9.3e18, .en, 0, "-9.3e+18"),
            (7.45, .nl, 1, "7,5"), (-0.04, .en, 1, "0.0"), (12345.678, .en, 2, "12345.68"),
        ])
    func huge(_ value: Double, _ language: Language, _ digits: Int, _ expected: String) {
        #expect(language.decimal(value, digits: digits) == expected)
    }

    @Test func sharesAsPercentages() {
        #expect(Language.nl.percent(0.347) == "35%")
        #expect(Language.en.percent(1e20) == "1e+22%")
    }
}

@Suite("Numbers as people write them")
struct DecimalNumberTests {
    @Test(
        "decimal numbers, with a point or a comma",
        arguments: [
            ("42", 42.0), ("-3", -3), ("+7", 7), ("12,5", 12.5), ("12.5", 12.5), (" 6 ", 6), ("1e3", 1000), ("2,5E-1", 0.25), (".5", 0.5), ("5.", 5),
        ])
    func decimals(_ text: String, _ value: Double) {
        #expect(DecimalNumber.parse(text) == value)
    }

    @Test(
        "what Swift's Double(_:) would take but people do not write is not a number",
        arguments: [
            "0x2A", "0X2a", "inf", "-infinity", "nan", "1_000", "1,000.5", "1e", "e5", "", "-", ",", "12 5", "1e400", "٣",
        ])
    func notNumbers(_ text: String) {
        #expect(DecimalNumber.parse(text) == nil)
    }
}
