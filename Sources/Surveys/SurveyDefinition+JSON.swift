import Participation
public import WijkpeilCore

extension SurveyDefinition {
    /// The definition in the file format of docs/formats.md, with every default written out, so that
    /// scripts can read the full definition (`wijkpeil surveys show ID --format json`).
    public var jsonValue: JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(id), "version": .number(Double(version)), "title": title.jsonValue,
            "level": .string(level.rawValue), "requiresInvite": .bool(requiresInvite),
            "publicResults": .bool(publicResults), "questions": .array(questions.map(\.jsonValue)),
        ]
        if let intro { object["intro"] = intro.jsonValue }
        if let feedback { object["feedback"] = feedback.jsonValue }
        if let themeSet { object["themeSet"] = .string(themeSet) }
        return .object(object)
    }
}

extension Option {
    public var jsonValue: JSONValue {
        var object: [String: JSONValue] = ["id": .string(id), "label": label.jsonValue]
        if let theme { object["theme"] = .string(theme) }
        if willing { object["willing"] = .bool(true) }
        if let cbs { object["cbs"] = .string(cbs) }
        if let cost { object["cost"] = .number(Double(cost)) }
        return .object(object)
    }
}

extension Question {
    public var jsonValue: JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(id), "type": .string(kind.typeName), "text": text.jsonValue,
            "required": .bool(required), "privacy": .string(privacy.rawValue),
        ]
        if let help { object["help"] = help.jsonValue }
        if let theme { object["theme"] = .string(theme) }
        switch kind {
        case .rating(let min, let max, let labels):
            object["min"] = .number(Double(min))
            object["max"] = .number(Double(max))
            if !labels.isEmpty {
                object["labels"] = .object(Dictionary(uniqueKeysWithValues: labels.map { (String($0.key), $0.value.jsonValue) }))
            }
        case .single(let options):
            object["options"] = .array(options.map(\.jsonValue))
        case .multi(let options, let minChoices, let maxChoices):
            object["options"] = .array(options.map(\.jsonValue))
            object["minChoices"] = .number(Double(minChoices))
            if let maxChoices { object["maxChoices"] = .number(Double(maxChoices)) }
        case .approval(let options, let budget, let minChoices, let maxChoices, let maxCost):
            object["options"] = .array(options.map(\.jsonValue))
            object["budget"] = .number(Double(budget))
            object["minChoices"] = .number(Double(minChoices))
            if let maxChoices { object["maxChoices"] = .number(Double(maxChoices)) }
            if maxCost { object["maxCost"] = .bool(true) }
        case .number(let min, let max, let generalise):
            if let min { object["min"] = .number(min) }
            if let max { object["max"] = .number(max) }
            if let generalise { object["generalise"] = .string(generalise.rawValue) }
        case .text(let maxLength):
            object["maxLength"] = .number(Double(maxLength))
        case .postcode, .date:
            if let generalise = generalisation { object["generalise"] = .string(generalise.rawValue) }
        case .email, .consent:
            break
        case .stickers(let options, let stickers, let maxPerOption):
            object["options"] = .array(options.map(\.jsonValue))
            object["stickers"] = .number(Double(stickers))
            object["maxPerOption"] = .number(Double(maxPerOption))
        case .sessionStickers(let allotment):
            // The session's options and colours are written out, so the definition the store
            // keeps reads back on its own.
            object["session"] = .string(allotment.session)
            object["options"] = .array(allotment.options.map(\.jsonValue))
            object["colours"] = .array(
                allotment.colours.map { colour in
                    .object([
                        "id": .string(colour.id), "label": colour.label.jsonValue, "meaning": .string(colour.meaning.rawValue),
                        "perParticipant": .number(Double(colour.perParticipant)),
                    ])
                })
            object["maxPerOption"] = .number(Double(allotment.maxPerOption))
        }
        return .object(object)
    }

    /// How this question's answers are coarsened on export: only quasi-identifiers are, postcodes
    /// to PC4 and dates to ISO weeks by default.
    public var generalisation: Generalisation? {
        guard privacy == .quasi else { return nil }
        switch kind {
        case .number(_, _, let generalise): return generalise
        case .postcode: return .pc4
        case .date: return .isoWeek
        default: return nil
        }
    }
}
