public import Participation
public import WijkpeilCore

/// The council's answer to one priority: what residents see under "what happened with your
/// input".
public struct CouncilResponse: Sendable, Hashable {
    public enum Decision: String, Sendable, Hashable, CaseIterable {
        case adopted
        case adjusted
        case rejected

        public var label: LocalizedText {
            switch self {
            case .adopted: LocalizedText(nl: "overgenomen", en: "adopted")
            case .adjusted: LocalizedText(nl: "aangepast overgenomen", en: "adopted with changes")
            case .rejected: LocalizedText(nl: "niet overgenomen", en: "not adopted")
            }
        }
    }

    public var decision: Decision
    public var reason: String?
    /// The day it was recorded, `2026-11-23`.
    public var date: String
    /// The council's earlier answers to the same priority, oldest first: an answer is added to,
    /// never overwritten, so residents can see when and why it changed.
    public var history: [CouncilResponse]

    public init(decision: Decision, reason: String?, date: String, history: [CouncilResponse] = []) {
        self.decision = decision
        self.reason = reason
        self.date = date
        self.history = history
    }

    public enum RecordError: Error, Sendable, Equatable {
        /// The theme is not one of the agenda's priorities.
        case notAPriority(theme: String, priorities: [String])
        /// At advise and above, deviating needs a reason (seed 001).
        case reasonRequired(level: ParticipationLevel, decision: Decision)
    }
}

extension Agenda {
    /// Records the council's answer to a priority. At participation level *advise* and above an
    /// answer that deviates (`adjusted`, `rejected`) needs a reason: "politics may deviate
    /// only with stated reasons".
    public mutating func record(_ response: CouncilResponse, for theme: String) throws(CouncilResponse.RecordError) {
        guard priorities.contains(theme) else { throw .notAPriority(theme: theme, priorities: priorities) }
        let reason = response.reason?.trimmingWhitespace ?? ""
        if level >= .advise, response.decision != .adopted, reason.isEmpty {
            throw .reasonRequired(level: level, decision: response.decision)
        }
        var response = response
        response.reason = reason.isEmpty ? nil : reason
        if var earlier = responses[theme] {
            response.history = earlier.history
            earlier.history = []
            response.history.append(earlier)
        }
        responses[theme] = response
    }
}
