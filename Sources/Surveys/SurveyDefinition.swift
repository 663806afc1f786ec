public import Participation
public import WijkpeilCore

/// A survey as organisers write it in `surveys/*.json` (the format is in `docs/formats.md`):
/// what it asks, and what it promises residents.
public struct SurveyDefinition: Sendable, Hashable, Identifiable {
    public var id: String
    public var version: Int
    public var title: LocalizedText
    public var intro: LocalizedText?
    /// The rung of the participation ladder this survey promises.
    public var level: ParticipationLevel
    /// The id of the theme set its questions' themes come from.
    public var themeSet: String?
    /// Whether a response needs an unused invitation code (one resident, one vote).
    public var requiresInvite: Bool
    /// Whether anyone may see the aggregated results (small counts are still hidden).
    public var publicResults: Bool
    public var questions: [Question]
    /// When and how residents hear what became of their answers: shown on the thank-you page
    /// beside the level's promise ("In maart 2027 leest u op de website …").
    public var feedback: LocalizedText?

    public init(
        id: String, version: Int = 1, title: LocalizedText, intro: LocalizedText? = nil, level: ParticipationLevel,
        themeSet: String? = nil, requiresInvite: Bool = false, publicResults: Bool = false, questions: [Question],
        feedback: LocalizedText? = nil
    ) {
        self.feedback = feedback
        self.id = id
        self.version = version
        self.title = title
        self.intro = intro
        self.level = level
        self.themeSet = themeSet
        self.requiresInvite = requiresInvite
        self.publicResults = publicResults
        self.questions = questions
    }

    /// The question with `id`, if the survey has one.
    public func question(_ id: String) -> Question? {
        questions.first { $0.id == id }
    }

    /// The question ids in the order stored answers have them: sorted, as JSON is encoded
    /// (``ValidatedResponse/compactAnswersText(keyOrder:)``).
    public var answerKeyOrder: [String] {
        questions.map(\.id).sorted()
    }
}

/// One question of a survey.
public struct Question: Sendable, Hashable, Identifiable {
    public var id: String
    public var text: LocalizedText
    /// An optional explanation shown under the question.
    public var help: LocalizedText?
    public var required: Bool
    public var privacy: Privacy
    /// The theme (from the survey's theme set) this question measures.
    public var theme: String?
    public var kind: QuestionKind

    public init(
        id: String, text: LocalizedText, help: LocalizedText? = nil, required: Bool = false, privacy: Privacy = .none,
        theme: String? = nil, kind: QuestionKind
    ) {
        self.id = id
        self.text = text
        self.help = help
        self.required = required
        self.privacy = privacy
        self.theme = theme
        self.kind = kind
    }
}

/// How much an answer says about who gave it; decides what an export does with it.
public enum Privacy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Says nothing about who answered.
    case none
    /// Identifies a person (an e-mail address): never exported, asked only after consent.
    case direct
    /// Could identify a person in combination (age, postcode, buurt): generalised on export and
    /// counted toward k-anonymity.
    case quasi
    /// Free text that may contain anything: scrubbed on export.
    case freeText = "free-text"
}

/// How a quasi-identifying answer is coarsened on export.
public enum Generalisation: String, Sendable, Hashable, Codable, CaseIterable {
    /// Ten-year bands: `30-39`, `80+`.
    case ageBand = "age-band"
    /// The four digits of a Dutch postcode.
    case pc4
    /// The ISO week of a date: `2026-W48`.
    case isoWeek = "iso-week"
}

/// A choice offered by a single, multi or sticker question.
public struct Option: Sendable, Hashable, Identifiable {
    public var id: String
    public var label: LocalizedText
    /// The theme this option stands for, so choices and stickers can be counted per theme.
    public var theme: String?
    /// Choosing this option says the resident is willing to help ("ja, ik doe mee"): the
    /// analysis counts it among the neighbourhood's opportunities.
    public var willing: Bool
    /// The area's code in the Dutch statistics (CBS), for a buurt or wijk option (`BU03440101`,
    /// `WK034401`): indicators may name the area by it.
    public var cbs: String?
    /// For a proposal in a budget vote (`approval`): what it costs, in whole euros.
    public var cost: Int?

    public init(id: String, label: LocalizedText, theme: String? = nil, willing: Bool = false, cbs: String? = nil, cost: Int? = nil) {
        self.id = id
        self.label = label
        self.theme = theme
        self.willing = willing
        self.cbs = cbs
        self.cost = cost
    }

    /// `BU` and eight digits (a buurt) or `WK` and six (a wijk), the CBS area codes.
    public static func isCBSCode(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let digits = bytes.dropFirst(2)
        guard digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        return (text.hasPrefix("BU") && digits.count == 8) || (text.hasPrefix("WK") && digits.count == 6)
    }
}

/// What kind of answer a question takes, with that kind's settings.
public enum QuestionKind: Sendable, Hashable {
    /// A mark on a whole-number scale, such as a school mark 1–10.
    case rating(min: Int, max: Int, labels: [Int: LocalizedText])
    /// One option.
    case single(options: [Option])
    /// Several options, between `minChoices` and `maxChoices`.
    case multi(options: [Option], minChoices: Int, maxChoices: Int?)
    /// A budget vote: costed proposals (every option has a `cost`) to approve, between
    /// `minChoices` and `maxChoices`, within `budget` whole euros; with `maxCost` a ballot may not
    /// cost more than the budget (a knapsack vote). Counted by `wijkpeil budget count`.
    case approval(options: [Option], budget: Int, minChoices: Int, maxChoices: Int?, maxCost: Bool)
    /// A number, such as an age.
    case number(min: Double?, max: Double?, generalise: Generalisation?)
    /// Free text of at most `maxLength` characters.
    case text(maxLength: Int)
    /// A Dutch postcode (`1234 AB`).
    case postcode
    /// An e-mail address.
    case email
    /// A calendar date (`2026-11-23`).
    case date
    /// Yes or no to a consent statement.
    case consent
    /// Stickers (dots) to put on options: `stickers` in all, at most `maxPerOption` on one.
    case stickers(options: [Option], stickers: Int, maxPerOption: Int)
    /// The stickers of a sticker session (`"session": "bewonersavond"`): its options, its colours
    /// with their allotment each, its cap per option per colour. The dots on phones are then the
    /// stickers on the posters, and the two tallies add up.
    case sessionStickers(StickerAllotment)

    /// The `type` name used in files.
    public var typeName: String {
        switch self {
        case .rating: "rating"
        case .single: "single"
        case .multi: "multi"
        case .approval: "approval"
        case .number: "number"
        case .text: "text"
        case .postcode: "postcode"
        case .email: "email"
        case .date: "date"
        case .consent: "consent"
        case .stickers, .sessionStickers: "stickers"
        }
    }

    /// Every `type` name a definition may use.
    public static let typeNames = ["rating", "single", "multi", "approval", "number", "text", "postcode", "email", "date", "consent", "stickers"]

    /// Whether residents answer by placing stickers (one colour or a session's colours).
    public var isStickers: Bool {
        switch self {
        case .stickers, .sessionStickers: true
        default: false
        }
    }

    /// The options of a choice or sticker question; empty for the other kinds.
    public var options: [Option] {
        switch self {
        case .single(let options), .multi(let options, _, _), .stickers(let options, _, _), .approval(let options, _, _, _, _): options
        case .sessionStickers(let allotment): allotment.options
        default: []
        }
    }
}
