import Surveys
import Testing
import WijkpeilCore

@Suite("Budget votes in survey definitions: the approval question")
struct ApprovalQuestionTests {
    func proposal(_ id: String, cost: Int?) -> JSONValue {
        var object: [String: JSONValue] = ["id": .string(id), "label": Fixtures.text(id)]
        if let cost { object["cost"] = .number(Double(cost)) }
        return .object(object)
    }

    func ballot(_ options: [JSONValue], budget: Int = 1_000, maxCost: Bool = false, level: String = "codecide") -> JSONValue {
        var question: [String: JSONValue] = [
            "id": "voorstellen", "type": "approval", "text": Fixtures.text("Welke?"), "budget": .number(Double(budget)), "options": .array(options),
        ]
        if maxCost { question["maxCost"] = true }
        return Fixtures.survey(questions: [.object(question)], extra: ["level": .string(level), "requiresInvite": true])
    }

    @Test("costed proposals in a co-decide survey read cleanly, and are written back with their costs")
    func reads() throws {
        let (definition, findings) = Fixtures.read(ballot([proposal("a", cost: 600), proposal("b", cost: 400)]))
        #expect(findings.isEmpty, "\(findings.all)")
        let survey = try #require(definition)
        guard case .approval(let options, let budget, _, _, _) = survey.questions[0].kind else {
            Issue.record("not an approval question")
            return
        }
        #expect(options.map(\.cost) == [600, 400] && budget == 1_000)
        #expect(survey.questions[0].jsonValue.compactText.contains(#""cost":600"#))
    }

    @Test(
        "a proposal without a cost, one above the budget, or a vote outside a co-decide survey is an error at its path",
        arguments: [
            ("missing-cost", "questions[0].options[1].cost"), ("cost-over-budget", "questions[0].options[0].cost"),
            ("approval-needs-codecide", "questions[0]"),
        ])
    func refused(code: String, path: String) {
        let json: JSONValue =
            switch code {
            case "missing-cost": ballot([proposal("a", cost: 600), proposal("b", cost: nil)])
            case "cost-over-budget": ballot([proposal("a", cost: 1_600), proposal("b", cost: 400)])
            default: ballot([proposal("a", cost: 600)], level: "advise")
            }
        let (_, findings) = Fixtures.read(json)
        #expect(findings.errors.map(\.code).contains(code), "\(findings.all)")
        #expect(findings.errors.first { $0.code == code }?.location.path == path)
    }

    @Test("a ballot names proposals of the vote; with maxCost it may not cost more than the budget")
    func answers() throws {
        let survey = try #require(Fixtures.read(ballot([proposal("a", cost: 600), proposal("b", cost: 500)], maxCost: true)).0)
        let within = try AnswerValidator.validate(["voorstellen": ["a"]], against: survey)
        #expect(within.answers["voorstellen"] == .multi(["a"]))
        #expect(throws: AnswerErrors.self) { try AnswerValidator.validate(["voorstellen": ["a", "b"]], against: survey) }
        #expect(throws: AnswerErrors.self) { try AnswerValidator.validate(["voorstellen": ["c"]], against: survey) }
        let free = try #require(Fixtures.read(ballot([proposal("a", cost: 600), proposal("b", cost: 500)])).0)
        #expect(try AnswerValidator.validate(["voorstellen": ["a", "b"]], against: free).answers["voorstellen"] == .multi(["a", "b"]))
    }
}
