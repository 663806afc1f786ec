public import Surveys
public import WijkpeilCore

/// The responses of one set (the neighbourhood's, or the reference's) reduced to what an
/// analysis needs: marks per theme and per group, answers to the choice and number questions
/// (for who took part), and the channel each response came in by. Memory grows with the scales
/// and options, not with the number of responses.
public struct ResponseSample: Sendable {
    public let plan: AnalysisPlan
    public private(set) var responses = 0
    /// Responses per channel: `web`, `api`, `paper`, `file`….
    public private(set) var channels: [String: Int] = [:]
    /// Marks per theme, in the plan's order.
    public private(set) var themes: [MarkSummary]
    /// Marks per group (the group question's options, in order), then per theme.
    public private(set) var groups: [[MarkSummary]]
    /// Responses per group.
    public private(set) var groupResponses: [Int]
    /// Per single-choice question: how often each option was chosen.
    public private(set) var choices: [String: [String: Int]] = [:]
    /// Per number question: how often each whole number was given (ages, household sizes).
    public private(set) var numbers: [String: [Int: Int]] = [:]
    /// Residents who chose a `willing` option, and residents who answered such a question.
    public private(set) var willing = 0
    public private(set) var askedWillingness = 0
    /// Per theme: residents who chose it in a multi-choice question whose options name themes
    /// ("Wat moet als eerste beter?"), each resident once however many such questions.
    public private(set) var mentioned: [String: Int] = [:]
    /// Residents who answered at least one such question: the denominator of the mentions.
    public private(set) var answeredMentions = 0
    /// Whether the survey has a multi-choice question whose options name themes.
    public var asksMentions: Bool { !mentionQuestions.isEmpty }

    private let ratingSlots: [(question: String, theme: Int)]
    private let groupIndex: [String: Int]
    private let singleQuestions: [String]
    private let numberQuestions: [String]
    private let willingness: [(question: String, options: Set<String>)]
    private let mentionQuestions: [(question: String, themes: [String: String])]

    public init(plan: AnalysisPlan) {
        self.plan = plan
        themes = plan.themes.map { MarkSummary(scale: $0.scale) }
        groups = plan.groups.map { _ in plan.themes.map { MarkSummary(scale: $0.scale) } }
        groupResponses = plan.groups.map { _ in 0 }
        var slots: [(String, Int)] = []
        for (index, theme) in plan.themes.enumerated() {
            for question in theme.questions { slots.append((question, index)) }
        }
        ratingSlots = slots
        groupIndex = Dictionary(uniqueKeysWithValues: plan.groups.enumerated().map { ($1.id, $0) })
        var singles: [String] = [], numbers: [String] = [], willing: [(String, Set<String>)] = []
        var mentions: [(String, [String: String])] = []
        for question in plan.survey.questions {
            switch question.kind {
            case .single: singles.append(question.id)
            case .number: numbers.append(question.id)
            case .multi(let options, _, _):
                let themes = Dictionary(options.compactMap { option in option.theme.map { (option.id, $0) } }, uniquingKeysWith: { first, _ in first })
                if !themes.isEmpty { mentions.append((question.id, themes)) }
            default: break
            }
            let willingOptions = Set(question.kind.options.filter(\.willing).map(\.id))
            if !willingOptions.isEmpty { willing.append((question.id, willingOptions)) }
        }
        singleQuestions = singles
        numberQuestions = numbers
        willingness = willing
        mentionQuestions = mentions
    }

    /// Adds a validated response (from a CSV file or a form).
    public mutating func add(_ response: ValidatedResponse, channel: String) {
        add(channel: channel) { id in
            switch response.answers[id] {
            case .number(let value)?: .number(value)
            case .single(let option)?: .choice(option)
            case .multi(let options)?: .choices(options)
            default: nil
            }
        }
    }

    /// Adds a stored response's answers (the JSON object the store keeps). Answers of the wrong
    /// shape — a definition changed since — are left out rather than guessed at.
    public mutating func add(storedAnswers: JSONValue, channel: String) {
        guard case .object(let answers) = storedAnswers else { return }
        add(channel: channel) { id in
            switch answers[id] {
            case .number(let value)?: .number(value)
            case .string(let option)?: .choice(option)
            case .array(let items)?: .choices(items.compactMap { if case .string(let id) = $0 { id } else { nil } })
            default: nil
            }
        }
    }

    private enum Cell {
        case number(Double)
        case choice(String)
        case choices([String])
    }

    private mutating func add(channel: String, answer: (String) -> Cell?) {
        responses += 1
        channels[channel, default: 0] += 1
        var group: Int?
        if let question = plan.groupBy?.id, case .choice(let option)? = answer(question) {
            group = groupIndex[option]
            if let group { groupResponses[group] += 1 }
        }
        for slot in ratingSlots {
            guard case .number(let mark)? = answer(slot.question) else { continue }
            themes[slot.theme].add(mark)
            if let group { groups[group][slot.theme].add(mark) }
        }
        for question in singleQuestions {
            if case .choice(let option)? = answer(question) { choices[question, default: [:]][option, default: 0] += 1 }
        }
        for question in numberQuestions {
            if case .number(let value)? = answer(question), let whole = Int(exactly: value.rounded(.down)) {
                numbers[question, default: [:]][whole, default: 0] += 1
            }
        }
        // A resident counts once, however many questions ask about helping.
        var asked = false, isWilling = false
        for entry in willingness {
            switch answer(entry.question) {
            case .choice(let option)?:
                asked = true
                if entry.options.contains(option) { isWilling = true }
            case .choices(let options)?:
                asked = true
                if options.contains(where: entry.options.contains) { isWilling = true }
            default: break
            }
        }
        if asked { askedWillingness += 1 }
        if isWilling { willing += 1 }
        // The themes a resident named first, once each.
        var named: Set<String> = [], answered = false
        for entry in mentionQuestions {
            guard case .choices(let options)? = answer(entry.question), !options.isEmpty else { continue }
            answered = true
            for option in options { if let theme = entry.themes[option] { named.insert(theme) } }
        }
        if answered { answeredMentions += 1 }
        for theme in named { mentioned[theme, default: 0] += 1 }
    }
}
