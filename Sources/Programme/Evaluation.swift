public import WijkpeilCore

/// The yearly evaluation (Almelo's annex 9): per goal what was realised, the regiegroep's
/// rating, additional measures with their estimated cost, and remarks. Made prefilled from the
/// programme (``prefilled(from:measurements:made:)``), filled in by hand, read back and checked
/// (``read(_:file:programme:)``), and folded into next year's programme by ``CarryOver``.
public struct Evaluation: Sendable, Hashable {
    public enum Rating: String, Sendable, Hashable, CaseIterable {
        case good = "goed"
        case sufficient = "voldoende"
        case insufficient = "onvoldoende"

        public var name: LocalizedText {
            switch self {
            case .good: LocalizedText(nl: "goed", en: "good")
            case .sufficient: LocalizedText(nl: "voldoende", en: "sufficient")
            case .insufficient: LocalizedText(nl: "onvoldoende", en: "insufficient")
            }
        }
    }

    /// A measure the regiegroep adds for next year, with what it is estimated to cost.
    public struct Measure: Sendable, Hashable {
        public var text: String
        public var cost: Int

        public init(text: String, cost: Int) {
            self.text = text
            self.cost = cost
        }
    }

    public struct GoalEvaluation: Sendable, Hashable {
        public var goal: String
        public var priority: String
        /// Prefilled, for reading: the goal, its indicator and where it stands.
        public var text: String
        public var indicator: String?
        public var baseline: Goal.Measure?
        public var target: Goal.Measure?
        public var now: Goal.Measure?
        public var status: ProgressReport.GoalStatus
        public var actionsDone: [String]
        public var actionsOpen: [String]
        /// Filled in by the regiegroep.
        public var rating: Rating?
        public var measures: [Measure]
        /// Why the measures' extra money is needed; required when they cost anything.
        public var motivation: String?
        public var remarks: String
        /// The goal as the council adjusts it for next year, if it does.
        public var newText: String?
        public var newTarget: Goal.Measure?

        /// What the measures add to next year's costs.
        public var extraCost: Int { measures.reduce(0) { $0 + $1.cost } }
    }

    public var programme: String
    public var year: Int
    /// `YYYY-MM-DD`: when the form was made.
    public var made: String
    public var goals: [GoalEvaluation]

    /// The form for the programme's year, prefilled: every goal with where it stands from
    /// `measurements` (per indicator name, its wijk-level values by year) and its actions done and
    /// still open; the rating, the measures and the remarks left to fill in.
    public static func prefilled(from programme: Programme, measurements: [String: [Goal.Measure]], made: String) -> Evaluation {
        let goals = programme.goals.map { goal in
            let progress = ProgressReport.progress(of: goal, measurements: measurements, reportYear: programme.year)
            let serving = programme.actions.filter { $0.goals.contains(goal.id) }
            return GoalEvaluation(
                goal: goal.id, priority: goal.priority, text: goal.text.nl, indicator: goal.indicator, baseline: goal.baseline, target: goal.target,
                now: progress.now, status: progress.status, actionsDone: serving.filter { $0.status == .done }.map(\.id),
                actionsOpen: serving.filter { ![.done, .lapsed, .notFeasible].contains($0.status) }.map(\.id), rating: nil, measures: [],
                motivation: nil, remarks: "", newText: nil, newTarget: nil)
        }
        return Evaluation(programme: programme.id, year: programme.year, made: made, goals: goals)
    }

    /// What all measures add to next year's costs.
    public var extraCost: Int { goals.reduce(0) { $0 + $1.extraCost } }
}
