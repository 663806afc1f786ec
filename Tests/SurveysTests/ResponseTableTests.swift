import Surveys
import Testing
import WijkpeilCore

@Suite("Responses as CSV rows")
struct ResponseTableTests {
    let survey = Fixtures.definition

    @Test(arguments: [
        ("wonen", "7", JSONValue.number(7)),
        ("leeftijd", "7,5", .number(7.5)),
        ("buurt", " noord ", .string("noord")),
        ("eerst", "wonen; veiligheid;", .array(["wonen", "veiligheid"])),
        ("stippen", "a=2;b=1", .object(["a": 2, "b": 1])),
        ("toestemming", "Ja", .bool(true)),
        ("toestemming", "false", .bool(false)),
        ("postcode", "1234ab", .string("1234ab")),
        ("opmerking", "", .null),
    ])
    func cellsBecomeTheJSONAnswerShape(_ question: String, _ cell: String, _ expected: JSONValue) throws {
        #expect(try ResponseTable.rawAnswer(cell, for: #require(survey.question(question))) == expected)
    }

    @Test(arguments: [("wonen", "zeven"), ("stippen", "a2"), ("stippen", "a=x"), ("stippen", "a=1;a=1"), ("toestemming", "misschien")])
    func unreadableCellsAreRefused(_ question: String, _ cell: String) throws {
        let q = try #require(survey.question(question))
        #expect(throws: AnswerError.self) { try ResponseTable.rawAnswer(cell, for: q) }
    }

    @Test func theHeaderMustNameQuestions() {
        var findings = Findings()
        _ = ResponseTable(header: ["wonen", "wonne", "buurt", "buurt"], definition: survey, findings: &findings)
        #expect(findings.errors.map(\.code) == ["unknown-column", "duplicate-column"])
        #expect(findings.errors[0].message.en?.contains("did you mean \"wonen\"") == true)
    }

    @Test func aRequiredQuestionNeedsAColumn() {
        var findings = Findings()
        _ = ResponseTable(header: ["buurt"], definition: survey, findings: &findings)
        #expect(findings.errors.map(\.code) == ["missing-column"])
    }

    @Test func aRowGivesAnswersAndItsOwnKey() throws {
        var findings = Findings()
        let table = ResponseTable(header: ["submissionKey", "wonen", "eerst"], definition: survey, findings: &findings)
        #expect(findings.isEmpty)
        let row = try table.rawAnswers(["form-12", "8", "wonen;groen"])
        #expect(row.submissionKey == "form-12")
        #expect(row.answers == ["wonen": 8, "eerst": ["wonen", "groen"]])
        #expect(throws: AnswerErrors.self) { try table.rawAnswers(["form-13", "8"]) }
    }
}
