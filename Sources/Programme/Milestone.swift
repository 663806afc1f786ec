public import WijkpeilCore

/// A date in the programme's year that the cycle depends on, as a month-day rule: the
/// Wijkakkoord's are the default, and each municipality may set its own in the programme file.
///
/// A milestone in September–December falls in the year before the programme's year (the draft
/// plan for 2027 is entered by 3 December 2026); January–August in the programme's year.
public struct Milestone: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        /// Recorded as done (`done` holds the date).
        case done
        /// Not done, and due within 14 days.
        case due
        /// Not done, and its date has passed.
        case overdue
        /// Not done, and more than 14 days ahead.
        case upcoming

        public var name: LocalizedText {
            switch self {
            case .done: LocalizedText(nl: "gedaan", en: "done")
            case .due: LocalizedText(nl: "binnenkort", en: "due")
            case .overdue: LocalizedText(nl: "te laat", en: "overdue")
            case .upcoming: LocalizedText(nl: "gepland", en: "upcoming")
            }
        }
    }

    public var id: String
    public var month: Int
    public var day: Int
    public var text: LocalizedText
    /// When it was done, `YYYY-MM-DD`.
    public var done: String?

    public init(id: String, month: Int, day: Int, text: LocalizedText, done: String? = nil) {
        self.id = id
        self.month = month
        self.day = day
        self.text = text
        self.done = done
    }

    /// The days before its date from which a milestone is `due`.
    public static let dueWithinDays = 14

    /// Its date for a programme of `year`; nil when the month-day rule names no real day.
    public func date(forProgrammeYear year: Int) -> CalendarDate? {
        CalendarDate(year: month >= 9 ? year - 1 : year, month: month, day: day)
    }

    /// Where it stands on `today`.
    public func state(forProgrammeYear year: Int, today: CalendarDate) -> State {
        if done != nil { return .done }
        guard let date = date(forProgrammeYear: year) else { return .upcoming }
        let daysLeft = today.days(to: date)
        if daysLeft < 0 { return .overdue }
        return daysLeft <= Self.dueWithinDays ? .due : .upcoming
    }

    /// The id of the milestone after which actions should no longer be `assessing`.
    public static let assessmentEnds = "beoordeling"

    /// The Wijkakkoord's calendar.
    public static let wijkakkoord: [Milestone] = [
        Milestone(
            id: "concept", month: 12, day: 3,
            text: LocalizedText(
                nl: "Concept-actieplan ingevoerd door de wijkmanager", en: "Draft action plan entered by the neighbourhood manager")),
        Milestone(
            id: assessmentEnds, month: 3, day: 1,
            text: LocalizedText(
                nl: "Gemeente klaar met beoordelen van open acties", en: "Municipality has assessed the open actions")),
        Milestone(
            id: "brief", month: 3, day: 7,
            text: LocalizedText(
                nl: "Brief met de beoordeling van elke actie", en: "Letter with the assessment of every action")),
        Milestone(
            id: "aanbieding", month: 3, day: 14,
            text: LocalizedText(
                nl: "Wijkraad biedt het plan aan het college aan", en: "Wijkraad hands the plan to the executive")),
        Milestone(
            id: "vaststelling", month: 7, day: 15,
            text: LocalizedText(
                nl: "Raad stelt de plannen vast (voorjaarsnota)", en: "Council adopts the plans (spring memorandum)")),
    ]
}
