import Surveys
import WijkpeilCore

/// The results of a survey as the API shows them: n, counts per option, means per rating and
/// number question. In the public view no count below 5 is shown (`"<5"`), no mean over fewer
/// than 5 answers, and no question marked `quasi` or `direct` (age, buurt, postcode: what would
/// single a neighbour out).
struct ResultsSummary {
    static let smallest = 5
    let survey: SurveyDefinition
    var n = 0
    var counts: [String: [String: Int]] = [:]
    var sums: [String: (total: Double, n: Int)] = [:]

    init(survey: SurveyDefinition) {
        self.survey = survey
    }

    mutating func add(_ answers: JSONValue) {
        guard case .object(let fields) = answers else { return }
        n += 1
        for question in survey.questions {
            guard let value = fields[question.id] else { continue }
            switch (question.kind, value) {
            case (.rating, .number(let number)), (.number, .number(let number)):
                let current = sums[question.id] ?? (0, 0)
                sums[question.id] = (current.total + number, current.n + 1)
            case (.single, .string(let option)):
                counts[question.id, default: [:]][option, default: 0] += 1
            case (.multi, .array(let options)):
                for case .string(let option) in options { counts[question.id, default: [:]][option, default: 0] += 1 }
            case (.stickers, .object(let placed)):
                for (option, count) in placed {
                    if case .number(let number) = count { counts[question.id, default: [:]][option, default: 0] += Int(number) }
                }
            case (.sessionStickers, .object(let byColour)):
                // Counted per colour and option: "groen:veiligheid".
                for (colour, placed) in byColour {
                    guard case .object(let byOption) = placed else { continue }
                    for case (let option, .number(let number)) in byOption { counts[question.id, default: [:]]["\(colour):\(option)", default: 0] += Int(number) }
                }
            case (.consent, .bool(let given)):
                counts[question.id, default: [:]][given ? "ja" : "nee", default: 0] += 1
            default:
                break
            }
        }
    }

    func jsonValue(publicView: Bool) -> JSONValue {
        func count(_ value: Int) -> JSONValue {
            publicView && value < Self.smallest ? "<5" : .number(Double(value))
        }
        var questions: [String: JSONValue] = [:]
        for question in survey.questions {
            if publicView, question.privacy == .quasi || question.privacy == .direct { continue }
            switch question.kind {
            case .rating, .number:
                let sum = sums[question.id] ?? (0, 0)
                let mean: JSONValue = sum.n == 0 || (publicView && sum.n < Self.smallest) ? .null : .number(sum.total / Double(sum.n))
                questions[question.id] = .object(["n": count(sum.n), "mean": mean])
            case .single, .multi, .stickers, .consent, .sessionStickers:
                var options = question.kind.options.map(\.id) + (question.kind.typeName == "consent" ? ["ja", "nee"] : [])
                if case .sessionStickers(let allotment) = question.kind {
                    options = allotment.colours.flatMap { colour in allotment.options.map { "\(colour.id):\($0.id)" } }
                }
                questions[question.id] = .object(["counts": .object(Dictionary(uniqueKeysWithValues: options.map { ($0, count(counts[question.id]?[$0] ?? 0)) }))])
            default:
                // Free text, postcodes, e-mail addresses and dates are never shown as results.
                break
            }
        }
        return .object(["survey": .string(survey.id), "n": count(n), "questions": .object(questions)])
    }
}
