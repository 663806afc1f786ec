public import WijkpeilCore

/// The progress report at 4, 8 or 12 months of the programme year (the Wijkakkoord's rhythm):
/// for the council, per priority its goals against their targets and its actions with what
/// changed since the previous report; for residents, "U vroeg om … Dit gebeurt: …". Everything in
/// it is computed here from the programme, the indicators and what residents said; the pages
/// (``councilMarkdown(language:)``, ``residentsHTML(language:)``, …) only show it.
public struct ProgressReport: Sendable {
    /// Who the report is for.
    public enum Audience: String, Sendable, Hashable, CaseIterable {
        case council
        case residents
    }

    /// The months a report covers: from 1 January to the end of month 4, 8 or 12, and what
    /// changed since the day after the previous report's end.
    public struct Period: Sendable, Hashable {
        public var year: Int
        public var months: Int

        /// Only 4, 8 and 12.
        public init?(year: Int, months: Int) {
            guard [4, 8, 12].contains(months) else { return nil }
            self.year = year
            self.months = months
        }

        public var start: CalendarDate { CalendarDate(year: year, month: 1, day: 1)! }
        public var end: CalendarDate { CalendarDate(year: year, month: months, day: CalendarDate.days(inMonth: months, year: year))! }
        /// The first day after the previous report's period (1 January for the first report).
        public var since: CalendarDate { months == 4 ? start : CalendarDate(year: year, month: months - 3, day: 1)! }
        /// The next report's months, or nil after the last (the evaluation follows).
        public var next: Int? { months == 12 ? nil : months + 4 }
    }

    /// Where a goal stands: its indicator measured against the straight line from baseline to
    /// target.
    public enum GoalStatus: String, Sendable, Hashable, CaseIterable {
        /// The target is met or passed.
        case reached
        /// At least as far as the straight line from baseline to target says it should be by now.
        case onTrack = "on-track"
        /// Short of that line.
        case behind
        /// No measurement after the baseline's year yet.
        case unmeasured
        /// No indicator, baseline or target to measure against.
        case noTarget = "no-target"

        public var name: LocalizedText {
            switch self {
            case .reached: LocalizedText(nl: "gehaald", en: "reached")
            case .onTrack: LocalizedText(nl: "op koers", en: "on track")
            case .behind: LocalizedText(nl: "achter", en: "behind")
            case .unmeasured: LocalizedText(nl: "nog geen nieuwe meting", en: "not measured again yet")
            case .noTarget: LocalizedText(nl: "geen streefwaarde", en: "no target")
            }
        }
    }

    public struct GoalProgress: Sendable, Hashable {
        public var goal: Goal
        /// The latest measurement after the baseline's year, up to the report's year.
        public var now: Goal.Measure?
        public var status: GoalStatus
    }

    public struct ActionProgress: Sendable, Hashable {
        public var action: Action
        /// Its history entries since the previous report, up to the end of this one's period.
        public var changes: [Change]
    }

    public struct PriorityProgress: Sendable, Hashable {
        public var priority: String
        public var label: LocalizedText
        /// What residents said, from the agenda; nil when the agenda was not at hand.
        public var evidence: PriorityEvidence?
        public var goals: [GoalProgress]
        public var actions: [ActionProgress]
        /// The council's latest decision on it.
        public var decision: PriorityDecision?

        /// Its actions per status.
        public func count(_ status: Action.Status) -> Int { actions.filter { $0.action.status == status }.count }
    }

    public var wijk: String
    public var period: Period
    /// The day the report was made.
    public var today: CalendarDate
    public var priorities: [PriorityProgress]
    /// Milestones of the calendar past their date on `today` and not recorded as done.
    public var overdueMilestones: [Milestone]
    /// Actions still being assessed after the assessment milestone.
    public var stillAssessing: [Action]
    /// Commitments not yet closed, with where they stand on `today`.
    public var openCommitments: [(commitment: Commitment, state: Commitment.State)]
    /// Whether the register of commitments was at hand (else nothing is said about them).
    public var registerConsulted: Bool
    /// The survey's promise on feedback, repeated beside the report's date.
    public var feedback: LocalizedText?
    /// The estimated cost of the actions that go ahead, and what was reported spent.
    public var estimated: Int
    public var spent: Int

    /// The report on `programme` after `period.months` months, made on `today`.
    ///
    /// - Parameters:
    ///   - measurements: per indicator name, its wijk-level values by year.
    ///   - evidence: what residents said per priority (the agenda's signals), or nil.
    public init(
        programme: Programme, period: Period, today: CalendarDate, measurements: [String: [Goal.Measure]], evidence: [String: PriorityEvidence]?,
        commitments: [Commitment]? = nil, feedback: LocalizedText? = nil
    ) {
        wijk = programme.wijk
        self.period = period
        self.today = today
        self.feedback = feedback
        let since = period.since, end = period.end
        priorities = programme.byPriority.map { group in
            PriorityProgress(
                priority: group.priority,
                label: evidence?[group.priority]?.label ?? LocalizedText(nl: group.priority),
                evidence: evidence?[group.priority],
                goals: group.goals.map { Self.progress(of: $0, measurements: measurements, reportYear: period.year) },
                actions: group.actions.map { action in
                    ActionProgress(
                        action: action,
                        changes: action.history.filter { change in
                            guard let date = CalendarDate(change.date) else { return false }
                            return since <= date && date <= end
                        })
                },
                decision: programme.decision(for: group.priority))
        }
        overdueMilestones = programme.calendar.filter { $0.state(forProgrammeYear: programme.year, today: today) == .overdue }
        if let assessed = programme.calendar.first(where: { $0.id == Milestone.assessmentEnds })?.date(forProgrammeYear: programme.year),
            assessed < today
        {
            stillAssessing = programme.actions.filter { $0.status == .assessing }
        } else {
            stillAssessing = []
        }
        registerConsulted = commitments != nil
        openCommitments = (commitments ?? []).map { ($0, $0.state(on: today)) }.filter { $0.1.isOpen }
        estimated = programme.totalCost
        spent = programme.actions.reduce(0) { $0 + ($1.spent ?? 0) }
    }

    /// Where `goal` stands in the report's year.
    static func progress(of goal: Goal, measurements: [String: [Goal.Measure]], reportYear: Int) -> GoalProgress {
        guard let indicator = goal.indicator, let baseline = goal.baseline, let target = goal.target else {
            return GoalProgress(goal: goal, now: nil, status: .noTarget)
        }
        let now = (measurements[indicator] ?? []).filter { $0.year > baseline.year && $0.year <= reportYear }.max { $0.year < $1.year }
        guard let now else { return GoalProgress(goal: goal, now: nil, status: .unmeasured) }
        // Which way is better: from the baseline towards the target.
        let better: Double = target.value > baseline.value ? 1 : target.value < baseline.value ? -1 : 0
        if better == 0 { return GoalProgress(goal: goal, now: now, status: now.value == target.value ? .reached : .behind) }
        if (now.value - target.value) * better >= 0 { return GoalProgress(goal: goal, now: now, status: .reached) }
        let span = Double(target.year - baseline.year)
        let elapsed = span > 0 ? min(1, max(0, Double(now.year - baseline.year) / span)) : 1
        let expected = baseline.value + (target.value - baseline.value) * elapsed
        // On the line is on track: a rounding error in computing the line does not make it behind.
        let tolerance = 1e-9 * max(1, abs(expected))
        return GoalProgress(goal: goal, now: now, status: (now.value - expected) * better >= -tolerance ? .onTrack : .behind)
    }

    // MARK: Totals

    /// Every action of the report, in the order of the priorities.
    public var actions: [Action] { priorities.flatMap { $0.actions.map(\.action) } }

    /// Actions per status, in the order of ``Action/Status``.
    public var actionCounts: [(status: Action.Status, count: Int)] {
        Action.Status.allCases.map { status in (status, actions.filter { $0.status == status }.count) }.filter { $0.count > 0 }
    }

    /// Goals per status, in the order of ``GoalStatus``.
    public var goalCounts: [(status: GoalStatus, count: Int)] {
        let goals = priorities.flatMap(\.goals)
        return GoalStatus.allCases.map { status in (status, goals.filter { $0.status == status }.count) }.filter { $0.count > 0 }
    }

    /// Commitments open past their due date.
    public var overdueCommitments: Int {
        openCommitments.filter { if case .overdue = $0.state { true } else { false } }.count
    }
}
