import Foundation
import Programme
import Testing
import WijkpeilCore

@Suite("The yearly evaluation")
struct EvaluationTests {
    func programme() -> Programme {
        var programme = sampleProgramme()
        programme.actions[1].status = .done
        return programme
    }

    /// The prefilled form as the regiegroep fills it in: both goals rated, a measure with its
    /// motivation under veiligheid-1, the target of verkeer-1 adjusted.
    func filled() -> JSONValue {
        var evaluation = Evaluation.prefilled(from: programme(), measurements: [:], made: "2027-11-15")
        evaluation.goals[0].rating = .insufficient
        evaluation.goals[0].measures = [.init(text: "Extra preventieavonden", cost: 3_000)]
        evaluation.goals[0].motivation = "De inbraken blijven hoog."
        evaluation.goals[1].rating = .good
        evaluation.goals[1].newTarget = Goal.Measure(value: 0.75, year: 2029)
        return evaluation.jsonValue
    }

    @Test("prefilled per goal: where it stands, the actions done and still open; nothing rated yet")
    func prefilled() {
        let evaluation = Evaluation.prefilled(
            from: programme(), measurements: ["woninginbraken per 1.000 woningen": [.init(value: 6.1, year: 2027)]], made: "2027-11-15")
        #expect(evaluation.goals.map(\.goal) == ["veiligheid-1", "verkeer-1"])
        #expect(evaluation.goals[0].now == Goal.Measure(value: 6.1, year: 2027) && evaluation.goals[0].status == .behind)
        #expect(evaluation.goals[0].actionsOpen == ["A-01", "A-03"] && evaluation.goals[1].actionsDone == ["A-02"])
        #expect(evaluation.goals.allSatisfy { $0.rating == nil && $0.measures.isEmpty })
    }

    @Test("filled in and read back it is the same; its measures add up")
    func readBack() throws {
        let read = try Evaluation.read(filled(), file: "e.json", programme: programme())
        #expect(read.goals[0].rating == .insufficient && read.goals[0].measures == [.init(text: "Extra preventieavonden", cost: 3_000)])
        #expect(read.goals[1].newTarget == Goal.Measure(value: 0.75, year: 2029) && read.extraCost == 3_000)
        #expect(read.jsonValue == filled())
    }

    @Test(
        "a rating missing or unknown, a negative cost, money without a motivation, a target in the past, an unknown or missing goal: named at its path",
        arguments: [
            ("goals[1].rating", JSONValue.null, "missing-rating"),
            ("goals[1].rating", "prima", "unknown-rating"),
            ("goals[0].measures", JSONValue.array([.object(["text": "x", "cost": -5])]), "negative-cost"),
            ("goals[0].motivation", "  ", "unmotivated-budget"),
            ("goals[1].adjust", JSONValue.object(["text": .null, "target": .object(["value": 0.8, "year": 2027])]), "target-in-the-past"),
            ("goals[1].goal", "verkeer-2", "unknown-goal"),
        ])
    func refused(path: String, value: JSONValue, code: String) throws {
        guard case .object(var fields) = filled(), case .array(var goals) = fields["goals"] else { return }
        let index = path.hasPrefix("goals[0]") ? 0 : 1
        guard case .object(var goal) = goals[index] else { return }
        goal[String(path.split(separator: ".")[1])] = value
        goals[index] = .object(goal)
        fields["goals"] = .array(goals)
        do {
            _ = try Evaluation.read(.object(fields), file: "e.json", programme: programme())
            Issue.record("accepted \(path)")
        } catch {
            let codes = error.findings.errors.map(\.code)
            #expect(codes.first == code)
            let expectedPath = code == "negative-cost" ? "goals[0].measures[0].cost" : code == "target-in-the-past" ? "goals[1].adjust.target.year" : path
            #expect(error.findings.errors.first?.location.description == "e.json: \(expectedPath)")
            // An unknown goal leaves the programme's own goal unevaluated.
            if code == "unknown-goal" { #expect(codes == ["unknown-goal", "missing-goal"]) }
        }
    }

    @Test("next year: the adjusted target holds, and each measure is a proposed action under its goal, counted and told")
    func foldedIntoNextYear() throws {
        let evaluation = try Evaluation.read(filled(), file: "e.json", programme: programme())
        let decisions: [String: CarryOver.Decision] = ["A-01": .counts, "A-03": .lapses]
        let next = try CarryOver.nextYear(programme(), decisions: decisions, newActions: [], year: 2028, date: "2027-12-10", evaluation: evaluation)
        #expect(next.programme.goal("verkeer-1")?.target == Goal.Measure(value: 0.75, year: 2029))
        let measure = try #require(next.programme.action("M-01"))
        #expect(measure.goals == ["veiligheid-1"] && measure.cost == 3_000 && measure.status == .proposed && measure.owner == "wijkmanager")
        #expect(measure.history.first?.note == "maatregel uit de evaluatie 2027: De inbraken blijven hoog.")
        #expect(next.summary.text.nl == "2028: 2 acties (1 uit 2027: 1 lopen door, 0 herhalen; 1 nieuw, waarvan 1 maatregel(en) uit de evaluatie (€ 3.000)); 1 vervallen")
    }

    @Test("an evaluation of another year, or measures for a priority the council stopped, are refused")
    func refusedNextYear() throws {
        var evaluation = try Evaluation.read(filled(), file: "e.json", programme: programme())
        let decisions: [String: CarryOver.Decision] = ["A-01": .lapses, "A-03": .lapses]
        var stopped = programme()
        try stopped.decide(PriorityDecision(priority: "veiligheid", verdict: .stop, reason: "klaar", date: "2027-11-20", by: "gemeenteraad"))
        #expect(throws: CarryOver.Failure.measuresForStoppedGoals(["veiligheid-1"])) {
            try CarryOver.nextYear(stopped, decisions: decisions, newActions: [], year: 2028, date: "2027-12-10", evaluation: evaluation)
        }
        evaluation.year = 2026
        #expect(throws: CarryOver.Failure.otherEvaluation(programme: "kerkwijk-2027", year: 2026)) {
            try CarryOver.nextYear(programme(), decisions: decisions, newActions: [], year: 2028, date: "2027-12-10", evaluation: evaluation)
        }
    }

    @Test("as a spreadsheet: written and read back the same; a problem is named by its line and column")
    func spreadsheet() throws {
        let filled = try Evaluation.read(filled(), file: "e.json", programme: programme())
        let sheet = filled.csv
        let read = try Evaluation.readSpreadsheet(Array(sheet.utf8), file: "e.csv", programme: programme())
        #expect(read.goals.map(\.rating) == filled.goals.map(\.rating) && read.goals.map(\.measures) == filled.goals.map(\.measures))
        #expect(read.goals[1].newTarget == filled.goals[1].newTarget && read.goals[0].motivation == filled.goals[0].motivation)
        // Line 3 (verkeer-1) loses its rating; line 2's measure costs money without a motivation.
        let broken = sheet.replacingOccurrences(of: ",goed,", with: ",,").replacingOccurrences(of: "De inbraken blijven hoog.", with: "")
        do {
            _ = try Evaluation.readSpreadsheet(Array(broken.utf8), file: "e.csv", programme: programme())
            Issue.record("accepted a sheet without a rating")
        } catch {
            #expect(error.findings.errors.map { "\($0.location)" } == ["e.csv:2: motivation", "e.csv:3: rating"])
            #expect(error.findings.errors.map(\.code) == ["unmotivated-budget", "missing-rating"])
        }
    }
}
