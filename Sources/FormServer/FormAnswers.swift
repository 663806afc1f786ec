import HTTPCore
import Surveys
import WijkpeilCore

/// The resident form's fields turned into the raw answers ``AnswerValidator`` takes, and back
/// into field values when a form is shown again with its errors. Multi-choice comes as repeated
/// fields, stickers as `question.option=count` (a session's as `question.colour.option=count`),
/// consent as `ja`/`nee`.
enum FormAnswers {
    static func raw(from form: URLEncodedForm, definition: SurveyDefinition) -> [String: JSONValue] {
        var answers: [String: JSONValue] = [:]
        for question in definition.questions {
            switch question.kind {
            case .multi, .approval:
                let chosen = form.values(question.id).filter { !$0.isEmpty }
                answers[question.id] = chosen.isEmpty ? .null : .array(chosen.map(JSONValue.string))
            case .stickers(let options, _, _):
                var counts: [String: JSONValue] = [:]
                for option in options {
                    let text = (form.value(question.id + "." + option.id) ?? "").trimmingWhitespace
                    guard !text.isEmpty else { continue }
                    // A count that is not a whole number stays text, so the validator names it.
                    counts[option.id] = Int(text).map { .number(Double($0)) } ?? .string(text)
                }
                answers[question.id] = counts.isEmpty ? .null : .object(counts)
            case .sessionStickers(let allotment):
                var byColour: [String: JSONValue] = [:]
                for colour in allotment.colours {
                    var counts: [String: JSONValue] = [:]
                    for option in allotment.options {
                        let text = (form.value("\(question.id).\(colour.id).\(option.id)") ?? "").trimmingWhitespace
                        guard !text.isEmpty else { continue }
                        counts[option.id] = Int(text).map { .number(Double($0)) } ?? .string(text)
                    }
                    if !counts.isEmpty { byColour[colour.id] = .object(counts) }
                }
                answers[question.id] = byColour.isEmpty ? .null : .object(byColour)
            default:
                let text = form.value(question.id) ?? ""
                do {
                    answers[question.id] = try ResponseTable.rawAnswer(text, for: question)
                } catch {
                    // Not a number where one belongs: the validator refuses the text with its message.
                    answers[question.id] = .string(text)
                }
            }
        }
        return answers
    }
}
