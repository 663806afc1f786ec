import Dashboard
import Foundation
import Programme
import Testing
import WijkpeilCore

/// A programme of three actions: one done, one past its end month, one ahead.
func dashboardProgramme() -> Programme {
    var programme = Programme(
        id: "kerkwijk-2027", wijk: "Kerkwijk", year: 2027, agenda: .init(file: "agenda.json", sha256: "x"), budget: .init(total: 10_000),
        goals: [
            Goal(
                id: "veiligheid-1", priority: "veiligheid", text: LocalizedText(nl: "Minder inbraken"), indicator: "inbraken",
                baseline: .init(value: 6.8, year: 2026), target: .init(value: 5, year: 2028), owner: "wijkmanager")
        ],
        actions: [
            Action(id: "A-01", title: LocalizedText(nl: "App"), goals: ["veiligheid-1"], owner: "politie", cost: 1_000, end: "2027-12", status: .inProgress),
            Action(id: "A-02", title: LocalizedText(nl: "Lampen"), goals: ["veiligheid-1"], owner: "gemeente", cost: 2_000, end: "2027-05", status: .agreed),
            Action(id: "A-03", title: LocalizedText(nl: "Avond"), goals: ["veiligheid-1"], owner: "gemeente", cost: 500, end: "2027-03", status: .done),
        ])
    programme.calendar[0].done = "2026-12-01"
    return programme
}

@Suite("The council's dashboard")
struct DashboardTests {
    @Test("trust: informed is 'ja' of all who answered; results visible is 'ja' of those with an opinion; per buurt the same")
    func trustShares() {
        let wave = Dashboard.TrustWave(
            label: "2027",
            answers: [
                .init(buurt: "noord", informed: "ja", visible: "ja"), .init(buurt: "noord", informed: "nee", visible: "weet-niet"),
                .init(buurt: "zuid", informed: "deels", visible: "nee"), .init(buurt: "zuid", informed: nil, visible: "beetje"),
            ])
        #expect(wave.responses == 4)
        #expect(wave.informed == .init(yes: 1, of: 3) && wave.visible == .init(yes: 1, of: 3))
        #expect(wave.perBuurt["noord"] == .init(informed: .init(yes: 1, of: 2), visible: .init(yes: 1, of: 1)))
        #expect(wave.perBuurt["zuid"]?.visible == .init(yes: 0, of: 2))
        #expect(Dashboard.Share(yes: 0, of: 0).value == nil)
    }

    @Test("results and schedule on a day: an action past its end month is behind; milestones done, due or overdue; the decisions per priority")
    func resultsAndSchedule() throws {
        var programme = dashboardProgramme()
        try programme.decide(PriorityDecision(priority: "veiligheid", verdict: .adjust, reason: "Meer in noord", date: "2027-06-01", by: "gemeenteraad"))
        let dashboard = Dashboard(
            programme: programme, today: try #require(CalendarDate("2027-06-10")), trust: [], movement: [], evenings: [],
            measurements: ["inbraken": [.init(value: 6.1, year: 2027)]], evidence: nil, commitments: [])
        #expect(dashboard.actionsBehind.map(\.id) == ["A-02"])
        #expect(dashboard.progress.period.months == 8)
        #expect(dashboard.milestones.map(\.state) == [.done, .overdue, .overdue, .overdue, .upcoming])
        #expect(dashboard.decisions.first?.decision?.verdict == .adjust)
        guard case .object(let json) = dashboard.jsonValue, case .object(let results)? = json["results"], case .object(let schedule)? = json["schedule"],
            case .array(let rightThings)? = json["rightThings"]
        else {
            Issue.record("not the dashboard's shape")
            return
        }
        #expect(results["behind"] == ["A-02"] && results["actions"] == ["agreed": 1, "in-progress": 1, "done": 1])
        #expect(
            schedule["commitmentsOpen"] == 0 && json["trust"] == []
                && rightThings.first == ["priority": "veiligheid", "decision": "adjust", "reason": "Meer in noord", "date": "2027-06-01"])
    }

    @Test("the page asks the five questions, each with a chart and its figures in a table; what is missing is said")
    func page() throws {
        let dashboard = Dashboard(
            programme: dashboardProgramme(), today: try #require(CalendarDate("2027-06-10")),
            trust: [.init(label: "2027", answers: [.init(buurt: "noord", informed: "ja", visible: "nee")])],
            movement: [.init(label: "2026", respondents: 140, channels: ["file": 140], willing: .init(yes: 54, of: 140), underRepresented: ["leeftijd 15-24"])],
            evenings: [.init(session: "bewonersavond", participants: 26, stickers: 104)], measurements: [:], evidence: nil, commitments: nil)
        let html = dashboard.html(language: .nl)
        for question in ["Is er vertrouwen?", "Is er beweging?", "Welke resultaten?", "Liggen we op schema?", "Doen we de goede dingen?"] {
            #expect(html.contains("<h2>\(question)</h2>"))
        }
        #expect(html.components(separatedBy: "<figure><svg").count - 1 == 4 && html.components(separatedBy: "<table>").count - 1 >= 6)
        #expect(html.contains("aria-label=\"2027: 100% (1/1) voelt zich geïnformeerd, 0% (0/1) ziet resultaten.\""))
        #expect(html.contains("<td data-label=\"wil meedoen\">39% (54/140)</td>"))
        #expect(html.contains("nog geen besluit"))
        let empty = Dashboard(
            programme: dashboardProgramme(), today: try #require(CalendarDate("2027-06-10")), trust: [], movement: [], evenings: [], measurements: [:],
            evidence: nil, commitments: nil)
        #expect(empty.html(language: .en).contains("No evaluation survey given (--evaluation)."))
    }
}
