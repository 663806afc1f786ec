public import Participation
public import WijkpeilCore

/// A neighbourhood programme (wijkprogramma) for one year: measurable goals under the agenda's
/// priorities, and the actions that serve them, each with an owner, a cost, a period, a level of
/// participation and a history that is only ever appended to.
///
/// It follows the guide's steps C1–C8, Almelo's annexes 5 and 8, and the Wijkakkoord's annual
/// action plan: at most 45 actions a year count towards the limit, and the plan is carried from
/// year to year under fixed decisions (``CarryOver``). Pure: reading and writing the file is the
/// caller's; ``ProgrammeCheck`` says what is wrong with one.
public struct Programme: Sendable, Hashable {
    /// The agenda the programme was drawn up from, by name and content.
    public struct AgendaReference: Sendable, Hashable {
        public var file: String
        public var sha256: String

        public init(file: String, sha256: String) {
            self.file = file
            self.sha256 = sha256
        }
    }

    public struct Budget: Sendable, Hashable {
        /// Whole euros.
        public var total: Int
        public var currency: String

        public init(total: Int, currency: String = "EUR") {
            self.total = total
            self.currency = currency
        }
    }

    public var id: String
    public var wijk: String
    public var year: Int
    public var agenda: AgendaReference
    public var budget: Budget
    /// Actions that count towards the limit, at most (the Wijkakkoord: 45).
    public var maxActions: Int
    /// The buurten actions may name (empty: any name is accepted).
    public var buurten: [String]
    public var goals: [Goal]
    public var actions: [Action]
    public var calendar: [Milestone]
    /// The council's decisions on priorities, in the order they were made.
    public var decisions: [PriorityDecision]

    /// The Wijkakkoord's limit of actions a year.
    public static let defaultMaxActions = 45

    public init(
        id: String, wijk: String, year: Int, agenda: AgendaReference, budget: Budget, maxActions: Int = Programme.defaultMaxActions,
        buurten: [String] = [], goals: [Goal] = [], actions: [Action] = [], calendar: [Milestone] = Milestone.wijkakkoord,
        decisions: [PriorityDecision] = []
    ) {
        self.id = id
        self.wijk = wijk
        self.year = year
        self.agenda = agenda
        self.budget = budget
        self.maxActions = maxActions
        self.buurten = buurten
        self.goals = goals
        self.actions = actions
        self.calendar = calendar
        self.decisions = decisions
    }

    /// Actions that count towards `maxActions`.
    public var countedActions: [Action] { actions.filter(\.countsTowardsLimit) }

    /// The estimated cost of the actions that go ahead, in whole euros.
    public var totalCost: Int { Self.cost(of: actions) }

    /// What `actions` are estimated to cost: not-feasible and lapsed actions cost nothing.
    public static func cost(of actions: [Action]) -> Int {
        actions.filter { $0.status != .notFeasible && $0.status != .lapsed }.reduce(0) { $0 + $1.cost }
    }

    public func goal(_ id: String) -> Goal? { goals.first { $0.id == id } }
    public func action(_ id: String) -> Action? { actions.first { $0.id == id } }
}

/// A measurable goal under one priority: what should change, how it is measured, from what to what.
public struct Goal: Sendable, Hashable {
    /// A value of the indicator in a year.
    public struct Measure: Sendable, Hashable {
        public var value: Double
        public var year: Int

        /// `{"value", "year"}`, as every file and report writes it.
        public var jsonValue: JSONValue { .object(["value": .number(value), "year": .number(Double(year))]) }

        /// `6,8 (2026)`.
        public func text(in language: Language) -> String { "\(language.number(value)) (\(year))" }

        public init(value: Double, year: Int) {
            self.value = value
            self.year = year
        }
    }

    public var id: String
    /// The agenda's theme id this goal serves.
    public var priority: String
    public var text: LocalizedText
    public var indicator: String?
    public var baseline: Measure?
    public var target: Measure?
    public var owner: String?

    public init(
        id: String, priority: String, text: LocalizedText, indicator: String? = nil, baseline: Measure? = nil, target: Measure? = nil,
        owner: String? = nil
    ) {
        self.id = id
        self.priority = priority
        self.text = text
        self.indicator = indicator
        self.baseline = baseline
        self.target = target
        self.owner = owner
    }

    /// What the goal lacks to be SMART (specific, measurable, with a baseline, a target and its
    /// year, and someone who answers for it), as field names.
    public var missingForSMART: [String] {
        var missing: [String] = []
        if indicator?.isEmpty ?? true { missing.append("indicator") }
        if baseline == nil { missing.append("baseline") }
        if target == nil { missing.append("target") }
        if owner?.isEmpty ?? true { missing.append("owner") }
        return missing
    }
}

/// One action of the programme.
public struct Action: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case new
        /// Runs over several calendar years.
        case multiYear = "multi-year"
        /// Every year again (a pop-up environment park).
        case recurring
        /// Follows another action (`follows`).
        case followUp = "follow-up"
    }

    public enum Status: String, Sendable, Hashable, CaseIterable {
        case proposed
        /// The wijkraad and the municipality agree: it may start at once.
        case agreed
        /// The municipality assesses whether it can be done.
        case assessing
        /// It cannot be done (`notFeasible` says why, and what instead).
        case notFeasible = "not-feasible"
        case inProgress = "in-progress"
        case done
        case lapsed

        public var name: LocalizedText {
            switch self {
            case .proposed: LocalizedText(nl: "voorgesteld", en: "proposed")
            case .agreed: LocalizedText(nl: "afgesproken", en: "agreed")
            case .assessing: LocalizedText(nl: "in beoordeling", en: "assessing")
            case .notFeasible: LocalizedText(nl: "niet uitvoerbaar", en: "not feasible")
            case .inProgress: LocalizedText(nl: "loopt", en: "in progress")
            case .done: LocalizedText(nl: "klaar", en: "done")
            case .lapsed: LocalizedText(nl: "vervallen", en: "lapsed")
            }
        }
    }

    /// Where the action works: the guide asks for a mix.
    public enum Scale: String, Sendable, Hashable, CaseIterable {
        case wijk
        case buurt
        case straat
    }

    /// Why an action cannot be done, and what can be done instead.
    public struct NotFeasible: Sendable, Hashable {
        public var reason: LocalizedText
        public var alternative: LocalizedText?

        public init(reason: LocalizedText, alternative: LocalizedText? = nil) {
            self.reason = reason
            self.alternative = alternative
        }
    }

    public var id: String
    public var title: LocalizedText
    /// The goals it serves, by id.
    public var goals: [String]
    public var kind: Kind
    /// For a follow-up: the action it follows.
    public var follows: String?
    /// The programme year it was carried over from.
    public var carriedFrom: Int?
    public var countsTowardsLimit: Bool
    public var owner: String
    public var partners: [String]
    public var level: ParticipationLevel
    /// The cycle step it carries out (`C7`).
    public var step: String?
    /// For `codecide`: the survey (a ballot with invitation codes, or a budget vote) that decides it.
    public var vote: String?
    public var scale: Scale
    public var buurt: String?
    /// Estimated cost, whole euros.
    public var cost: Int
    /// Spent so far, whole euros, as last reported.
    public var spent: Int?
    /// `YYYY-MM`.
    public var start: String?
    public var end: String?
    public var status: Status
    public var notFeasible: NotFeasible?
    public var quickWin: Bool
    public var history: [Change]

    public init(
        id: String, title: LocalizedText, goals: [String], kind: Kind = .new, follows: String? = nil, carriedFrom: Int? = nil,
        countsTowardsLimit: Bool = true, owner: String, partners: [String] = [], level: ParticipationLevel = .inform, step: String? = nil,
        vote: String? = nil, scale: Scale = .wijk, buurt: String? = nil, cost: Int = 0, spent: Int? = nil, start: String? = nil, end: String? = nil,
        status: Status = .proposed, notFeasible: NotFeasible? = nil, quickWin: Bool = false, history: [Change] = []
    ) {
        self.id = id
        self.title = title
        self.goals = goals
        self.kind = kind
        self.follows = follows
        self.carriedFrom = carriedFrom
        self.countsTowardsLimit = countsTowardsLimit
        self.owner = owner
        self.partners = partners
        self.level = level
        self.step = step
        self.vote = vote
        self.scale = scale
        self.buurt = buurt
        self.cost = cost
        self.spent = spent
        self.start = start
        self.end = end
        self.status = status
        self.notFeasible = notFeasible
        self.quickWin = quickWin
        self.history = history
    }
}

/// One entry of an action's history: when, by whom, why, and what it changed to. Entries are
/// only appended; the fields an entry does not change are nil.
public struct Change: Sendable, Hashable {
    /// `YYYY-MM-DD`.
    public var date: String
    /// A role (`wijkmanager`, `wijkraad`), not a person's name.
    public var by: String
    public var note: String
    public var status: Action.Status?
    public var cost: Int?
    public var spent: Int?
    public var owner: String?
    public var start: String?
    public var end: String?

    public init(
        date: String, by: String, note: String, status: Action.Status? = nil, cost: Int? = nil, spent: Int? = nil, owner: String? = nil,
        start: String? = nil, end: String? = nil
    ) {
        self.date = date
        self.by = by
        self.note = note
        self.status = status
        self.cost = cost
        self.spent = spent
        self.owner = owner
        self.start = start
        self.end = end
    }
}
