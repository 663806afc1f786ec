public import Agenda
public import Participation
public import WijkpeilCore

/// Verifying an agenda: recomputing it from the files it was made from, by the rule it records,
/// and naming every input and field that differs. Anyone with the files can do it without
/// trusting whoever made the agenda.
public enum AgendaVerification {
    /// What the verifier was told was agreed; `nil` where not given.
    public struct Expected: Sendable {
        public var level: ParticipationLevel?
        public var max: Int?
        public var weights: Weights?

        public init(level: ParticipationLevel? = nil, max: Int? = nil, weights: Weights? = nil) {
            self.level = level
            self.max = max
            self.weights = weights
        }
    }

    /// The problems found, in words (`themes[2].score: recorded 0.6, recomputed 0.56`), in Dutch and English; none
    /// when the agenda matches. `inputs` are the given files' roles and SHA-256, in the order
    /// the agenda records them.
    public static func problems(
        of recorded: Agenda, evidence: [ThemeEvidence], inputs: [Agenda.Input], expected: Expected = Expected(), version: String
    ) -> [LocalizedText] {
        var problems: [LocalizedText] = []
        if inputs.map(\.sha256) != recorded.inputs.map(\.sha256) {
            for (index, input) in recorded.inputs.enumerated() {
                let given = index < inputs.count ? inputs[index] : nil
                if given?.sha256 != input.sha256 {
                    problems.append(
                        LocalizedText(
                            nl:
                                "invoer \(index + 1) (\(input.role) \(input.file)): vastgelegd sha256 \(input.sha256), gegeven \(given.map { "\($0.file) sha256 \($0.sha256)" } ?? "niets")",
                            en:
                                "input \(index + 1) (\(input.role) \(input.file)): recorded sha256 \(input.sha256), given \(given.map { "\($0.file) sha256 \($0.sha256)" } ?? "nothing")"
                        ))
                }
            }
            if inputs.count > recorded.inputs.count {
                let more = inputs.count - recorded.inputs.count
                problems.append(LocalizedText(nl: "\(more) invoerbestand(en) meer gegeven dan de agenda vastlegt", en: "\(more) more input file(s) given than the agenda records"))
            }
        }
        do throws(Agenda.ComputeError) {
            // By the rule the agenda records, so an agenda made under an earlier rule is verified by that rule.
            let recomputed = try Agenda.compute(
                evidence: evidence, weights: recorded.weights, max: recorded.max, level: recorded.level, inputs: inputs, version: version,
                rule: recorded.rule)
            if problems.isEmpty { problems += recorded.differences(from: recomputed) }
        } catch {
            problems.append(
                LocalizedText(nl: "de agenda is uit deze invoer niet opnieuw te berekenen (\(error))", en: "the agenda cannot be recomputed from these inputs (\(error))"))
        }
        // What only the maker knew is checked against what the verifier was told was agreed.
        if let level = expected.level, level != recorded.level {
            problems.append(
                LocalizedText(
                    nl: "level: vastgelegd \(recorded.level.rawValue), verwacht \(level.rawValue)", en: "level: recorded \(recorded.level.rawValue), expected \(level.rawValue)"))
        }
        if let max = expected.max, max != recorded.max {
            problems.append(LocalizedText(nl: "max: vastgelegd \(recorded.max), verwacht \(max)", en: "max: recorded \(recorded.max), expected \(max)"))
        }
        if let weights = expected.weights {
            for signal in Signal.allCases where abs(weights[signal] - recorded.weights[signal]) > 1e-9 {
                let (was, wanted) = (recorded.weights[signal], weights[signal])
                problems.append(
                    LocalizedText(nl: "weights.\(signal.rawValue): vastgelegd \(was), verwacht \(wanted)", en: "weights.\(signal.rawValue): recorded \(was), expected \(wanted)"))
            }
        }
        return problems
    }
}
