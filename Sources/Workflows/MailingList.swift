public import Store
public import Surveys
import WijkpeilCore

/// The e-mail addresses of residents who agreed to be told about the reports: the one output that
/// holds them. An address is taken only from a response whose consent question (the last of type
/// `consent` before the `email` question) says yes; addresses come out once each, sorted, so the
/// list says nothing about who answered when.
public enum MailingList {
    public struct Result: Sendable, Hashable {
        public var addresses: [String]
        /// Responses read, and those with consent and an address.
        public var responses: Int
        public var consenting: Int
    }

    public static func addresses(_ survey: SurveyDefinition, from store: StoreReader) throws -> Result {
        // Each e-mail question with the consent question that precedes it.
        var pairs: [(email: String, consent: String)] = []
        var consent: String?
        for question in survey.questions {
            switch question.kind {
            case .consent: consent = question.id
            case .email: if let consent { pairs.append((question.id, consent)) }
            default: break
            }
        }
        var result = Result(addresses: [], responses: 0, consenting: 0)
        var seen: [String: String] = [:]
        try store.forEachResponse(survey: survey.id) { response in
            result.responses += 1
            guard case .object(let answers) = response.answers else { return }
            var counted = false
            for pair in pairs {
                guard answers[pair.consent] == .bool(true), case .string(let address)? = answers[pair.email] else { continue }
                let trimmed = address.trimmingWhitespace
                guard !trimmed.isEmpty else { continue }
                if !counted {
                    result.consenting += 1
                    counted = true
                }
                if seen[trimmed.lowercased()] == nil { seen[trimmed.lowercased()] = trimmed }
            }
        }
        result.addresses = seen.keys.sorted().map { seen[$0]! }
        return result
    }
}
