public import Participation
public import WijkpeilCore

/// What is wrong with a programme, as errors (the programme cannot be adopted like this) and
/// warnings (a person should look), each at its JSON path in the file.
///
/// The rules come from the guide (steps C1–C8: SMART goals, a mix of wijk, buurt and street,
/// quick wins), the Wijkakkoord (at most 45 actions a year, its calendar) and the ladder (a
/// co-decide action needs a binding vote; no action below the level the plan promised for its step).
public struct ProgrammeCheck: Sendable {
    /// The agenda's priorities, the council's added ones included.
    public var priorities: [String]
    /// The participation plan, if one is given: its level per cycle step.
    public var plan: ParticipationPlan?
    /// The day to judge the calendar on; nil leaves the calendar out.
    public var today: CalendarDate?
    /// The surveys and sessions there are, if known: a co-decide action's `vote` must name a
    /// co-decide survey among them that only invitation codes can answer.
    public var activities: [String: ActivityFacts]?

    public init(priorities: [String], plan: ParticipationPlan? = nil, today: CalendarDate? = nil, activities: [String: ActivityFacts]? = nil) {
        self.priorities = priorities
        self.plan = plan
        self.today = today
        self.activities = activities
    }

    public func findings(for programme: Programme) -> Findings {
        var findings = Findings()
        let actionsPath = JSONPath.root.appending("actions"), goalsPath = JSONPath.root.appending("goals")

        // The limit.
        let counted = programme.countedActions.count
        if counted > programme.maxActions {
            findings.error(
                "too-many-actions", at: actionsPath.location,
                nl: "\(counted) acties tellen mee, meer dan de \(programme.maxActions) per jaar; kies, of zet acties die worden afgemaakt op countsTowardsLimit: false",
                en: "\(counted) actions count towards the limit, more than the \(programme.maxActions) a year; choose, or set actions being finished to countsTowardsLimit: false")
        }

        // Goals.
        var goalIds: Set<String> = []
        for (index, goal) in programme.goals.enumerated() {
            let path = goalsPath.appending(index)
            if !goalIds.insert(goal.id).inserted {
                findings.error("duplicate-id", at: path.appending("id").location, nl: "het doel \(goal.id) staat er twee keer", en: "goal \(goal.id) appears twice")
            }
            if !priorities.contains(goal.priority) {
                findings.error(
                    "unknown-priority", at: path.appending("priority").location,
                    nl: "\"\(goal.priority)\" is geen speerpunt van de agenda (\(priorities.joined(separator: ", ")))",
                    en: "\"\(goal.priority)\" is not a priority of the agenda (\(priorities.joined(separator: ", ")))")
            }
            let missing = goal.missingForSMART
            if !missing.isEmpty {
                findings.warning(
                    "goal-not-smart", at: path.location,
                    nl: "het doel \(goal.id) is niet SMART: \(missing.joined(separator: ", ")) ontbreekt",
                    en: "goal \(goal.id) is not SMART: \(missing.joined(separator: ", ")) missing")
            }
        }
        for priority in priorities where !programme.goals.contains(where: { $0.priority == priority }) {
            findings.warning(
                "priority-without-goal", at: goalsPath.location,
                nl: "het speerpunt \(priority) heeft nog geen doel", en: "priority \(priority) has no goal yet")
        }

        // Actions.
        var actionIds: Set<String> = []
        let allIds = Set(programme.actions.map(\.id))
        for (index, action) in programme.actions.enumerated() {
            let path = actionsPath.appending(index)
            func error(_ code: String, _ field: String?, nl: String, en: String) {
                findings.error(code, at: (field.map { path.appending($0) } ?? path).location, nl: "\(action.id): \(nl)", en: "\(action.id): \(en)")
            }
            func warning(_ code: String, _ field: String?, nl: String, en: String) {
                findings.warning(code, at: (field.map { path.appending($0) } ?? path).location, nl: "\(action.id): \(nl)", en: "\(action.id): \(en)")
            }
            if !actionIds.insert(action.id).inserted {
                error("duplicate-id", "id", nl: "dit id staat er twee keer", en: "this id appears twice")
            }
            if action.goals.isEmpty {
                error("action-without-goal", "goals", nl: "de actie dient geen doel; noem er minstens één", en: "the action serves no goal; name at least one")
            }
            for goal in action.goals where !goalIds.contains(goal) {
                error("unknown-goal", "goals", nl: "het doel \(goal) bestaat niet", en: "there is no goal \(goal)")
            }
            if action.cost < 0 {
                error("negative-cost", "cost", nl: "een kostenraming is 0 of meer", en: "an estimated cost is 0 or more")
            }
            if let buurt = action.buurt, !programme.buurten.isEmpty, !programme.buurten.contains(buurt) {
                error(
                    "unknown-buurt", "buurt", nl: "onbekende buurt \"\(buurt)\"; kies uit \(programme.buurten.joined(separator: ", "))",
                    en: "unknown buurt \"\(buurt)\"; choose from \(programme.buurten.joined(separator: ", "))")
            }
            if action.scale == .buurt, action.buurt == nil {
                warning("buurt-missing", "buurt", nl: "een actie op buurtniveau noemt haar buurt", en: "an action at buurt scale names its buurt")
            }
            if action.level == .codecide, action.vote == nil {
                error(
                    "codecide-without-vote", "vote",
                    nl: "meebeslissen vraagt een bindende stemming: noem bij vote de stemming (met uitnodigingscodes) of de budgetstemming",
                    en: "co-deciding needs a binding vote: name the ballot (with invitation codes) or the budget vote in vote")
            }
            if let vote = action.vote, let activities {
                if let facts = activities[vote] {
                    if facts.kind != .survey || !facts.requiresInvite || facts.level != .codecide {
                        error(
                            "vote-not-binding", "vote",
                            nl:
                                "\(vote) is geen bindende stemming: alleen een vragenlijst op niveau meebeslissen (codecide) met uitnodigingscodes (requiresInvite) telt één stem per bewoner",
                            en: "\(vote) is not a binding vote: only a survey at level co-decide (codecide) with invitation codes (requiresInvite) counts one vote per resident")
                    }
                } else {
                    error("unknown-vote", "vote", nl: "er is geen vragenlijst \(vote)", en: "there is no survey \(vote)")
                }
            }
            if action.status == .notFeasible {
                if let notFeasible = action.notFeasible {
                    if notFeasible.alternative == nil {
                        warning(
                            "not-feasible-without-alternative", "notFeasible", nl: "niet uitvoerbaar, maar zonder wat er in plaats daarvan kan",
                            en: "not feasible, but without what can be done instead")
                    }
                } else {
                    error(
                        "not-feasible-without-reason", "notFeasible", nl: "niet uitvoerbaar zonder reden; bewoners hebben recht op het waarom",
                        en: "not feasible without a reason; residents are owed the why")
                }
            }
            if action.kind == .followUp {
                if let follows = action.follows {
                    if !allIds.contains(follows), action.carriedFrom == nil {
                        error("unknown-follows", "follows", nl: "de actie \(follows) bestaat niet", en: "there is no action \(follows)")
                    }
                } else {
                    error(
                        "follow-up-without-follows", "follows", nl: "een vervolgactie noemt bij follows de actie die ze volgt",
                        en: "a follow-up names the action it follows in follows")
                }
            }
            if let start = action.start, let end = action.end, end < start {
                error("end-before-start", "end", nl: "het einde (\(end)) ligt voor het begin (\(start))", en: "the end (\(end)) is before the start (\(start))")
            }
            if let step = action.step {
                if CycleStep.named(step) == nil {
                    error("unknown-step", "step", nl: "onbekende stap \"\(step)\" van de cyclus", en: "unknown cycle step \"\(step)\"")
                } else if let planned = plan?.steps.first(where: { $0.step.id == step }), action.level < planned.level {
                    warning(
                        "below-plan-level", "level",
                        nl: "niveau \(action.level.name.nl) ligt onder wat het participatieplan voor \(step) belooft (\(planned.level.name.nl))",
                        en:
                            "level \(action.level.name.en ?? action.level.rawValue) is below what the participation plan promises for \(step) (\(planned.level.name.en ?? planned.level.rawValue))"
                    )
                }
            }
        }

        // The programme as a whole.
        let active = programme.actions.filter { $0.status != .lapsed && $0.status != .notFeasible }
        if active.count >= 2, Set(active.map(\.scale)).count == 1, let scale = active.first?.scale {
            findings.warning(
                "one-scale", at: actionsPath.location,
                nl: "alle acties werken op \(scale.rawValue)-niveau; de handreiking vraagt een mix van wijk, buurt en straat",
                en: "every action works at \(scale.rawValue) scale; the guide asks for a mix of wijk, buurt and street")
        }
        if !active.isEmpty, !active.contains(where: \.quickWin) {
            findings.warning(
                "no-quick-win", at: actionsPath.location,
                nl: "geen snel zichtbare actie (quickWin); bewoners willen binnen het jaar iets zien gebeuren",
                en: "no quick win; residents want to see something happen within the year")
        }
        let total = programme.totalCost
        if total > programme.budget.total {
            findings.warning(
                "over-budget", at: JSONPath.root.appending("budget").location,
                nl:
                    "de acties kosten samen € \(Language.nl.grouped(total)), € \(Language.nl.grouped(total - programme.budget.total)) meer dan het budget van € \(Language.nl.grouped(programme.budget.total))",
                en:
                    "the actions cost € \(Language.en.grouped(total)) together, € \(Language.en.grouped(total - programme.budget.total)) more than the budget of € \(Language.en.grouped(programme.budget.total))"
            )
        }

        // The calendar.
        if let today {
            for (index, milestone) in programme.calendar.enumerated()
            where milestone.state(forProgrammeYear: programme.year, today: today) == .overdue {
                let date = milestone.date(forProgrammeYear: programme.year).map(\.description) ?? ""
                findings.warning(
                    "milestone-overdue", at: JSONPath.root.appending("calendar").appending(index).location,
                    nl: "\(milestone.text.nl): was uiterlijk \(date), en is niet als gedaan vastgelegd",
                    en: "\(milestone.text.en ?? milestone.text.nl): was due by \(date), and is not recorded as done")
            }
            if let end = programme.calendar.first(where: { $0.id == Milestone.assessmentEnds })?.date(forProgrammeYear: programme.year), end < today {
                for (index, action) in programme.actions.enumerated() where action.status == .assessing {
                    findings.warning(
                        "still-assessing", at: actionsPath.appending(index).appending("status").location,
                        nl: "\(action.id): wordt na \(end) nog beoordeeld", en: "\(action.id): still being assessed after \(end)")
                }
            }
        }
        return findings
    }
}
