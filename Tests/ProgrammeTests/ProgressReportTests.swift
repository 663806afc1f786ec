import Programme
import Testing
import WijkpeilCore

@Suite("Progress reports at 4, 8 and 12 months")
struct ProgressReportTests {
    func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    /// The sample programme with a history: A-01 started in February and given money in June,
    /// A-02 done in May, A-03 not feasible in March.
    func programme() -> Programme {
        var programme = sampleProgramme()
        programme.actions[0].status = .inProgress
        programme.actions[0].spent = 2_500
        programme.actions[0].history = [
            Change(date: "2026-12-01", by: "wijkmanager", note: "afgesproken", status: .agreed),
            Change(date: "2027-02-10", by: "politie", note: "gestart", status: .inProgress, spent: 1_000),
            Change(date: "2027-06-01", by: "politie", note: "tweede wijk", spent: 2_500),
        ]
        programme.actions[1].status = .done
        programme.actions[1].spent = 5_800
        programme.actions[1].history = [Change(date: "2027-05-20", by: "gemeente", note: "geschilderd", status: .done, spent: 5_800)]
        programme.actions[2].status = .notFeasible
        programme.actions[2].notFeasible = .init(reason: LocalizedText(nl: "Het park is van de provincie"), alternative: LocalizedText(nl: "Lantaarns op het pad"))
        return programme
    }

    @Test(
        "a report covers January to the end of month 4, 8 or 12, and what changed since the previous one",
        arguments: [
            (4, "2027-04-30", "2027-01-01", 8 as Int?),
            (8, "2027-08-31", "2027-05-01", 12),
            (12, "2027-12-31", "2027-09-01", nil),
        ])
    func periods(months: Int, end: String, since: String, next: Int?) throws {
        let period = try #require(ProgressReport.Period(year: 2027, months: months))
        #expect(period.start == day("2027-01-01") && period.end == day(end) && period.since == day(since) && period.next == next)
    }

    @Test("only 4, 8 and 12 months are reports")
    func otherMonths() {
        #expect(ProgressReport.Period(year: 2027, months: 6) == nil)
    }

    @Test(
        "a goal is reached, on track or behind against the straight line from baseline to target; unmeasured without a later measurement",
        arguments: [
            // Baseline 6,8 in 2026, target 5,0 in 2028 (lower is better): by 2027 the line is at 5,9.
            ([Goal.Measure(value: 6.1, year: 2027)], ProgressReport.GoalStatus.behind),
            ([Goal.Measure(value: 5.9, year: 2027)], .onTrack),
            ([Goal.Measure(value: 4.9, year: 2027)], .reached),
            ([Goal.Measure(value: 6.8, year: 2026)], .unmeasured),
            // A measurement after the report's year is not used.
            ([Goal.Measure(value: 4.0, year: 2028)], .unmeasured),
            ([Goal.Measure(value: 7.5, year: 2025), Goal.Measure(value: 5.5, year: 2027)], .onTrack),
        ])
    func goalStatus(measurements: [Goal.Measure], expected: ProgressReport.GoalStatus) throws {
        let report = ProgressReport(
            programme: programme(), period: try #require(.init(year: 2027, months: 4)), today: day("2027-05-06"),
            measurements: ["woninginbraken per 1.000 woningen": measurements], evidence: nil)
        #expect(report.priorities[0].goals[0].status == expected)
    }

    @Test("where higher is better (0,4 → 0,7 by 2028), 0,52 in 2027 is short of 0,55 and 0,56 is on track; without a target there is nothing to measure")
    func higherIsBetter() throws {
        var programme = programme()
        let period = try #require(ProgressReport.Period(year: 2027, months: 8))
        func status(_ value: Double) -> ProgressReport.GoalStatus {
            ProgressReport(
                programme: programme, period: period, today: day("2027-09-01"),
                measurements: ["aandeel ouders dat de route veilig vindt": [.init(value: value, year: 2027)]], evidence: nil
            ).priorities[1].goals[0].status
        }
        #expect(status(0.52) == .behind && status(0.56) == .onTrack && status(0.7) == .reached)
        programme.goals[1].target = nil
        #expect(status(0.9) == .noTarget)
    }

    @Test("the council's summary: actions per status, spent against estimated, overdue milestones, actions still assessed, open commitments")
    func summary() throws {
        var programme = programme()
        programme.actions.append(
            Action(id: "A-04", title: LocalizedText(nl: "Fietsenrekken"), goals: ["verkeer-1"], owner: "gemeente", cost: 1_200, status: .assessing))
        let commitments = [
            Commitment(number: 1, made: "2027-01-10", audience: .council, what: "Brief over het park", owner: "wijkmanager", due: "2027-04-01"),
            Commitment(number: 2, made: "2027-01-10", audience: .residents, what: "Avond", owner: "wijkmanager", due: "2027-06-01"),
            Commitment(
                number: 3, made: "2027-01-10", audience: .residents, what: "Uitslag", owner: "wijkmanager", due: "2027-02-01",
                closure: .init(date: "2027-01-30", how: "brief")),
        ]
        let report = ProgressReport(
            programme: programme, period: try #require(.init(year: 2027, months: 4)), today: day("2027-05-06"), measurements: [:], evidence: nil,
            commitments: commitments)
        // A-03 is not feasible and costs nothing: 4.000 + 6.000 + 1.200.
        #expect(report.estimated == 11_200 && report.spent == 8_300)
        #expect(report.actionCounts.map(\.status) == [.assessing, .notFeasible, .inProgress, .done] && report.actionCounts.allSatisfy { $0.count == 1 })
        // On 6 May the assessment (1 March), the letter (7 March) and the offer (14 March) are overdue; only "concept" is before the year.
        #expect(report.overdueMilestones.map(\.id) == ["concept", "beoordeling", "brief", "aanbieding"])
        #expect(report.stillAssessing.map(\.id) == ["A-04"])
        #expect(report.openCommitments.map(\.commitment.number) == [1, 2] && report.overdueCommitments == 1)
        let text = report.council(language: .nl).markdown.replacingAll("\u{00A0}", with: " ")
        #expect(text.contains("- Uitgegeven: € 8.300 van € 11.200 geraamd (74%)."))
        #expect(text.contains("- Toezeggingen: 2 open, waarvan 1 te laat."))
        #expect(text.contains("- Nog in beoordeling na de beoordelingsdatum: A-04."))
        #expect(text.contains("| 1 | Brief over het park | raad | 2027-04-01 | te laat (35 dagen) |"))
        // Without the register, nothing is said about commitments.
        let without = ProgressReport(programme: programme, period: report.period, today: report.today, measurements: [:], evidence: nil)
        #expect(!without.council(language: .nl).markdown.contains("Toezeggingen"))
    }

    @Test("what changed since the previous report: the history between its start and the period's end, not before and not after")
    func changesSince() throws {
        let four = ProgressReport(
            programme: programme(), period: try #require(.init(year: 2027, months: 4)), today: day("2027-05-06"), measurements: [:], evidence: nil)
        #expect(four.priorities[0].actions[0].changes.map(\.date) == ["2027-02-10"])
        let eight = ProgressReport(
            programme: programme(), period: try #require(.init(year: 2027, months: 8)), today: day("2027-09-03"), measurements: [:], evidence: nil)
        #expect(eight.priorities[0].actions[0].changes.map(\.date) == ["2027-06-01"])
        #expect(
            eight.council(language: .en).markdown.replacingAll("\u{00A0}", with: " ").contains(
                "| A-01 | Buurtpreventie-app uitbreiden | in progress | 2027-06-01, spent € 2,500 — tweede wijk | € 4,000 | € 2,500 |"))
    }

    @Test("for residents: what they asked for, what is done and under way, what does not go ahead and why, the promise beside the date")
    func residents() throws {
        var evidence = [
            "veiligheid": PriorityEvidence(theme: "veiligheid", label: LocalizedText(nl: "Veiligheid"), stickers: 0.24, dissatisfied: 0.5),
            "verkeer": PriorityEvidence(theme: "verkeer", label: LocalizedText(nl: "Verkeer"), stickers: 0.1),
        ]
        evidence["verkeer"]?.councilReason = "De schoolroute is onveilig."
        let report = ProgressReport(
            programme: programme(), period: try #require(.init(year: 2027, months: 8)), today: day("2027-09-03"), measurements: [:],
            evidence: evidence, feedback: LocalizedText(nl: "U hoort binnen een maand wat we ermee doen."))
        let text = report.residents(language: .nl).markdown
        #expect(text.contains("> U vroeg om: veiligheid. Bewoners: 24% van de stickers, 50% ontevreden."))
        #expect(text.contains("> Dit punt zette de gemeenteraad op de agenda. Bewoners: 10% van de stickers; speerpunt van de raad: De schoolroute is onveilig."))
        #expect(text.contains("- Klaar: Schoolzone schilderen."))
        #expect(text.contains("- Bezig: Buurtpreventie-app uitbreiden, klaar in december 2027."))
        #expect(text.contains("- Verlichting in het park — Het park is van de provincie. In plaats daarvan: Lantaarns op het pad."))
        #expect(text.contains("> In de enquête beloofden wij: “U hoort binnen een maand wat we ermee doen.” Dit verslag is van 3 september 2027."))
        #expect(text.hasSuffix("Het volgende verslag gaat over de stand eind december 2027.\n"))
        #expect(report.residents(language: .nl).html(language: .nl).contains("@page { size: A4; margin: 14mm; }"))
        // Still under way after its end month: said so, not promised again.
        var late = programme()
        late.actions[0].end = "2027-06"
        let lateReport = ProgressReport(
            programme: late, period: report.period, today: report.today, measurements: [:], evidence: nil)
        #expect(lateReport.residents(language: .nl).markdown.contains("- Bezig: Buurtpreventie-app uitbreiden, later dan gepland (klaar in juni 2027)."))
    }

    @Test("the JSON carries the same numbers as the pages")
    func json() throws {
        let report = ProgressReport(
            programme: programme(), period: try #require(.init(year: 2027, months: 4)), today: day("2027-05-06"),
            measurements: ["woninginbraken per 1.000 woningen": [.init(value: 6.1, year: 2027)]], evidence: nil)
        guard case .object(let fields) = report.jsonValue(for: .council), case .object(let summary)? = fields["summary"],
            case .array(let priorities)? = fields["priorities"], case .object(let first) = priorities.first, case .array(let goals)? = first["goals"],
            case .object(let goal) = goals.first
        else {
            Issue.record("not the report's shape")
            return
        }
        #expect(summary["estimated"] == 10_000 && summary["spent"] == 8_300 && summary["openCommitments"] == .null)
        #expect(summary["actions"] == ["in-progress": 1, "done": 1, "not-feasible": 1])
        #expect(goal["status"] == "behind" && goal["now"] == ["value": 6.1, "year": 2027])
        #expect(fields["nextReport"] == ["months": 8, "after": "2027-08-31"] && fields["months"] == 4)
    }
}
