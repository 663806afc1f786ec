import Participation
import Stickers
import Surveys
import WijkpeilCore

/// Surveys and sessions described in words, for `wijkpeil surveys show`.
enum SurveyText {
    static func describe(_ survey: SurveyDefinition, language: Language) -> String {
        var lines = [
            "\(survey.title.text(in: language))  [\(survey.id) v\(survey.version)]",
            (language == .nl ? "niveau: " : "level: ") + "\(survey.level.rawValue) (\(survey.level.name.text(in: language))) — \(survey.level.promise.text(in: language))",
        ]
        if survey.requiresInvite { lines.append(language == .nl ? "alleen met uitnodigingscode" : "invitation code required") }
        if survey.publicResults { lines.append(language == .nl ? "resultaten openbaar (kleine aantallen verborgen)" : "results public (small counts hidden)") }
        if let feedback = survey.feedback {
            lines.append((language == .nl ? "terugkoppeling: " : "hearing back: ") + feedback.text(in: language))
        }
        if let intro = survey.intro { lines += ["", intro.text(in: language)] }
        lines.append("")
        for (number, question) in survey.questions.enumerated() {
            var tags = [question.kind.summary]
            if question.required { tags.append(language == .nl ? "verplicht" : "required") }
            if question.privacy != .none { tags.append("privacy: \(question.privacy.rawValue)") }
            if let theme = question.theme { tags.append((language == .nl ? "thema: " : "theme: ") + theme) }
            lines.append("\(number + 1). \(question.id) [\(tags.joined(separator: ", "))]")
            lines.append("   \(question.text.text(in: language))")
            for option in question.kind.options {
                lines.append("   - \(option.id): \(option.label.text(in: language))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func describe(_ session: StickerSession, language: Language) -> String {
        var lines = [
            "\(session.title.text(in: language))  [\(session.id), \(language == .nl ? "stickersessie" : "sticker session")]",
            (language == .nl ? "niveau: " : "level: ") + "\(session.level.rawValue) (\(session.level.name.text(in: language)))",
        ]
        if let intro = session.intro { lines += ["", intro.text(in: language)] }
        lines += ["", language == .nl ? "Stickers per deelnemer:" : "Stickers per participant:"]
        for colour in session.colours {
            lines.append("- \(colour.perParticipant) × \(colour.label.text(in: language)) (\(colour.meaning.label.text(in: language)))")
        }
        lines.append(
            language == .nl
                ? "Hoogstens \(session.maxPerOption) stickers van een kleur op één optie."
                : "At most \(session.maxPerOption) stickers of a colour on one option.")
        lines += ["", language == .nl ? "Opties:" : "Options:"]
        for option in session.options {
            lines.append("- \(option.id): \(option.label.text(in: language))" + (option.theme.map { " (\(language == .nl ? "thema" : "theme"): \($0))" } ?? ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension QuestionKind {
    /// `rating 1–10`, `multi ≤ 3`, `stickers 3, ≤ 2 per option`.
    var summary: String {
        switch self {
        case .rating(let min, let max, _): "rating \(min)–\(max)"
        case .single: "single"
        case .multi(_, let minChoices, let maxChoices):
            "multi" + (minChoices > 0 ? " ≥ \(minChoices)" : "") + (maxChoices.map { " ≤ \($0)" } ?? "")
        case .approval(let options, let budget, _, let maxChoices, let maxCost):
            "approval: \(options.count) proposals, budget \(budget)" + (maxChoices.map { ", ≤ \($0)" } ?? "") + (maxCost ? ", within the budget" : "")
        case .number(let min, let max, _):
            "number" + ((min != nil || max != nil) ? " \(min.map { "\($0)" } ?? "")–\(max.map { "\($0)" } ?? "")" : "")
        case .text(let maxLength): "text ≤ \(maxLength)"
        case .postcode: "postcode"
        case .email: "email"
        case .date: "date"
        case .consent: "consent"
        case .stickers(_, let stickers, let maxPerOption): "stickers \(stickers), ≤ \(maxPerOption) per option"
        case .sessionStickers(let allotment):
            "stickers of session \(allotment.session): " + allotment.colours.map { "\($0.perParticipant) \($0.id)" }.joined(separator: ", ")
                + ", ≤ \(allotment.maxPerOption) per option per colour"
        }
    }
}
