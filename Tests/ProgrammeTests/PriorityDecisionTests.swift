import Programme
import Testing
import WijkpeilCore

@Suite("The council's decisions on priorities")
struct PriorityDecisionTests {
    func decision(_ priority: String, _ verdict: PriorityDecision.Verdict, reason: String = "zie de voortgangsrapportage", date: String = "2027-11-20")
        -> PriorityDecision
    {
        PriorityDecision(priority: priority, verdict: verdict, reason: reason, date: date, by: "gemeenteraad")
    }

    @Test("decisions are appended; the latest per priority holds; written and read back they are the same")
    func appended() throws {
        var programme = sampleProgramme()
        try programme.decide(decision("verkeer", .adjust, reason: "de schoolroute blijft onveilig"))
        try programme.decide(decision("veiligheid", .continue))
        try programme.decide(decision("verkeer", .stop, reason: "de provincie neemt het over", date: "2027-12-01"))
        #expect(programme.decisions.map(\.verdict) == [.adjust, .continue, .stop])
        #expect(programme.decision(for: "verkeer")?.reason == "de provincie neemt het over")
        #expect(programme.decision(for: "veiligheid")?.verdict == .continue)
        let text = programme.jsonValue.encoded(pretty: true)
        #expect(try Programme.read(JSONValue.parse(text), file: "p.json") == programme)
    }

    @Test(
        "an unknown priority (with the closest and the known ones), a missing reason or a bad date is refused, and nothing is recorded",
        arguments: [
            ("veilighied", "x", "2027-11-20", "het programma heeft geen prioriteit veilighied; bedoelt u veiligheid? Het kent: veiligheid, verkeer"),
            ("verkeer", "  ", "2027-11-20", "een besluit over een prioriteit vraagt een reden (--reason): die lezen bewoners en de volgende raad"),
            ("verkeer", "x", "20-11-2027", "\"20-11-2027\" is geen datum; schrijf JJJJ-MM-DD"),
        ])
    func refused(priority: String, reason: String, date: String, message: String) {
        var programme = sampleProgramme()
        do {
            try programme.decide(decision(priority, .stop, reason: reason, date: date))
            Issue.record("accepted \(priority)")
        } catch {
            #expect(error.message.nl == message)
        }
        #expect(programme.decisions.isEmpty)
    }

    @Test("in the file, a decision on a priority no goal stands under, or an unknown decision, is named at its path")
    func badFile() throws {
        guard case .object(var fields) = sampleProgramme().jsonValue else { return }
        fields["decisions"] = [
            ["priority": "groen", "decision": "stop", "reason": "x", "date": "2027-11-20", "by": "gemeenteraad"],
            ["priority": "verkeer", "decision": "doorgaan", "reason": "x", "date": "2027-11-20", "by": "gemeenteraad"],
        ]
        let json = JSONValue.object(fields)
        do {
            _ = try Programme.read(json, file: "p.json")
            Issue.record("read bad decisions")
        } catch {
            #expect(error.findings.all.map(\.location.description) == ["p.json: decisions[0].priority", "p.json: decisions[1].decision"])
        }
    }

    @Test("next year leaves a stopped priority's goals behind, drops them from shared actions, and refuses to carry its own actions")
    func stoppedNextYear() throws {
        var programme = sampleProgramme()
        // A-02 serves only verkeer; A-01 serves both.
        programme.actions[0].goals = ["veiligheid-1", "verkeer-1"]
        try programme.decide(decision("verkeer", .stop))
        let carryAll: [String: CarryOver.Decision] = ["A-01": .counts, "A-02": .counts, "A-03": .counts]
        #expect(throws: CarryOver.Failure.underStoppedPriority(["A-02"], priorities: ["verkeer"])) {
            try CarryOver.nextYear(programme, decisions: carryAll, newActions: [], year: 2028, date: "2027-12-10")
        }
        var decisions = carryAll
        decisions["A-02"] = .lapses
        let next = try CarryOver.nextYear(programme, decisions: decisions, newActions: [], year: 2028, date: "2027-12-10")
        #expect(next.programme.goals.map(\.id) == ["veiligheid-1"])
        #expect(next.programme.actions.map(\.id) == ["A-01", "A-03"] && next.programme.actions[0].goals == ["veiligheid-1"])
        #expect(next.programme.decisions.isEmpty)
        #expect(next.summary.text.nl == "2028: 2 acties (2 uit 2027: 2 lopen door, 0 herhalen; 0 nieuw); 1 vervallen; gestopt door de raad: verkeer")
        #expect(!ProgrammeCheck(priorities: ["veiligheid"]).findings(for: next.programme).hasErrors)
    }
}
