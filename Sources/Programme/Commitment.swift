public import WijkpeilCore

/// A commitment (toezegging) made to the council or to residents, kept until it is closed
/// (Arnhem numbers them; Almelo's audit office found no list of them). A commitment is only ever
/// added and closed: what it promised is never rewritten.
public struct Commitment: Sendable, Hashable {
    /// To whom it was made.
    public enum Audience: String, Sendable, Hashable, CaseIterable {
        case council
        case residents

        public var name: LocalizedText {
            switch self {
            case .council: LocalizedText(nl: "raad", en: "council")
            case .residents: LocalizedText(nl: "bewoners", en: "residents")
            }
        }
    }

    /// How it was closed.
    public struct Closure: Sendable, Hashable {
        /// `YYYY-MM-DD`.
        public var date: String
        /// What closed it: the letter, the decision, the action done.
        public var how: String

        public init(date: String, how: String) {
            self.date = date
            self.how = how
        }
    }

    /// Where a commitment stands on a day.
    public enum State: Sendable, Hashable {
        case open
        /// Open after its due date, by this many days.
        case overdue(days: Int)
        case closed
        /// Closed after its due date, by this many days.
        case closedLate(days: Int)

        public var name: LocalizedText {
            switch self {
            case .open: LocalizedText(nl: "open", en: "open")
            case .overdue(let days): LocalizedText(nl: "te laat (\(days) dagen)", en: "overdue (\(days) days)")
            case .closed: LocalizedText(nl: "afgehandeld", en: "closed")
            case .closedLate(let days): LocalizedText(nl: "afgehandeld, \(days) dagen te laat", en: "closed, \(days) days late")
            }
        }

        public var isOpen: Bool {
            switch self {
            case .open, .overdue: true
            case .closed, .closedLate: false
            }
        }
    }

    /// Numbered in the order they were made, from 1.
    public var number: Int
    /// `YYYY-MM-DD`: when it was made.
    public var made: String
    public var audience: Audience
    /// What was promised.
    public var what: String
    /// Who answers for it: a role, not a person's name.
    public var owner: String
    /// `YYYY-MM-DD`, if a date was promised.
    public var due: String?
    /// The neighbourhood it concerns, if one.
    public var wijk: String?
    public var closure: Closure?

    public init(
        number: Int, made: String, audience: Audience, what: String, owner: String, due: String? = nil, wijk: String? = nil,
        closure: Closure? = nil
    ) {
        self.number = number
        self.made = made
        self.audience = audience
        self.what = what
        self.owner = owner
        self.due = due
        self.wijk = wijk
        self.closure = closure
    }

    /// Where it stands on `today`.
    public func state(on today: CalendarDate) -> State {
        let due = self.due.flatMap(CalendarDate.init)
        if let closure, let closed = CalendarDate(closure.date) {
            guard let due, closed.dayNumber > due.dayNumber else { return .closed }
            return .closedLate(days: closed.dayNumber - due.dayNumber)
        }
        guard let due, today.dayNumber > due.dayNumber else { return .open }
        return .overdue(days: today.dayNumber - due.dayNumber)
    }

    /// Why a commitment, or its closing, was refused.
    public enum Refusal: Error, Sendable, Hashable {
        case empty(field: String)
        case invalidDate(String)
        case dueBeforeMade(due: String, made: String)
        case unknown(number: Int, highest: Int)
        case alreadyClosed(number: Int, on: String)
        case closedBeforeMade(closed: String, made: String)

        public var message: LocalizedText {
            switch self {
            case .empty(let field) where field == "how":
                LocalizedText(
                    nl: "--how is leeg; zeg wat de toezegging afhandelde: de brief, het besluit, de actie",
                    en: "--how is empty; say what closed the commitment: the letter, the decision, the action")
            case .empty(let field):
                LocalizedText(
                    nl: "--\(field) is leeg; een toezegging zegt wat er beloofd is, en wie ervoor staat",
                    en: "--\(field) is empty; a commitment says what was promised, and who answers for it")
            case .invalidDate(let text):
                LocalizedText(nl: "\"\(text)\" is geen datum; schrijf JJJJ-MM-DD", en: "\"\(text)\" is not a date; write YYYY-MM-DD")
            case .dueBeforeMade(let due, let made):
                LocalizedText(nl: "de termijn \(due) ligt voor de dag van de toezegging (\(made))", en: "the due date \(due) is before the day it was made (\(made))")
            case .unknown(let number, let highest):
                LocalizedText(
                    nl: highest == 0 ? "er is geen toezegging \(number); er zijn er nog geen" : "er is geen toezegging \(number); ze lopen van 1 tot \(highest)",
                    en: highest == 0 ? "there is no commitment \(number); there are none yet" : "there is no commitment \(number); they run from 1 to \(highest)")
            case .alreadyClosed(let number, let date):
                LocalizedText(
                    nl: "toezegging \(number) is al afgehandeld op \(date); afhandelen gebeurt één keer",
                    en: "commitment \(number) was closed already on \(date); it is closed once")
            case .closedBeforeMade(let closed, let made):
                LocalizedText(
                    nl: "afgehandeld op \(closed), voor de dag van de toezegging (\(made))", en: "closed on \(closed), before the day it was made (\(made))")
            }
        }
    }

    /// Checks a new commitment's fields.
    public func validated() throws(Refusal) -> Commitment {
        var checked = self
        checked.what = what.trimmingWhitespace
        checked.owner = owner.trimmingWhitespace
        guard !checked.what.isEmpty else { throw .empty(field: "what") }
        guard !checked.owner.isEmpty else { throw .empty(field: "owner") }
        guard let madeDay = CalendarDate(made) else { throw .invalidDate(made) }
        if let due {
            guard let dueDay = CalendarDate(due) else { throw .invalidDate(due) }
            guard dueDay.dayNumber >= madeDay.dayNumber else { throw .dueBeforeMade(due: due, made: made) }
        }
        return checked
    }

    /// This commitment closed by `closure`, if it may be.
    public func closed(by closure: Closure) throws(Refusal) -> Commitment {
        if let existing = self.closure { throw .alreadyClosed(number: number, on: existing.date) }
        guard let closedDay = CalendarDate(closure.date) else { throw .invalidDate(closure.date) }
        guard let madeDay = CalendarDate(made), closedDay.dayNumber >= madeDay.dayNumber else {
            throw .closedBeforeMade(closed: closure.date, made: made)
        }
        guard !closure.how.allSatisfy(\.isWhitespace) else { throw .empty(field: "how") }
        var closed = self
        closed.closure = closure
        return closed
    }
}
