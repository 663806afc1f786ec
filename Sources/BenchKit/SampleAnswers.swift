public import Surveys
public import WijkpeilCore

/// Random answers that are valid for a survey definition: for benchmarks, crash tests and
/// sample data. Not for anything residents see.
public enum SampleAnswers {
    private static let remarks = [
        "Meer groen in de straat graag.", "De stoep bij de school is slecht.", "Fijne buurt, aardige buren.",
        "Er wordt te hard gereden.", "Meer activiteiten voor jongeren.", "Het buurthuis is te vaak dicht.",
    ]

    /// Raw answers (the JSON API's shapes) for every question, some optional ones left empty.
    public static func make(for definition: SurveyDefinition, using generator: inout some RandomNumberGenerator) -> [String: JSONValue] {
        var answers: [String: JSONValue] = [:]
        var consent = false
        for question in definition.questions {
            if !question.required, Int.random(in: 0..<10, using: &generator) == 0 { continue }
            if question.privacy == .direct, !consent { continue }
            switch question.kind {
            case .rating(let min, let max, _):
                answers[question.id] = .number(Double(Int.random(in: min...max, using: &generator)))
            case .single(let options):
                answers[question.id] = .string(options.randomElement(using: &generator)!.id)
            case .multi(let options, let minChoices, let maxChoices), .approval(let options, _, let minChoices, let maxChoices, _):
                let most = min(maxChoices ?? options.count, options.count)
                let count = Int.random(in: max(minChoices, question.required ? 1 : 0)...max(most, minChoices), using: &generator)
                answers[question.id] = .array(options.shuffled(using: &generator).prefix(count).map { .string($0.id) })
            case .number(let min, let max, _):
                let low = Int(min ?? 0), high = Int(max ?? Double(low + 100))
                answers[question.id] = .number(Double(Int.random(in: low...Swift.max(low, high), using: &generator)))
            case .text(let maxLength):
                answers[question.id] = .string(String(remarks.randomElement(using: &generator)!.prefix(maxLength)))
            case .postcode:
                // One neighbourhood spans a handful of PC4 areas.
                let letters = Array("ABCEFGHJKLMNPRTVWXZ")
                let digits = Int.random(in: 7601...7605, using: &generator)
                answers[question.id] = .string("\(digits) \(letters.randomElement(using: &generator)!)\(letters.randomElement(using: &generator)!)")
            case .email:
                answers[question.id] = .string("bewoner\(Int.random(in: 1...99_999, using: &generator))@voorbeeld.nl")
            case .date:
                let month = Int.random(in: 1...12, using: &generator), day = Int.random(in: 1...28, using: &generator)
                answers[question.id] = .string("2026-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)")
            case .consent:
                consent = Bool.random(using: &generator)
                answers[question.id] = .bool(consent)
            case .stickers(let options, let budget, let cap):
                var counts: [String: Int] = [:]
                var left = Int.random(in: (question.required ? 1 : 0)...budget, using: &generator)
                while left > 0 {
                    let option = options.randomElement(using: &generator)!.id
                    if counts[option, default: 0] < cap {
                        counts[option, default: 0] += 1
                        left -= 1
                    } else if counts.values.reduce(0, +) >= options.count * cap {
                        break
                    }
                }
                answers[question.id] = .object(counts.mapValues { .number(Double($0)) })
            case .sessionStickers(let allotment):
                var byColour: [String: JSONValue] = [:]
                for colour in allotment.colours {
                    var counts: [String: Int] = [:]
                    for _ in 0..<Int.random(in: 0...colour.perParticipant, using: &generator) {
                        let option = allotment.options.randomElement(using: &generator)!.id
                        if counts[option, default: 0] < allotment.maxPerOption { counts[option, default: 0] += 1 }
                    }
                    if !counts.isEmpty { byColour[colour.id] = .object(counts.mapValues { .number(Double($0)) }) }
                }
                answers[question.id] = .object(byColour)
            }
        }
        return answers
    }
}
