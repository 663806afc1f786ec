public import WijkpeilCore

extension Programme {
    /// Why a change was refused.
    public enum ChangeError: Error, Sendable, Hashable {
        case unknownAction(String, closest: String?)
        case invalidDate(String)
        case invalidMonth(String)
        case negativeCost(Int)
        /// `not-feasible` needs the reason residents are owed.
        case reasonRequired
        /// The change changes nothing.
        case nothingChanged

        public var message: LocalizedText {
            switch self {
            case .unknownAction(let id, let closest):
                LocalizedText(
                    nl: "het programma heeft geen actie \(id)" + (closest.map { "; bedoelt u \($0)?" } ?? ""),
                    en: "the programme has no action \(id)" + (closest.map { "; did you mean \($0)?" } ?? ""))
            case .invalidDate(let text):
                LocalizedText(nl: "\"\(text)\" is geen datum; schrijf JJJJ-MM-DD", en: "\"\(text)\" is not a date; write YYYY-MM-DD")
            case .invalidMonth(let text):
                LocalizedText(nl: "\"\(text)\" is geen maand; schrijf JJJJ-MM", en: "\"\(text)\" is not a month; write YYYY-MM")
            case .negativeCost(let cost):
                LocalizedText(nl: "een bedrag is 0 of meer, niet \(cost)", en: "an amount is 0 or more, not \(cost)")
            case .reasonRequired:
                LocalizedText(
                    nl: "niet uitvoerbaar vraagt een reden (--reason), en liefst wat er in plaats daarvan kan (--alternative)",
                    en: "not feasible needs a reason (--reason), and preferably what can be done instead (--alternative)")
            case .nothingChanged:
                LocalizedText(nl: "deze wijziging verandert niets", en: "this change changes nothing")
            }
        }
    }

    /// Records one change of an action's status, cost, owner or dates, appended to its history
    /// with the date, the role that made it and the note; nothing earlier is rewritten.
    public mutating func record(
        _ change: Change, forAction id: String, notFeasible: Action.NotFeasible? = nil
    ) throws(ChangeError) {
        guard let index = actions.firstIndex(where: { $0.id == id }) else {
            throw .unknownAction(id, closest: Identifier.closest(to: id, in: actions.map(\.id)))
        }
        guard CalendarDate(change.date) != nil else { throw .invalidDate(change.date) }
        for month in [change.start, change.end].compactMap({ $0 }) where !Programme.isMonth(month) { throw .invalidMonth(month) }
        for amount in [change.cost, change.spent].compactMap({ $0 }) where amount < 0 { throw .negativeCost(amount) }
        var action = actions[index]
        if change.status == .notFeasible, notFeasible == nil, action.notFeasible == nil { throw .reasonRequired }
        let before = action
        if let status = change.status { action.status = status }
        if let cost = change.cost { action.cost = cost }
        if let spent = change.spent { action.spent = spent }
        if let owner = change.owner { action.owner = owner }
        if let start = change.start { action.start = start }
        if let end = change.end { action.end = end }
        if let notFeasible { action.notFeasible = notFeasible }
        guard action != before else { throw .nothingChanged }
        action.history.append(change)
        actions[index] = action
    }
}

extension Programme {
    /// Why a goal could not be changed.
    public enum GoalError: Error, Sendable, Hashable {
        case unknownGoal(String, closest: String?)
        case nothingChanged

        public var message: LocalizedText {
            switch self {
            case .unknownGoal(let id, let closest):
                LocalizedText(
                    nl: "het programma heeft geen doel \(id)" + (closest.map { "; bedoelt u \($0)?" } ?? ""),
                    en: "the programme has no goal \(id)" + (closest.map { "; did you mean \($0)?" } ?? ""))
            case .nothingChanged:
                LocalizedText(nl: "deze wijziging verandert niets", en: "this change changes nothing")
            }
        }
    }

    /// Makes a goal SMART: its wording, indicator, baseline, target and owner, each where given.
    public mutating func updateGoal(
        _ id: String, text: LocalizedText? = nil, indicator: String? = nil, baseline: Goal.Measure? = nil, target: Goal.Measure? = nil,
        owner: String? = nil
    ) throws(GoalError) {
        guard let index = goals.firstIndex(where: { $0.id == id }) else {
            throw .unknownGoal(id, closest: Identifier.closest(to: id, in: goals.map(\.id)))
        }
        var goal = goals[index]
        if let text { goal.text = text }
        if let indicator { goal.indicator = indicator }
        if let baseline { goal.baseline = baseline }
        if let target { goal.target = target }
        if let owner { goal.owner = owner }
        guard goal != goals[index] else { throw .nothingChanged }
        goals[index] = goal
    }
}
