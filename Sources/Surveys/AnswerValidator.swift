public import WijkpeilCore

/// Checks a resident's raw answers against a survey definition.
///
/// This is the one gate every entry path goes through — the web form, the JSON API and the paper
/// import — so an answer the store keeps was always checked the same way. The JSON shapes are:
/// single `"optionId"`, multi `["a", "b"]`, rating and number a number, text, postcode, e-mail and
/// date a string, consent a bool, stickers `{"optionId": count}`. `null`, an empty string, an empty
/// list and an empty sticker object all mean "not answered".
public enum AnswerValidator {
    /// The validated response, or every refused answer with a message in Dutch and English.
    public static func validate(
        _ raw: [String: JSONValue], against definition: SurveyDefinition
    ) throws(AnswerErrors) -> ValidatedResponse {
        // Only the questions answered or required can give an answer or an error: the others
        // are not visited (a survey may have dozens of questions, an answer a few).
        var visit = [Bool](repeating: false, count: definition.questions.count)
        var unknown: [String] = []
        definition.questions.withUnsafeBufferPointer { questions in
            for id in raw.keys {
                if let index = questions.firstIndex(where: { $0.id == id }) {
                    visit[index] = true
                } else {
                    unknown.append(id)
                }
            }
            for index in questions.indices where questions[index].required { visit[index] = true }
        }
        let questions = definition.questions
        var (answers, errors) = validate(definition, visiting: { visit[$0] }, expectedAnswers: raw.count) { index throws(AnswerError) in
            try validate(raw[questions[index].id] ?? .null, for: questions[index])
        }
        for id in unknown.sorted() {
            errors.append(
                AnswerError(
                    question: id, code: .unknownQuestion,
                    message: LocalizedText(
                        nl: "Deze enquête heeft geen vraag \"\(id)\".",
                        en: "This survey has no question \"\(id)\".")))
        }
        guard errors.isEmpty else { throw AnswerErrors(errors) }
        return ValidatedResponse(surveyId: definition.id, answers: answers)
    }

    /// The rules that span questions — required questions, consent before a `direct` question —
    /// over answers already checked one by one by `answer` (which throws a refused answer).
    /// `visiting` may leave out questions that are neither answered nor required; `answer` is
    /// given the index in the definition of each question it is to check.
    static func validate(
        _ definition: SurveyDefinition, visiting: (Int) -> Bool = { _ in true }, expectedAnswers: Int? = nil,
        answer: (Int) throws(AnswerError) -> Answer?
    ) -> (answers: [String: Answer], errors: [AnswerError]) {
        var errors: [AnswerError] = []
        var answers: [String: Answer] = [:]
        answers.reserveCapacity(expectedAnswers ?? definition.questions.count)
        var consentGiven = false
        // The questions are read in place: a `Question` is large, and copying one per answer
        // cost an import a tenth of its time.
        definition.questions.withUnsafeBufferPointer { questions in
            for index in questions.indices where visiting(index) {
                do throws(AnswerError) {
                    if let answer = try answer(index) {
                        if questions[index].privacy == .direct, !consentGiven {
                            throw refusal(
                                questions[index], .noConsent,
                                nl: "U kunt dit alleen invullen als u hierboven toestemming geeft. Geef toestemming of laat dit veld leeg.",
                                en: "You can only fill this in if you give consent above. Give consent or leave this field empty.")
                        }
                        if case .consent(let given) = answer { consentGiven = given }
                        answers[questions[index].id] = answer
                    } else if questions[index].required {
                        throw refusal(questions[index], .missing, nl: "Deze vraag is verplicht.", en: "This question is required.")
                    }
                } catch {
                    errors.append(error)
                }
            }
        }
        return (answers, errors)
    }

    /// One answer, or `nil` when it was left unanswered.
    static func validate(_ value: JSONValue, for question: Question) throws(AnswerError) -> Answer? {
        if case .null = value { return nil }
        switch question.kind {
        case .rating(let min, let max, _):
            let number = try number(value, question)
            guard number.rounded() == number else {
                throw refusal(
                    question, .notWholeNumber, nl: "Kies een heel getal van \(min) tot en met \(max).",
                    en: "Choose a whole number from \(min) to \(max).")
            }
            guard number >= Double(min), number <= Double(max) else {
                throw refusal(
                    question, .outOfRange, nl: "Kies een cijfer van \(min) tot en met \(max).",
                    en: "Choose a mark from \(min) to \(max).")
            }
            return .number(number)
        case .number(let min, let max, _):
            let number = try number(value, question)
            if let min, number < min {
                throw refusal(
                    question, .outOfRange, nl: "Vul een getal in van minstens \(format(min)).",
                    en: "Enter a number of at least \(format(min)).")
            }
            if let max, number > max {
                throw refusal(
                    question, .outOfRange, nl: "Vul een getal in van hoogstens \(format(max)).",
                    en: "Enter a number of at most \(format(max)).")
            }
            return .number(number)
        case .single(let options):
            guard let id = try string(value, question) else { return nil }
            guard options.contains(where: { $0.id == id }) else { throw unknownOption(question) }
            return .single(id)
        case .approval(let options, let budget, let minChoices, let maxChoices, let maxCost):
            let multi = Question(id: question.id, text: question.text, kind: .multi(options: options, minChoices: minChoices, maxChoices: maxChoices))
            guard case .multi(let chosen)? = try validate(value, for: multi) else { return nil }
            if maxCost {
                let cost = options.filter { chosen.contains($0.id) }.reduce(0) { $0 + ($1.cost ?? 0) }
                if cost > budget {
                    throw refusal(
                        question, .overBudget,
                        nl: "Uw keuze kost samen € \(Language.nl.grouped(cost)), meer dan het budget van € \(Language.nl.grouped(budget)). Haal er een voorstel af.",
                        en: "Your choice costs € \(Language.en.grouped(cost)) together, more than the budget of € \(Language.en.grouped(budget)). Take off a proposal.")
                }
            }
            return .multi(chosen)
        case .multi(let options, let minChoices, let maxChoices):
            guard case .array(let elements) = value else { throw wrongType(question, nl: "een lijst van keuzes", en: "a list of choices") }
            var chosen = Set<String>()
            for element in elements {
                guard case .string(let id) = element else { throw wrongType(question, nl: "een lijst van keuzes", en: "a list of choices") }
                guard options.contains(where: { $0.id == id }) else { throw unknownOption(question) }
                guard chosen.insert(id).inserted else {
                    throw refusal(question, .duplicateChoice, nl: "U koos dezelfde optie twee keer.", en: "You chose the same option twice.")
                }
            }
            if chosen.isEmpty { return nil }
            if let maxChoices, chosen.count > maxChoices {
                throw refusal(question, .tooManyChoices, nl: "Kies er hoogstens \(maxChoices).", en: "Choose at most \(maxChoices).")
            }
            if chosen.count < minChoices {
                throw refusal(question, .tooFewChoices, nl: "Kies er minstens \(minChoices).", en: "Choose at least \(minChoices).")
            }
            return .multi(options.map(\.id).filter(chosen.contains))
        case .text(let maxLength):
            guard let text = try string(value, question) else { return nil }
            guard text.count <= maxLength else {
                throw refusal(
                    question, .tooLong, nl: "Uw tekst is te lang: hoogstens \(maxLength) tekens.",
                    en: "Your text is too long: at most \(maxLength) characters.")
            }
            return .text(text)
        case .postcode:
            guard let text = try string(value, question) else { return nil }
            guard let postcode = Postcode.normalised(text) else {
                throw refusal(
                    question, .invalidPostcode, nl: "Vul een Nederlandse postcode in, zoals 1234 AB.",
                    en: "Enter a Dutch postcode, such as 1234 AB.")
            }
            return .text(postcode)
        case .email:
            guard let text = try string(value, question) else { return nil }
            guard EmailAddress.isPlausible(text) else {
                throw refusal(
                    question, .invalidEmail, nl: "Vul een e-mailadres in, zoals naam@voorbeeld.nl.",
                    en: "Enter an e-mail address, such as name@example.org.")
            }
            return .text(text)
        case .date:
            guard let text = try string(value, question) else { return nil }
            guard CalendarDate(text) != nil else {
                throw refusal(
                    question, .invalidDate, nl: "Vul een datum in als jjjj-mm-dd, zoals 2026-11-23.",
                    en: "Enter a date as yyyy-mm-dd, such as 2026-11-23.")
            }
            return .text(text)
        case .consent:
            guard case .bool(let given) = value else { throw wrongType(question, nl: "ja of nee", en: "yes or no") }
            return .consent(given)
        case .stickers(let options, let budget, let cap):
            guard case .object(let fields) = value else {
                throw wrongType(question, nl: "een aantal stickers per optie", en: "a number of stickers per option")
            }
            var counts: [String: Int] = [:]
            if fields.keys.contains(where: { id in !options.contains { $0.id == id } }) { throw unknownOption(question) }
            // In the order of the options, so that the first subject with a problem is named.
            for option in options {
                guard let countValue = fields[option.id] else { continue }
                guard case .number(let count) = countValue, count.rounded() == count, count >= 0, count <= 1_000_000 else {
                    throw refusal(
                        question, .wrongType, nl: "Vul bij ‘\(option.label.nl)’ een heel aantal stickers in (0 of meer).",
                        en: "Enter a whole number of stickers (0 or more) for ‘\(option.label.en ?? option.label.nl)’.")
                }
                if count > Double(cap) {
                    throw refusal(
                        question, .overCap, nl: "U plakte \(Int(count)) stickers op ‘\(option.label.nl)’; dat mogen er hoogstens \(cap) zijn.",
                        en: "You placed \(Int(count)) stickers on ‘\(option.label.en ?? option.label.nl)’; at most \(cap) are allowed.")
                }
                if count > 0 { counts[option.id] = Int(count) }
            }
            if counts.isEmpty { return nil }
            let total = counts.values.reduce(0, +), over = total - budget
            guard over <= 0 else {
                throw refusal(
                    question, .overBudget, nl: "U heeft \(budget) stickers, maar u plakte er \(total). Haal er \(over) weg.",
                    en: "You have \(budget) stickers, but you placed \(total). Take \(over) off.")
            }
            return .stickers(counts)
        case .sessionStickers(let allotment):
            return try sessionStickers(value, allotment: allotment, question: question)
        }
    }

    /// Colour → option → count, within each colour's allotment and the cap per option per colour.
    private static func sessionStickers(_ value: JSONValue, allotment: StickerAllotment, question: Question) throws(AnswerError) -> Answer? {
        let shape = (
            nl: "per kleur een aantal stickers per optie, zoals {\"groen\": {\"veiligheid\": 2}}",
            en: "per colour a number of stickers per option, such as {\"groen\": {\"veiligheid\": 2}}"
        )
        guard case .object(let byColour) = value else { throw wrongType(question, nl: shape.nl, en: shape.en) }
        var counts: [String: [String: Int]] = [:]
        for (colourId, placed) in byColour {
            // The one-colour shape ({"veiligheid": 2}) is named as a wrong shape, not a colour.
            guard case .object = placed else { throw wrongType(question, nl: shape.nl, en: shape.en) }
            guard let colour = allotment.colours.first(where: { $0.id == colourId }) else {
                throw refusal(
                    question, .unknownOption, nl: "Kies een van de kleuren: \(allotment.colours.map(\.id).joined(separator: ", ")).",
                    en: "Choose one of the colours: \(allotment.colours.map(\.id).joined(separator: ", ")).")
            }
            guard case .object(let byOption) = placed else { throw wrongType(question, nl: shape.nl, en: shape.en) }
            if byOption.keys.contains(where: { id in !allotment.options.contains { $0.id == id } }) { throw unknownOption(question) }
            let name = (nl: colour.label.nl, en: colour.label.en ?? colour.label.nl)
            var total = 0
            // In the order of the subjects, so that the first one with a problem is named.
            for option in allotment.options {
                guard let countValue = byOption[option.id] else { continue }
                let subject = (nl: option.label.nl, en: option.label.en ?? option.label.nl)
                guard case .number(let count) = countValue, count.rounded() == count, count >= 0, count <= 1_000_000 else {
                    throw refusal(
                        question, .wrongType, nl: "Vul bij ‘\(subject.nl)’ (\(name.nl)) een heel aantal stickers in (0 of meer).",
                        en: "Enter a whole number of stickers (0 or more) for ‘\(subject.en)’ (\(name.en)).")
                }
                if count > Double(allotment.maxPerOption) {
                    throw refusal(
                        question, .overCap,
                        nl: "U plakte \(Int(count)) stickers (\(name.nl)) op ‘\(subject.nl)’; dat mogen er hoogstens \(allotment.maxPerOption) zijn.",
                        en: "You placed \(Int(count)) stickers (\(name.en)) on ‘\(subject.en)’; at most \(allotment.maxPerOption) are allowed.")
                }
                if count > 0 { counts[colourId, default: [:]][option.id] = Int(count) }
                total += Int(count)
            }
            let over = total - colour.perParticipant
            guard over <= 0 else {
                let allowed = (
                    nl: colour.perParticipant == 1 ? "1 sticker" : "\(colour.perParticipant) stickers",
                    en: colour.perParticipant == 1 ? "1 sticker" : "\(colour.perParticipant) stickers"
                )
                throw refusal(
                    question, .overBudget, nl: "U heeft \(allowed.nl) (\(name.nl)), maar u plakte er \(total). Haal er \(over) weg.",
                    en: "You have \(allowed.en) (\(name.en)), but you placed \(total). Take \(over) off.")
            }
        }
        return counts.isEmpty ? nil : .colouredStickers(counts)
    }

    private static func number(_ value: JSONValue, _ question: Question) throws(AnswerError) -> Double {
        guard case .number(let number) = value, number.isFinite else { throw wrongType(question, nl: "een getal", en: "a number") }
        return number
    }

    /// A trimmed string, or `nil` when it is empty. Control characters (NUL, escape, the C1
    /// range) are refused: they would be stored and exported raw, and echoed to a terminal.
    private static func string(_ value: JSONValue, _ question: Question) throws(AnswerError) -> String? {
        guard case .string(let text) = value else { throw wrongType(question, nl: "tekst", en: "text") }
        if text.unicodeScalars.contains(where: isForbiddenControl) {
            throw refusal(
                question, .controlCharacter, nl: "Deze tekst bevat een onzichtbaar stuurteken (zoals NUL); typ de tekst opnieuw.",
                en: "This text holds an invisible control character (such as NUL); type the text again.")
        }
        let trimmed = text.trimmingWhitespace
        return trimmed.isEmpty ? nil : trimmed
    }

    /// C0 and C1 control characters and DEL, except tab, line feed and carriage return.
    static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    private static func refusal(_ question: Question, _ code: AnswerError.Code, nl: String, en: String) -> AnswerError {
        AnswerError(question: question.id, code: code, message: LocalizedText(nl: nl, en: en))
    }

    private static func wrongType(_ question: Question, nl: String, en: String) -> AnswerError {
        refusal(question, .wrongType, nl: "Hier hoort \(nl).", en: "This needs \(en).")
    }

    private static func unknownOption(_ question: Question) -> AnswerError {
        refusal(question, .unknownOption, nl: "Kies een van de opties bij deze vraag.", en: "Choose one of the options of this question.")
    }

    private static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}
