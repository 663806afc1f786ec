import Programme
import Testing
import WijkpeilCore

@Suite("Carrying the programme into the next year")
struct CarryOverTests {
    /// The Wijkakkoord's example: 35 actions, of which 20 done, 10 running on and 5 recurring.
    func wijkakkoordYear() -> Programme {
        var programme = sampleProgramme()
        let template = programme.actions[0]
        programme.actions = (1...35).map { number in
            var action = template
            action.id = "A-\(number)"
            switch number {
            case 1...20: action.status = .done
            case 21...30:
                action.status = .inProgress
                action.kind = .multiYear
            default:
                action.status = .done
                action.kind = .recurring
            }
            action.history = [Change(date: "2026-12-01", by: "wijkmanager", note: "voorgesteld", status: .proposed)]
            return action
        }
        return programme
    }

    func newActions(_ count: Int) -> [Action] {
        (1...count).map { number in
            Action(id: "N-\(number)", title: LocalizedText(nl: "Nieuw \(number)"), goals: ["verkeer-1"], owner: "gemeente")
        }
    }

    @Test("35 actions (20 done, 10 running on, 5 recurring), all decision 1, and 24 new: 39 for 2028")
    func wijkakkoordExample() throws {
        let programme = wijkakkoordYear()
        let needing = CarryOver.needingDecision(programme).map(\.id)
        #expect(needing == (21...35).map { "A-\($0)" })
        let decisions = Dictionary(uniqueKeysWithValues: needing.map { ($0, CarryOver.Decision.counts) })
        let (next, summary) = try CarryOver.nextYear(programme, decisions: decisions, newActions: newActions(24), year: 2028, date: "2027-11-20")
        #expect(summary.text.nl == "2028: 39 acties (15 uit 2027: 10 lopen door, 5 herhalen; 24 nieuw)")
        #expect(summary.text.en == "2028: 39 actions (15 from 2027: 10 running on, 5 recurring; 24 new)")
        #expect(next.actions.count == 39 && next.countedActions.count == 39 && next.year == 2028 && next.id == "kerkwijk-2028")
        let carried = try #require(next.action("A-31"))
        // Kept: id, kind and history; added: where it came from and an entry saying so.
        #expect(carried.kind == .recurring && carried.carriedFrom == 2027 && carried.status == .proposed)
        #expect(carried.history.count == 2 && carried.history[0] == programme.action("A-31")!.history[0])
        #expect(next.action("A-21")?.status == .inProgress && next.action("A-1") == nil)
    }

    @Test("decision 2 keeps the count under 45 where decision 1 would pass it")
    func decisionTwoKeepsUnderTheLimit() throws {
        let programme = wijkakkoordYear()
        let needing = CarryOver.needingDecision(programme).map(\.id)
        let allCount = Dictionary(uniqueKeysWithValues: needing.map { ($0, CarryOver.Decision.counts) })
        #expect(throws: CarryOver.Failure.overLimit(counted: 50, max: 45)) {
            try CarryOver.nextYear(programme, decisions: allCount, newActions: newActions(35), year: 2028, date: "2027-11-20")
        }
        var decisions = allCount
        for id in needing.prefix(5) { decisions[id] = .finishesOutsideLimit }
        for id in needing.suffix(2) { decisions[id] = .lapses }
        let (next, summary) = try CarryOver.nextYear(programme, decisions: decisions, newActions: newActions(35), year: 2028, date: "2027-11-20")
        #expect(summary.counted == 43 && summary.total == 48 && next.countedActions.count == 43)
        #expect(summary.text.nl == "2028: 48 acties (13 uit 2027: 5 lopen door, 3 herhalen, 5 worden afgemaakt buiten de telling; 35 nieuw); 43 tellen mee; 2 vervallen")
        #expect(next.action("A-21")?.countsTowardsLimit == false)
    }

    @Test("a missing decision names every action that lacks one; decisions for unknown actions and clashing ids are refused")
    func refusals() {
        let programme = wijkakkoordYear()
        #expect(throws: CarryOver.Failure.missingDecisions((21...35).map { "A-\($0)" })) {
            try CarryOver.nextYear(programme, decisions: [:], newActions: [], year: 2028, date: "2027-11-20")
        }
        var decisions = Dictionary(uniqueKeysWithValues: CarryOver.needingDecision(programme).map { ($0.id, CarryOver.Decision.counts) })
        decisions["B-9"] = .counts
        #expect(throws: CarryOver.Failure.unknownActions(["B-9"])) {
            try CarryOver.nextYear(programme, decisions: decisions, newActions: [], year: 2028, date: "2027-11-20")
        }
        decisions["B-9"] = nil
        var clash = newActions(1)
        clash[0].id = "A-22"
        #expect(throws: CarryOver.Failure.duplicateIds(["A-22"])) {
            try CarryOver.nextYear(programme, decisions: decisions, newActions: clash, year: 2028, date: "2027-11-20")
        }
    }
}

@Suite("The programme file and its history")
struct ProgrammeFileTests {
    @Test("written and read back, the programme is the same")
    func roundTrip() throws {
        var programme = sampleProgramme()
        programme.actions[2].status = .notFeasible
        programme.actions[2].notFeasible = .init(reason: LocalizedText(nl: "Van de provincie", en: "The province's"), alternative: LocalizedText(nl: "Lantaarns"))
        programme.actions[0].history = [Change(date: "2026-12-01", by: "wijkraad", note: "eens", status: .agreed, cost: 4_000)]
        programme.calendar[0].done = "2026-12-02"
        let text = programme.jsonValue.encoded(pretty: true)
        #expect(try Programme.read(JSONValue.parse(text), file: "p.json") == programme)
    }

    @Test("a file that is not a programme gets one finding saying how to make one; bad fields are named at their path")
    func badFiles() throws {
        do {
            _ = try Programme.read(["rule": "x", "priorities": []], file: "agenda.json")
            Issue.record("read an agenda as a programme")
        } catch {
            #expect(error.findings.all.map(\.code) == ["not-a-programme"])
        }
        var json = sampleProgramme().jsonValue
        guard case .object(var fields) = json, case .array(var actions) = fields["actions"], case .object(var first) = actions[0] else { return }
        first["status"] = "klaar"
        first["start"] = "januari"
        actions[0] = .object(first)
        fields["actions"] = .array(actions)
        json = .object(fields)
        do {
            _ = try Programme.read(json, file: "p.json")
            Issue.record("read a bad status")
        } catch {
            #expect(error.findings.all.map(\.code) == ["unknown-status", "invalid-month"])
            #expect(error.findings.all.map { $0.location.description } == ["p.json: actions[0].status", "p.json: actions[0].start"])
        }
    }

    @Test("a change is appended to the history; earlier entries stay as they were")
    func history() throws {
        var programme = sampleProgramme()
        try programme.record(Change(date: "2027-02-01", by: "gemeente", note: "gestart", status: .inProgress), forAction: "A-01")
        try programme.record(Change(date: "2027-03-01", by: "gemeente", note: "duurder", cost: 5_500), forAction: "A-01")
        let action = try #require(programme.action("A-01"))
        #expect(action.status == .inProgress && action.cost == 5_500)
        #expect(action.history.map(\.note) == ["gestart", "duurder"])
        #expect(throws: Programme.ChangeError.nothingChanged) {
            try programme.record(Change(date: "2027-03-02", by: "gemeente", note: "", cost: 5_500), forAction: "A-01")
        }
        #expect(throws: Programme.ChangeError.reasonRequired) {
            try programme.record(Change(date: "2027-03-02", by: "gemeente", note: "", status: .notFeasible), forAction: "A-02")
        }
        #expect(throws: Programme.ChangeError.unknownAction("A-1", closest: "A-01")) {
            try programme.record(Change(date: "2027-03-02", by: "gemeente", note: "", status: .done), forAction: "A-1")
        }
        #expect(throws: Programme.ChangeError.invalidDate("2027-02-30")) {
            try programme.record(Change(date: "2027-02-30", by: "gemeente", note: "", status: .done), forAction: "A-01")
        }
    }
}
