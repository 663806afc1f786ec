import Participation
import Programme
import Testing
import WijkpeilCore

/// A small programme that passes every check: two priorities, a SMART goal each, three actions
/// on three scales, one quick win, within budget.
func sampleProgramme() -> Programme {
    Programme(
        id: "kerkwijk-2027", wijk: "Kerkwijk", year: 2027, agenda: .init(file: "agenda.json", sha256: "abc"), budget: .init(total: 20_000),
        buurten: ["noord", "zuid"],
        goals: [
            Goal(
                id: "veiligheid-1", priority: "veiligheid", text: LocalizedText(nl: "Minder woninginbraken"), indicator: "woninginbraken per 1.000 woningen",
                baseline: .init(value: 6.8, year: 2026), target: .init(value: 5.0, year: 2028), owner: "wijkmanager"),
            Goal(
                id: "verkeer-1", priority: "verkeer", text: LocalizedText(nl: "Veilige schoolroute"), indicator: "aandeel ouders dat de route veilig vindt",
                baseline: .init(value: 0.4, year: 2026), target: .init(value: 0.7, year: 2028), owner: "verkeerskundige"),
        ],
        actions: [
            Action(
                id: "A-01", title: LocalizedText(nl: "Buurtpreventie-app uitbreiden"), goals: ["veiligheid-1"], owner: "politie", level: .coproduce,
                step: "C7", scale: .wijk, cost: 4_000, start: "2027-01", end: "2027-12", status: .agreed),
            Action(
                id: "A-02", title: LocalizedText(nl: "Schoolzone schilderen"), goals: ["verkeer-1"], owner: "gemeente", scale: .straat, cost: 6_000,
                status: .agreed, quickWin: true),
            Action(
                id: "A-03", title: LocalizedText(nl: "Verlichting in het park"), goals: ["veiligheid-1"], owner: "gemeente", scale: .buurt, buurt: "noord",
                cost: 9_000, status: .assessing),
        ])
}

func codes(_ findings: Findings) -> [String] { findings.all.map(\.code) }

@Suite("The programme's checks")
struct ProgrammeCheckTests {
    let check = ProgrammeCheck(priorities: ["veiligheid", "verkeer"])

    @Test("the sample programme has neither errors nor warnings")
    func clean() {
        #expect(check.findings(for: sampleProgramme()).isEmpty)
    }

    @Test("more than 45 counted actions is an error; actions finished outside the count do not count")
    func limit() {
        var programme = sampleProgramme()
        let template = programme.actions[0]
        programme.actions = (1...46).map { number in
            var action = template
            action.id = "A-\(number)"
            action.quickWin = number == 1
            action.scale = number % 2 == 0 ? .wijk : .straat
            action.cost = 0
            return action
        }
        #expect(codes(check.findings(for: programme)) == ["too-many-actions"])
        programme.actions[45].countsTowardsLimit = false
        #expect(check.findings(for: programme).isEmpty)
    }

    @Test(
        "each broken rule is one error at its JSON path",
        arguments: [
            ("action-without-goal", "actions[0].goals"), ("unknown-goal", "actions[0].goals"), ("negative-cost", "actions[0].cost"),
            ("unknown-buurt", "actions[2].buurt"), ("codecide-without-vote", "actions[0].vote"),
            ("not-feasible-without-reason", "actions[0].notFeasible"), ("unknown-priority", "goals[1].priority"),
            ("follow-up-without-follows", "actions[0].follows"), ("end-before-start", "actions[0].end"), ("duplicate-id", "actions[1].id"),
        ])
    func errors(code: String, path: String) {
        var programme = sampleProgramme()
        switch code {
        case "action-without-goal": programme.actions[0].goals = []
        case "unknown-goal": programme.actions[0].goals = ["wonen-9"]
        case "negative-cost": programme.actions[0].cost = -1
        case "unknown-buurt": programme.actions[2].buurt = "oost"
        case "codecide-without-vote": programme.actions[0].level = .codecide
        case "not-feasible-without-reason": programme.actions[0].status = .notFeasible
        case "unknown-priority": programme.goals[1].priority = "groen"
        case "follow-up-without-follows": programme.actions[0].kind = .followUp
        case "end-before-start": programme.actions[0].end = "2026-12"
        default: programme.actions[1].id = "A-01"
        }
        let errors = check.findings(for: programme).errors
        #expect(errors.map(\.code) == [code])
        #expect(errors.first?.location.path == path)
    }

    @Test("warnings: a goal that is not SMART, one scale only, no quick win, over budget by how much, not feasible without an alternative")
    func warnings() {
        var programme = sampleProgramme()
        programme.goals[0].target = nil
        programme.goals[0].owner = nil
        let notSmart = check.findings(for: programme)
        #expect(codes(notSmart) == ["goal-not-smart"])
        #expect(notSmart.all[0].message.nl.contains("target, owner"))

        programme = sampleProgramme()
        for index in programme.actions.indices {
            programme.actions[index].scale = .wijk
            programme.actions[index].buurt = nil
            programme.actions[index].quickWin = false
        }
        #expect(codes(check.findings(for: programme)) == ["one-scale", "no-quick-win"])

        programme = sampleProgramme()
        programme.budget.total = 15_000
        let over = check.findings(for: programme)
        #expect(codes(over) == ["over-budget"])
        #expect(over.all[0].message.nl.contains("€ 19.000, € 4.000 meer dan het budget van € 15.000"))

        programme = sampleProgramme()
        programme.actions[2].status = .notFeasible
        programme.actions[2].notFeasible = .init(reason: LocalizedText(nl: "Het park is van de provincie"))
        #expect(codes(check.findings(for: programme)) == ["not-feasible-without-alternative"])
    }

    @Test("given the surveys, a co-decide action's vote must name a survey answered with invitation codes")
    func bindingVote() {
        var programme = sampleProgramme()
        programme.actions[0].level = .codecide
        programme.actions[0].vote = "stemming"
        let ballot = ActivityFacts(kind: .survey, level: .codecide, requiresInvite: true)
        let open = ActivityFacts(kind: .survey, level: .consult, requiresInvite: false)
        func codes(_ activities: [String: ActivityFacts]) -> [String] {
            ProgrammeCheck(priorities: ["veiligheid", "verkeer"], activities: activities).findings(for: programme).all.map(\.code)
        }
        #expect(codes(["stemming": ballot]).isEmpty)
        #expect(codes(["stemming": open]) == ["vote-not-binding"])
        let advice = ActivityFacts(kind: .survey, level: .advise, requiresInvite: true)
        #expect(codes(["stemming": advice]) == ["vote-not-binding"])
        #expect(codes([:]) == ["unknown-vote"])
        // Without the surveys the vote is taken as given.
        #expect(check.findings(for: programme).isEmpty)
    }

    @Test("with a participation plan, an action below the level the plan promises for its step is named")
    func belowPlan() {
        let plan = ParticipationPlan(id: "p", steps: [PlannedStep(step: CycleStep.named("C7")!, level: .codecide, instruments: [], path: .root)])
        let findings = ProgrammeCheck(priorities: ["veiligheid", "verkeer"], plan: plan).findings(for: sampleProgramme())
        #expect(codes(findings) == ["below-plan-level"])
        #expect(findings.all[0].location.path == "actions[0].level")
    }

    @Test("on a given day, overdue milestones and actions still assessed after 1 March are named")
    func calendar() throws {
        let programme = sampleProgramme()
        let november: CalendarDate = try #require(CalendarDate("2026-11-25")), spring: CalendarDate = try #require(CalendarDate("2027-03-02"))
        let december = ProgrammeCheck(priorities: ["veiligheid", "verkeer"], today: november)
        #expect(december.findings(for: programme).isEmpty)
        let march = ProgrammeCheck(priorities: ["veiligheid", "verkeer"], today: spring)
        let findings = march.findings(for: programme)
        // The draft (3 December 2026) and the assessment (1 March 2027) are overdue; A-03 is still assessed.
        #expect(codes(findings) == ["milestone-overdue", "milestone-overdue", "still-assessing"])
        #expect(findings.all[2].location.path == "actions[2].status")
    }
}

@Suite("The programme's calendar")
struct MilestoneTests {
    @Test(
        "a milestone is upcoming, due within 14 days, overdue after its date, or done when recorded",
        arguments: [
            ("2026-11-18", Milestone.State.upcoming), ("2026-11-19", .due), ("2026-12-03", .due), ("2026-12-04", .overdue),
        ])
    func states(today: String, state: Milestone.State) throws {
        let concept = Milestone.wijkakkoord[0]
        #expect(concept.date(forProgrammeYear: 2027)?.description == "2026-12-03")
        #expect(concept.state(forProgrammeYear: 2027, today: try #require(CalendarDate(today))) == state)
        var done = concept
        done.done = "2026-12-01"
        #expect(done.state(forProgrammeYear: 2027, today: try #require(CalendarDate(today))) == .done)
    }

    @Test("days between dates count leap days and year ends")
    func days() throws {
        #expect(try #require(CalendarDate("2028-02-28")).days(to: try #require(CalendarDate("2028-03-01"))) == 2)
        #expect(try #require(CalendarDate("2026-12-31")).days(to: try #require(CalendarDate("2027-01-01"))) == 1)
        #expect(try #require(CalendarDate("1970-01-01")).dayNumber == 0)
    }
}

@Suite("The programme as the council reads it (Almelo's annex 8)")
struct ProgrammeReportTests {
    func programme() -> Programme {
        var programme = sampleProgramme()
        programme.actions[2].status = .notFeasible
        programme.actions[2].notFeasible = .init(reason: LocalizedText(nl: "Het park is van de provincie."), alternative: LocalizedText(nl: "Lantaarns <langs> het pad"))
        programme.actions[1].start = "2027-03"
        programme.actions[1].end = "2028-06"
        return programme
    }

    let evidence = [
        "veiligheid": PriorityEvidence(
            theme: "veiligheid", label: LocalizedText(nl: "Veiligheid"), stickers: 0.24, mentions: 0.76, dissatisfied: 0.5, indicatorGap: 0.3)
    ]

    @Test("one row per action under its first goal's priority: goals, cost, years, owner, and the remarks a reader needs")
    func rows() {
        let rows = programme().annexRows(language: .nl)
        #expect(rows.map { $0[0] } == ["veiligheid", "veiligheid", "verkeer"])
        #expect(rows[0] == ["veiligheid", "Minder woninginbraken", "Buurtpreventie-app uitbreiden", "4000", "2027", "politie", "afgesproken"])
        #expect(rows[1][6] == "niet uitvoerbaar; Het park is van de provincie; in plaats daarvan: Lantaarns <langs> het pad")
        #expect(rows[2][4] == "2027–2028" && rows[2][6] == "afgesproken; snel zichtbaar")
        // Not feasible costs nothing: 4.000 + 6.000.
        #expect(programme().totals(language: .nl) == "3 acties, waarvan 3 meetellen (maximaal 45); geraamd € 10.000 van een budget van € 20.000")
    }

    @Test("what residents said stands above each priority's actions, in words and percentages")
    func tracedBack() {
        let markdown = programme().markdown(evidence: evidence, language: .nl)
        #expect(markdown.contains("## Veiligheid\n\nBewoners: 24% van de stickers, 76% noemde het als eerste, 50% ontevreden; de cijfers zijn slechter dan de vergelijking.\n"))
        #expect(markdown.contains("| € 4.000 | 2027 |"))
        let english = evidence["veiligheid"]!.sentence(in: .en)
        #expect(english == "Residents: 24% of the stickers, 76% named it first, 50% dissatisfied; the statistics are worse than the comparison.")
        let council = PriorityEvidence(theme: "wonen", label: LocalizedText(nl: "Wonen"), councilReason: "De woningbouwopgave vraagt het.")
        #expect(council.sentence(in: .nl) == "Speerpunt van de raad: De woningbouwopgave vraagt het.")
    }

    @Test("the page prints on A4 landscape and escapes every text")
    func page() {
        let html = programme().html(evidence: evidence, language: .nl)
        #expect(html.contains("@page { size: A4 landscape"))
        #expect(html.contains("Lantaarns &lt;langs&gt; het pad") && !html.contains("<langs>"))
        #expect(html.contains("<p class=\"said\">Bewoners: 24% van de stickers"))
    }
}
