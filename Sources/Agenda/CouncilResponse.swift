public import Participation
import Surveys
public import WijkpeilCore

/// The council's answer to one priority: what residents see under "what happened with your
/// input".
public struct CouncilResponse: Sendable, Hashable {
    public enum Decision: String, Sendable, Hashable, CaseIterable {
        case adopted
        case adjusted
        case rejected
        /// Co-decide only: the residents' outcome breaks a frame set beforehand (the budget, the
        /// law), which the answer names.
        case outsideFrames = "outside-frames"

        public var label: LocalizedText {
            switch self {
            case .adopted: LocalizedText(nl: "overgenomen", en: "adopted")
            case .adjusted: LocalizedText(nl: "aangepast overgenomen", en: "adopted with changes")
            case .rejected: LocalizedText(nl: "niet overgenomen", en: "not adopted")
            case .outsideFrames: LocalizedText(nl: "valt buiten de vooraf gestelde kaders", en: "outside the frames set beforehand")
            }
        }
    }

    /// The fewest characters a reason may have: residents are owed an explanation, not a word.
    public static let shortestReason = 20
    /// The fewest words of a reason for deviating from residents' advice: a sentence.
    public static let wordsInASentence = 3

    public var decision: Decision
    public var reason: String?
    /// With `outside-frames`: the frame set beforehand that the outcome breaks ("budget").
    public var frame: String?
    /// The day it was recorded, `2026-11-23`.
    public var date: String
    /// The council's earlier answers to the same priority, oldest first: an answer is added to,
    /// never overwritten, so residents can see when and why it changed.
    public var history: [CouncilResponse]

    public init(decision: Decision, reason: String?, frame: String? = nil, date: String, history: [CouncilResponse] = []) {
        self.decision = decision
        self.reason = reason
        self.frame = frame
        self.date = date
        self.history = history
    }

    public enum RecordError: Error, Sendable, Equatable {
        /// The theme is not one of the agenda's priorities.
        case notAPriority(theme: String, priorities: [String])
        /// Every answer but `adopted` owes residents a reason.
        case reasonRequired(level: ParticipationLevel, decision: Decision)
        /// The reason is shorter than ``shortestReason`` characters, or, where the council
        /// deviates from advice, not a sentence.
        case reasonTooShort(level: ParticipationLevel, decision: Decision)
        /// The decision breaks the level's promise: at co-decide residents decided, so only
        /// `adopted` or `outside-frames`; `outside-frames` belongs to co-decide alone.
        case notAtThisLevel(level: ParticipationLevel, decision: Decision)
        /// `outside-frames` must name the frame it breaks.
        case frameRequired
        /// The date is not a real day as `YYYY-MM-DD`.
        case invalidDate(String)
        /// The theme is already a priority (the residents' or the council's own).
        case alreadyAPriority(theme: String)
    }

    /// Checks the answer against the promise of `level`: the ladder's rules for the council.
    public func check(at level: ParticipationLevel) throws(RecordError) {
        guard CalendarDate(date) != nil else { throw .invalidDate(date) }
        if level == .codecide, decision == .adjusted || decision == .rejected { throw .notAtThisLevel(level: level, decision: decision) }
        if decision == .outsideFrames {
            guard level == .codecide else { throw .notAtThisLevel(level: level, decision: decision) }
            guard let frame, !frame.trimmingWhitespace.isEmpty else { throw .frameRequired }
        }
        guard decision != .adopted else { return }
        let reason = reason?.trimmingWhitespace ?? ""
        guard !reason.isEmpty else { throw .reasonRequired(level: level, decision: decision) }
        guard reason.count >= Self.shortestReason else { throw .reasonTooShort(level: level, decision: decision) }
        if level >= .advise, decision == .adjusted || decision == .rejected,
            reason.split(whereSeparator: \.isWhitespace).count < Self.wordsInASentence
        {
            throw .reasonTooShort(level: level, decision: decision)
        }
    }
}

extension CouncilResponse.RecordError {
    /// What went wrong and what to do, in the ladder's words.
    public var message: LocalizedText {
        switch self {
        case .notAPriority(let theme, let priorities):
            LocalizedText(
                nl: "\"\(theme)\" is geen speerpunt van deze agenda; de speerpunten zijn: \(priorities.joined(separator: ", "))",
                en: "'\(theme)' is not a priority of this agenda; the priorities are: \(priorities.joined(separator: ", "))")
        case .reasonRequired(let level, let decision):
            level >= .advise
                ? LocalizedText(
                    nl: "bij niveau \(level.name.nl.lowercased()) mag de raad alleen met redenen afwijken van het advies van bewoners; geef --reason bij \(decision.rawValue)",
                    en: "at level \(level.rawValue) the council may deviate from residents' advice only with stated reasons; give --reason with \(decision.rawValue)")
                : LocalizedText(
                    nl: "bewoners zijn een uitleg verschuldigd bij elk antwoord behalve adopted; geef --reason bij \(decision.rawValue)",
                    en: "residents are owed an explanation of every answer but adopted; give --reason with \(decision.rawValue)")
        case .reasonTooShort(let level, let decision):
            level >= .advise && (decision == .adjusted || decision == .rejected)
                ? LocalizedText(
                    nl:
                        "afwijken van het advies van bewoners vraagt een reden van minstens een zin (\(CouncilResponse.shortestReason) tekens, \(CouncilResponse.wordsInASentence) woorden)",
                    en:
                        "deviating from residents' advice needs a reason of at least a sentence (\(CouncilResponse.shortestReason) characters, \(CouncilResponse.wordsInASentence) words)"
                )
                : LocalizedText(
                    nl: "een reden is minstens \(CouncilResponse.shortestReason) tekens: bewoners zijn een uitleg verschuldigd",
                    en: "a reason has at least \(CouncilResponse.shortestReason) characters: residents are owed an explanation")
        case .notAtThisLevel(let level, let decision):
            decision == .outsideFrames
                ? LocalizedText(
                    nl: "outside-frames hoort bij meebeslissen (codecide); op niveau \(level.name.nl.lowercased()) antwoordt de raad met adopted, adjusted of rejected",
                    en: "outside-frames belongs to co-decide; at level \(level.rawValue) the council answers adopted, adjusted or rejected")
                : LocalizedText(
                    nl:
                        "bij meebeslissen besluiten bewoners (\(ParticipationLevel.codecide.promise.nl)) De raad kan het besluit overnemen (adopted) of zeggen welk vooraf gesteld kader het breekt (outside-frames met --frame en --reason), niet \(decision.rawValue)",
                    en:
                        "at co-decide residents decide (\(ParticipationLevel.codecide.promise.en ?? "")) The council can adopt the decision, or say which frame set beforehand it breaks (outside-frames with --frame and --reason), not \(decision.rawValue)"
                )
        case .frameRequired:
            LocalizedText(
                nl: "noem met --frame het vooraf gestelde kader dat de uitkomst breekt (bijvoorbeeld budget)",
                en: "name with --frame the frame set beforehand that the outcome breaks (for example budget)")
        case .invalidDate(let date):
            LocalizedText(nl: "\"\(date)\" is geen datum; schrijf JJJJ-MM-DD, zoals 2026-12-03", en: "'\(date)' is not a date; write YYYY-MM-DD, such as 2026-12-03")
        case .alreadyAPriority(let theme):
            LocalizedText(nl: "\"\(theme)\" is al een speerpunt", en: "'\(theme)' is a priority already")
        }
    }
}

/// A priority the council added of its own: it never counts towards the residents' three or
/// four, and is shown apart from them, with its reason.
public struct CouncilPriority: Sendable, Hashable {
    public var theme: String
    public var label: LocalizedText
    public var reason: String
    public var date: String

    public init(theme: String, label: LocalizedText, reason: String, date: String) {
        self.theme = theme
        self.label = label
        self.reason = reason
        self.date = date
    }
}

extension Agenda {
    /// Records the council's answer to a priority, by the rules of the agenda's level (see
    /// ``CouncilResponse/check(at:)``): every answer but `adopted` gives a reason of at least
    /// 20 characters; at *advise* and above deviating needs a sentence ("politics may deviate
    /// only with stated reasons"); at *co-decide* residents decided, so the council adopts or
    /// names the frame set beforehand that the outcome breaks. Earlier answers stay in the
    /// history.
    public mutating func record(_ response: CouncilResponse, for theme: String) throws(CouncilResponse.RecordError) {
        guard priorities.contains(theme) else { throw .notAPriority(theme: theme, priorities: priorities) }
        try response.check(at: level)
        let reason = response.reason?.trimmingWhitespace ?? ""
        var response = response
        response.reason = reason.isEmpty ? nil : reason
        response.frame = response.frame?.trimmingWhitespace
        if var earlier = responses[theme] {
            response.history = earlier.history
            earlier.history = []
            response.history.append(earlier)
        }
        responses[theme] = response
    }
}

extension Agenda {
    /// Adds a priority of the council's own, with its reason (at least 20 characters). It never
    /// counts towards the residents' priorities.
    public mutating func addCouncilPriority(theme: String, reason: String, date: String) throws(CouncilResponse.RecordError) {
        guard CalendarDate(date) != nil else { throw .invalidDate(date) }
        guard !priorities.contains(theme), !councilPriorities.contains(where: { $0.theme == theme }) else { throw .alreadyAPriority(theme: theme) }
        let reason = reason.trimmingWhitespace
        guard reason.count >= CouncilResponse.shortestReason else { throw .reasonTooShort(level: level, decision: .adopted) }
        let label = themes.first { $0.theme == theme }?.label ?? LocalizedText(nl: theme)
        councilPriorities.append(CouncilPriority(theme: theme, label: label, reason: reason, date: date))
    }

    /// Every answer or council priority in the file that breaks the rules of its level (a
    /// "rejected" edited in by hand without a reason), in words: `publish` refuses to show them.
    public var breaches: [LocalizedText] {
        var found: [LocalizedText] = []
        for theme in responses.keys.sorted() {
            guard let response = responses[theme] else { continue }
            if !priorities.contains(theme) {
                found.append(LocalizedText(nl: "responses.\(theme): geen speerpunt van deze agenda", en: "responses.\(theme): not a priority of this agenda"))
                continue
            }
            do throws(CouncilResponse.RecordError) {
                try response.check(at: level)
            } catch {
                found.append(LocalizedText(nl: "responses.\(theme): \(error.message.nl)", en: "responses.\(theme): \(error.message.en ?? error.message.nl)"))
            }
        }
        for (index, priority) in councilPriorities.enumerated() where priority.reason.trimmingWhitespace.count < CouncilResponse.shortestReason {
            let place = "councilPriorities[\(index)] (\(priority.theme))", shortest = CouncilResponse.shortestReason
            found.append(
                LocalizedText(
                    nl: "\(place): de reden van de raad heeft minder dan \(shortest) tekens", en: "\(place): the council's reason has fewer than \(shortest) characters"))
        }
        return found
    }
}
