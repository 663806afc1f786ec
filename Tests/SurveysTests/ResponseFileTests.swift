import Surveys
import Testing
import WijkpeilCore

@Suite("Response files from paper forms")
struct ResponseFileTests {
    let survey = Fixtures.definition

    func rows(_ text: String, _ format: ResponseFile.Format = .csv) throws -> [ResponseFile.Row] {
        try ResponseFile.read(Array(text.utf8), format: format, definition: survey)
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
