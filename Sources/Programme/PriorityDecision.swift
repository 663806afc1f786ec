public import WijkpeilCore

/// The council's word on one priority after weighing its progress (Ekwadraat's "doen we de goede
/// dingen?"): go on, adjust, or stop. Decisions are appended to the programme, never rewritten;
/// the latest one per priority holds, and next year's programme drops a stopped priority.
public struct PriorityDecision: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable, CaseIterable {
        case `continue`
        case adjust
        case stop

        public var name: LocalizedText {
            switch self {
            case .continue: LocalizedText(nl: "doorgaan", en: "continue")
            case .adjust: LocalizedText(nl: "bijstellen", en: "adjust")
            case .stop: LocalizedText(nl: "stoppen", en: "stop")
            }
        }
    }

    /// The priority's theme, as the goals name it.
    public var priority: String
    public var verdict: Verdict
    /// Why, as the council put it.
    public var reason: String
    /// `YYYY-MM-DD`.
    public var date: String
    /// A role (`gemeenteraad`, `college`), not a person's name.
    public var by: String

    public init(priority: String, verdict: Verdict, reason: String, date: String, by: String) {
        self.priority = priority
        self.verdict = verdict
        self.reason = reason
        self.date = date
        self.by = by
    }
}

extension Programme {
    /// Why a decision on a priority was refused.
    public enum DecisionError: Error, Sendable, Hashable {
        case unknownPriority(String, known: [String], closest: String?)
        case reasonRequired
        case invalidDate(String)

        public var message: LocalizedText {
            switch self {
            case .unknownPriority(let priority, let known, let closest):
                LocalizedText(
                    nl: "het programma heeft geen prioriteit \(priority)" + (closest.map { "; bedoelt u \($0)?" } ?? ".")
                        + " Het kent: \(known.joined(separator: ", "))",
                    en: "the programme has no priority \(priority)" + (closest.map { "; did you mean \($0)?" } ?? ".")
                        + " It has: \(known.joined(separator: ", "))")
            case .reasonRequired:
                LocalizedText(
                    nl: "een besluit over een prioriteit vraagt een reden (--reason): die lezen bewoners en de volgende raad",
                    en: "a decision on a priority needs a reason (--reason): residents and the next council read it")
            case .invalidDate(let text):
                LocalizedText(nl: "\"\(text)\" is geen datum; schrijf JJJJ-MM-DD", en: "\"\(text)\" is not a date; write YYYY-MM-DD")
            }
        }
    }

    /// The priorities the programme's goals stand under, in the order they first appear.
    public var priorities: [String] {
        var seen = Set<String>()
        return goals.map(\.priority).filter { seen.insert($0).inserted }
    }

    /// Records the council's decision on a priority, after the ones before it.
    public mutating func decide(_ decision: PriorityDecision) throws(DecisionError) {
        let known = priorities
        guard known.contains(decision.priority) else {
            throw .unknownPriority(decision.priority, known: known, closest: Identifier.closest(to: decision.priority, in: known))
        }
        guard !decision.reason.allSatisfy(\.isWhitespace) else { throw .reasonRequired }
        guard CalendarDate(decision.date) != nil else { throw .invalidDate(decision.date) }
        decisions.append(decision)
    }

    /// The decision that holds for `priority`: the latest recorded.
    public func decision(for priority: String) -> PriorityDecision? {
        decisions.last { $0.priority == priority }
    }
}
