public import WijkpeilCore

/// The four signals the council weighs per theme: three of them residents' voices.
public enum Signal: String, Sendable, Hashable, CaseIterable {
    /// The theme's share of the support stickers at resident evenings.
    case residents
    /// The share of respondents who named the theme where the survey asks what should improve
    /// first: residents' own agenda, the guide's starting point.
    case mentions
    /// The theme's share of dissatisfied residents in the survey.
    case survey
    /// How far the theme's indicators are worse than their reference.
    case indicators

    public var label: LocalizedText {
        switch self {
        case .residents: LocalizedText(nl: "stickers van bewoners", en: "residents' stickers")
        case .mentions: LocalizedText(nl: "als eerste genoemd in de enquête", en: "named first in the survey")
        case .survey: LocalizedText(nl: "ontevredenheid in de enquête", en: "dissatisfaction in the survey")
        case .indicators: LocalizedText(nl: "cijfers (indicatoren)", en: "statistics (indicators)")
        }
    }
}

/// How much each signal counts; non-negative and summing to 1.
public struct Weights: Sendable, Hashable {
    public private(set) var values: [Signal: Double]

    /// Residents 0.3, mentions 0.2, survey 0.25, indicators 0.25: residents' three voices
    /// together 0.75, their own agenda first, as the guide asks.
    public static let standard = Weights(uncheckedValues: [.residents: 0.3, .mentions: 0.2, .survey: 0.25, .indicators: 0.25])

    /// The standard of the first rule (`wijkpeil-agenda-1`), which knew three signals.
    public static let standardBeforeMentions = Weights(uncheckedValues: [.residents: 0.4, .survey: 0.3, .indicators: 0.3])

    init(uncheckedValues: [Signal: Double]) {
        values = uncheckedValues
    }

    public subscript(signal: Signal) -> Double { values[signal] ?? 0 }

    /// Weights rescaled to sum to 1; nil when any is negative or not finite, or all are zero.
    public init?(_ values: [Signal: Double]) {
        guard values.values.allSatisfy({ $0.isFinite && $0 >= 0 }) else { return nil }
        let total = values.values.reduce(0, +)
        guard total > 0 else { return nil }
        self.values = Dictionary(uniqueKeysWithValues: Signal.allCases.map { ($0, (values[$0] ?? 0) / total) })
    }

    public struct ParseError: Error, Sendable {
        public var message: String
    }

    /// Reads `residents=0.3,mentions=0.2,survey=0.25,indicators=0.25`; a signal left out weighs 0. Also says
    /// whether the weights had to be rescaled to sum to 1.
    public static func parse(_ text: String) throws(ParseError) -> (weights: Weights, rescaled: Bool) {
        var values: [Signal: Double] = [:]
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace }
            guard pair.count == 2, let signal = Signal(rawValue: pair[0]) else {
                let name = pair.first ?? ""
                let hint = Identifier.closest(to: name, in: Signal.allCases.map(\.rawValue)).map { "; did you mean '\($0)'?" } ?? ""
                throw ParseError(message: "'\(part)' is not signal=weight with signal residents, mentions, survey or indicators\(hint)")
            }
            guard values[signal] == nil else { throw ParseError(message: "'\(signal.rawValue)' is given twice") }
            guard let value = DecimalNumber.parse(pair[1]), value >= 0 else {
                throw ParseError(message: "the weight of \(signal.rawValue) must be a number of 0 or more, not '\(pair[1])'")
            }
            values[signal] = value
        }
        guard let weights = Weights(values) else {
            throw ParseError(message: "at least one weight must be above 0")
        }
        let total = values.values.reduce(0, +)
        return (weights, abs(total - 1) > 1e-9)
    }
}
