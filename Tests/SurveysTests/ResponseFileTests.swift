import BenchKit
import Surveys
import Testing
import WijkpeilCore

@Suite("Response files from paper forms")
struct ResponseFileTests {
    let survey = Fixtures.definition

    func rows(_ text: String, _ format: ResponseFile.Format = .csv) throws -> [ResponseFile.Row] {
        try contents(text, format).rows
    }

    func contents(_ text: String, _ format: ResponseFile.Format = .csv, fileHash: String = "f1e2d3c4b5a69788") throws -> ResponseFile.Contents {
        try ResponseFile.read(Array(text.utf8), format: format, definition: survey, fileHash: fileHash)
    }

    @Test func goodAndBadLinesAreReportedWithTheirNumbers() throws {
        let rows = try rows("wonen,buurt,eerst\n7,noord,wonen;veiligheid\n11,noord,\n\"5\",zuid,groen\n")
        #expect(rows.map(\.line) == [2, 3, 4])
        #expect(rows.map { (try? $0.result.get()) != nil } == [true, false, true])
        if case .failure(let errors) = rows[1].result { #expect(errors.errors.map(\.code) == [.outOfRange]) }
    }

    @Test func derivedKeysAreStableAndTellIdenticalFormsApart() throws {
        let first = try rows("wonen\n7\n7\n")
        let again = try rows("wonen\n7\n7\n")
        #expect(first.map(\.submissionKey) == again.map(\.submissionKey))
        #expect(first[0].submissionKey != first[1].submissionKey)
        #expect(first[0].submissionKey.hasPrefix("paper-"))
    }

    @Test("another file gets other keys, even where its lines are the same as an earlier file's")
    func derivedKeysBelongToTheFile() throws {
        let first = try contents("wonen\n7\n7\n", fileHash: "aaaaaaaaaaaaaaaa").rows
        let second = try contents("wonen\n7\n7\n8\n", fileHash: "bbbbbbbbbbbbbbbb").rows
        #expect(Set(first.map(\.submissionKey)).isDisjoint(with: second.map(\.submissionKey)))
    }

    @Test("a formulier or submissionKey column is the row's key")
    func theFormNumberIsTheKey() throws {
        let rows = try rows("formulier,wonen\n12,7\n13,7\n")
        #expect(rows.map(\.submissionKey) == ["12", "13"])
        let keyed = try self.rows("submissionKey,wonen\nA-1,7\n,8\n")
        #expect(keyed[0].submissionKey == "A-1")
        #expect(keyed[1].submissionKey.hasPrefix("paper-"))
    }

    @Test("rows of separators only are passed over and counted, not stored as empty responses")
    func blankRowsArePassedOver() throws {
        let read = try contents("wonen,buurt\n7,noord\n,\n , \n8,zuid\n,\n")
        #expect(read.rows.map(\.line) == [2, 5])
        #expect(read.blankLines == 3)
        #expect(read.rows.allSatisfy { (try? $0.result.get()) != nil })
        let jsonl = try contents("{\"answers\": {\"wonen\": 6}}\n\n   \n{\"answers\": {\"wonen\": 7}}\n", .jsonl)
        #expect(jsonl.rows.count == 2 && jsonl.blankLines == 2)
    }

    @Test("invalid UTF-8 in a JSONL file is refused with its line, as in CSV")
    func invalidUTF8IsRefused() throws {
        var bytes = Array("{\"answers\": {\"wonen\": 6}}\n{\"answers\": {\"opmerking\": \"caf".utf8)
        bytes += [0xE9]  // Latin-1 é
        bytes += Array("\"}}\n".utf8)
        for format in [ResponseFile.Format.jsonl, .csv] {
            let input = format == .csv ? Array("wonen,opmerking\n6,ok\n6,caf".utf8) + [0xE9] + Array("\n".utf8) : bytes
            do {
                _ = try ResponseFile.read(input, format: format, definition: survey, fileHash: "ab")
                Issue.record("\(format) with invalid UTF-8 was read")
            } catch {
                #expect(error.findings.all.map(\.location.line) == [format == .csv ? 3 : 2])
                #expect(error.findings.all.map(\.code) == ["invalid-utf8"])
            }
        }
    }

    @Test("NUL and other control characters in an answer are refused, line breaks in free text are not")
    func controlCharactersAreRefused() throws {
        let rows = try rows(
            """
            {"answers": {"wonen": 6, "opmerking": "a\\u0000b"}}
            {"answers": {"wonen": 6, "opmerking": "a\\u001bb"}}
            {"answers": {"wonen": 6, "opmerking": "a\\u0085b"}}
            {"answers": {"wonen": 6, "opmerking": "a\\nb\\tc"}}
            """, .jsonl)
        #expect(rows.map { (try? $0.result.get()) != nil } == [false, false, false, true])
        if case .failure(let errors) = rows[0].result { #expect(errors.errors.map(\.code) == [.controlCharacter]) }
    }

    @Test("0x2A, inf and 1_000 are not numbers in a cell")
    func onlyDecimalNumbers() throws {
        let rows = try rows("wonen\n0x2A\ninf\n1_000\n7\n")
        #expect(rows.map { (try? $0.result.get()) != nil } == [false, false, false, true])
    }

    @Test func aHeaderMistakeFailsTheWholeFile() {
        #expect(throws: InvalidInput.self) { try rows("wonen,onbekend\n7,1\n") }
        #expect(throws: InvalidInput.self) { try rows("") }
        #expect(throws: InvalidInput.self) { try rows("wonen\n\"7\n") }
    }

    @Test func jsonLinesCarryTheirOwnKeys() throws {
        let rows = try rows(
            """
            {"submissionKey": "f-1", "answers": {"wonen": 6, "stippen": {"a": 2}}}

            {"answers": {"wonen": 0}}
            not json
            {"answers": {"wonen": 5}, "extra": 1}
            """, .jsonl)
        #expect(rows.map(\.line) == [1, 3, 4, 5])
        #expect(rows[0].submissionKey == "f-1")
        #expect(try rows[0].result.get().answers["stippen"] == .stickers(["a": 2]))
        #expect(rows.dropFirst().allSatisfy { (try? $0.result.get()) == nil })
    }

    @Test(arguments: [(JSONValue.array(["a", "b"]), "a;b"), (.object(["b": 1, "a": 2]), "a=2;b=1"), (.bool(true), "ja"), (.number(7), "7"), (.number(7.5), "7.5")])
    func answersBecomeCellsAgain(_ value: JSONValue, _ cell: String) {
        #expect(ResponseTable.cell(value) == cell)
    }
}

@Suite("Sample answers")
struct SampleAnswersTests {
    @Test func sampleAnswersAreAlwaysValid() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let raw = SampleAnswers.make(for: Fixtures.definition, using: &generator)
            _ = try AnswerValidator.validate(raw, against: Fixtures.definition)
        }
    }
}
