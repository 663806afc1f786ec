public import Participation
public import WijkpeilCore

/// The neighbourhood agenda: at most four priorities (speerpunten), weighed openly from what
/// residents put stickers on, what the survey says and what the statistics say — with how
/// robust the choice is, why each theme stands where it does, and the council's answer to
/// each priority.
///
/// The rule, recorded in every agenda as ``rule`` (see ``Rule``):
/// 1. each signal is divided by its largest value over the themes (0 everywhere stays 0);
/// 2. a signal missing for every theme drops out, its weight shared over the others in
///    proportion; missing for some themes it counts as 0 there, and they are flagged;
/// 3. score = Σ weight × normalised signal; rank by score, then the residents signal, then the
///    theme id; the top `max` are the priorities;
/// 4. stability = the share of weight vectors on the simplex grid with step 0.05 (over the
///    signals present) under which the theme is selected; a priority below 0.5 is `fragile`.
public struct Agenda: Sendable, Hashable {
    /// The rule an agenda was weighed by, recorded in it, so that an agenda made under an earlier
    /// rule is verified by that rule.
    public enum Rule: String, Sendable, Hashable, CaseIterable {
        /// Three signals: residents' stickers, the survey's dissatisfaction, the indicators.
        case stickersSurveyIndicators = "wijkpeil-agenda-1"
        /// Four signals: the mentions (what residents named first) added.
        case withMentions = "wijkpeil-agenda-2"

        public static let current = Rule.withMentions

        /// The rule in words, as the agenda records it.
        public var text: String {
            let steps =
                "signal ÷ its largest value over the themes; "
                + "a signal missing everywhere drops out and its weight is shared in proportion; "
                + "score = Σ weight × normalised signal; rank by score, then residents, then theme id; "
                + "top max selected; stability over the simplex grid with step 0.05"
            switch self {
            case .stickersSurveyIndicators: return rawValue + ": " + steps
            case .withMentions:
                return rawValue + ": signals residents (share of support stickers), mentions (share naming the theme first), "
                    + "survey (share dissatisfied), indicators (mean gap clamped to [0, 1]); " + steps
            }
        }

        /// The rule whose recorded text is `text`; nil for a text no Wijkpeil wrote.
        public init?(text: String) {
            guard let rule = Rule.allCases.first(where: { $0.text == text }) else { return nil }
            self = rule
        }

        /// The signals the rule knows.
        public var signals: [Signal] {
            self == .stickersSurveyIndicators ? [.residents, .survey, .indicators] : Signal.allCases
        }

        /// The weights used when none are given.
        public var standardWeights: Weights {
            self == .stickersSurveyIndicators ? .standardBeforeMentions : .standard
        }
    }
    /// The guide: "no more than three or four priorities; better a few done well than many done half".
    public static let largestMax = 4
    /// Scores this close count as equal, so that a tie on paper is a tie here.
    static let tolerance = 1e-12

    /// The resident evening behind the agenda, as the residents' page names it.
    public struct Evening: Sendable, Hashable {
        /// `2026-12-10`, as the organiser gave it.
        public var date: String?
        /// The participants the sticker tallies counted, added up over the tallies.
        public var participants: Int?

        public init(date: String?, participants: Int?) {
            self.date = date
            self.participants = participants
        }
    }

    public struct Theme: Sendable, Hashable {
        public var theme: String
        public var label: LocalizedText
        /// The raw signals in [0, 1]; a missing signal has no entry.
        public var signals: [Signal: Double]
        public var normalised: [Signal: Double]
        /// Weight × normalised signal.
        public var contributions: [Signal: Double]
        public var score: Double
        public var rank: Int
        public var selected: Bool
        public var stability: Double
        /// `missing-residents`, `missing-survey`, `missing-indicators`, `fragile`.
        public var flags: [String]
        public var explanation: LocalizedText
    }

    /// An input file, recorded by its SHA-256 so anyone can check the agenda was made from it.
    public struct Input: Sendable, Hashable {
        /// `analysis` or `stickers`.
        public var role: String
        public var file: String
        public var sha256: String

        public init(role: String, file: String, sha256: String) {
            self.role = role
            self.file = file
            self.sha256 = sha256
        }
    }

    /// The rule it was weighed by.
    public var rule: Rule = .current
    /// The weights asked for (rescaled to sum to 1).
    public var weights: Weights
    /// The weights applied, after a signal missing everywhere dropped out.
    public var appliedWeights: Weights
    public var max: Int
    /// The promise of the agenda step: at `advise` and above the council may deviate from the
    /// residents' priorities only with stated reasons.
    public var level: ParticipationLevel
    /// Themes in rank order.
    public var themes: [Theme]
    public var priorities: [String]
    public var inputs: [Input]
    /// The Wijkpeil version that computed it.
    public var version: String
    /// The neighbourhood and period as the analysis names them (`Kerkwijk (WK034401), 2026`).
    public var area: String?
    /// The resident evening the stickers were placed at: its date and how many took part.
    public var evening: Evening?
    /// The council's answer per priority.
    public var responses: [String: CouncilResponse] = [:]
    /// Priorities the council added of its own, apart from the residents'.
    public var councilPriorities: [CouncilPriority] = []

    public enum ComputeError: Error, Sendable, Equatable {
        /// `max` outside 1…4.
        case maxOutOfRange(Int)
        /// Every signal with weight is missing for every theme.
        case noSignal
    }

    /// Weighs the themes. Pure: the same evidence, weights and max give the same agenda.
    public static func compute(
        evidence: [ThemeEvidence], weights: Weights = .standard, max: Int = 3, level: ParticipationLevel = .advise,
        inputs: [Input] = [], version: String, rule: Rule = .current
    ) throws(ComputeError) -> Agenda {
        guard (1...largestMax).contains(max) else { throw .maxOutOfRange(max) }
        let present = rule.signals.filter { signal in evidence.contains { $0.signal(signal) != nil } }
        guard let applied = applied(weights, present: present) else { throw .noSignal }
        let normalised = normalise(evidence, present: present)
        let order = ranking(evidence, normalised: normalised, weights: applied)
        let stability = stabilities(evidence, normalised: normalised, present: present, max: max)
        let missing = Dictionary(
            uniqueKeysWithValues: present.map { signal in
                (signal, evidence.filter { $0.signal(signal) == nil }.map(\.theme))
            })
        var themes: [Theme] = []
        for (position, index) in order.enumerated() {
            let item = evidence[index]
            var signals: [Signal: Double] = [:], contributions: [Signal: Double] = [:]
            for signal in present {
                if let value = item.signal(signal) { signals[signal] = value }
                contributions[signal] = applied[signal] * normalised[index][signal, default: 0]
            }
            let selected = position < max
            var flags = present.filter { missing[$0]?.contains(item.theme) == true }.map { "missing-" + $0.rawValue }
            if selected, stability[index] < 0.5 { flags.append("fragile") }
            themes.append(
                Theme(
                    theme: item.theme, label: item.label, signals: signals, normalised: normalised[index],
                    contributions: contributions, score: score(normalised[index], applied), rank: position + 1,
                    selected: selected, stability: stability[index], flags: flags,
                    explanation: explanation(item, among: evidence, present: present)))
        }
        return Agenda(
            rule: rule, weights: weights, appliedWeights: applied, max: max, level: level, themes: themes,
            priorities: themes.filter(\.selected).map(\.theme), inputs: inputs, version: version)
    }

    /// The weights of the present signals, rescaled to sum to 1; nil when they are all zero.
    static func applied(_ weights: Weights, present: [Signal]) -> Weights? {
        Weights(Dictionary(uniqueKeysWithValues: present.map { ($0, weights[$0]) }))
    }

    /// Per theme, each present signal divided by its largest value over the themes.
    static func normalise(_ evidence: [ThemeEvidence], present: [Signal]) -> [[Signal: Double]] {
        var largest: [Signal: Double] = [:]
        for signal in present {
            largest[signal] = evidence.compactMap { $0.signal(signal) }.max() ?? 0
        }
        return evidence.map { item in
            Dictionary(
                uniqueKeysWithValues: present.map { signal in
                    let value = item.signal(signal) ?? 0, top = largest[signal] ?? 0
                    return (signal, top > 0 ? value / top : 0)
                })
        }
    }

    static func score(_ normalised: [Signal: Double], _ weights: Weights) -> Double {
        // Summed in a fixed order, so the same inputs give the same bits.
        Signal.allCases.reduce(0) { $0 + weights[$1] * normalised[$1, default: 0] }
    }

    /// Indices of `evidence` in rank order: score, then the residents signal, then theme id.
    static func ranking(_ evidence: [ThemeEvidence], normalised: [[Signal: Double]], weights: Weights) -> [Int] {
        let scores = normalised.map { score($0, weights) }
        return evidence.indices.sorted { a, b in
            if abs(scores[a] - scores[b]) > tolerance { return scores[a] > scores[b] }
            let residentsA = normalised[a][.residents, default: 0], residentsB = normalised[b][.residents, default: 0]
            if abs(residentsA - residentsB) > tolerance { return residentsA > residentsB }
            return evidence[a].theme < evidence[b].theme
        }
    }

    /// Every weight vector on the simplex over the present signals with step 0.05: 1,771 points
    /// for four signals, 231 for three, 21 for two, 1 for one.
    static func grid(present: [Signal]) -> [Weights] {
        let steps = 20
        var points: [[Signal: Double]] = [[:]]
        for (position, signal) in present.enumerated() {
            var next: [[Signal: Double]] = []
            for point in points {
                let used = point.values.reduce(0) { $0 + Int(($1 * Double(steps)).rounded()) }
                let remaining = steps - used
                if position == present.count - 1 {
                    next.append(point.merging([signal: Double(remaining) / Double(steps)]) { $1 })
                } else {
                    for share in 0...remaining { next.append(point.merging([signal: Double(share) / Double(steps)]) { $1 }) }
                }
            }
            points = next
        }
        return points.compactMap { point in
            point.values.reduce(0, +) > 0 ? Weights(uncheckedValues: point) : nil
        }
    }

    static func stabilities(_ evidence: [ThemeEvidence], normalised: [[Signal: Double]], present: [Signal], max: Int) -> [Double] {
        let points = grid(present: present)
        var selected = [Int](repeating: 0, count: evidence.count)
        for weights in points {
            for index in ranking(evidence, normalised: normalised, weights: weights).prefix(max) { selected[index] += 1 }
        }
        return selected.map { Double($0) / Double(points.count) }
    }

    /// One sentence per theme: "Veiligheid: veel stickers (1e), 41% ontevreden, woninginbraken
    /// 74% slechter dan de referentie".
    static func explanation(_ item: ThemeEvidence, among evidence: [ThemeEvidence], present: [Signal]) -> LocalizedText {
        var nl: [String] = [], en: [String] = []
        if present.contains(.residents), let share = item.signal(.residents), let stickers = item.supportStickers {
            let largest = evidence.compactMap { $0.signal(.residents) }.max() ?? 0
            let place = 1 + evidence.filter { ($0.signal(.residents) ?? 0) > share + tolerance }.count
            if stickers == 0 {
                nl.append("geen stickers")
                en.append("no stickers")
            } else {
                let relative = largest > 0 ? share / largest : 0
                let (wordNL, wordEN) = relative >= 2.0 / 3 ? ("veel", "many") : relative >= 1.0 / 3 ? ("een deel van de", "some") : ("weinig", "few")
                nl.append("\(wordNL) stickers (\(stickers), \(place)e)")
                en.append("\(wordEN) stickers (\(stickers), \(ordinal(place)))")
            }
        }
        if present.contains(.mentions) {
            if let share = item.mentioned {
                nl.append("door \(Language.nl.percent(share)) als eerste genoemd")
                en.append("named first by \(Language.en.percent(share))")
            } else {
                nl.append("te weinig antwoorden op wat eerst beter moet")
                en.append("too few answers on what should improve first")
            }
        }
        if present.contains(.survey) {
            if let share = item.dissatisfied {
                nl.append("\(Language.nl.percent(share)) ontevreden")
                en.append("\(Language.en.percent(share)) dissatisfied")
            } else {
                nl.append("te weinig antwoorden in de enquête")
                en.append("too few answers in the survey")
            }
        }
        if present.contains(.indicators) {
            if let worst = item.indicators.max(by: { $0.gap < $1.gap }) {
                if worst.gap > 0 {
                    nl.append("\(worst.name) \(Language.nl.percent(worst.gap)) slechter dan de referentie")
                    en.append("\(worst.name) \(Language.en.percent(worst.gap)) worse than the reference")
                } else {
                    nl.append("de cijfers zijn niet slechter dan de referentie")
                    en.append("the statistics are no worse than the reference")
                }
            } else {
                nl.append("geen cijfers")
                en.append("no statistics")
            }
        }
        return LocalizedText(
            nl: "\(item.label.nl): " + nl.joined(separator: ", "),
            en: "\(item.label.en ?? item.label.nl): " + en.joined(separator: ", "))
    }

    static func ordinal(_ number: Int) -> String {
        let suffix = (11...13).contains(number % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][number % 10] ?? "th"
        return "\(number)\(suffix)"
    }
}
