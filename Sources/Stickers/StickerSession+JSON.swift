import Participation
public import WijkpeilCore
import Surveys

extension StickerSession {
    /// The session in its file format, with every default written out.
    public var jsonValue: JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(id), "title": title.jsonValue, "level": .string(level.rawValue),
            "options": .array(options.map(\.jsonValue)),
            "colours": .array(
                colours.map { colour in
                    .object([
                        "id": .string(colour.id), "label": colour.label.jsonValue,
                        "meaning": .string(colour.meaning.rawValue), "perParticipant": .number(Double(colour.perParticipant)),
                    ])
                }),
            "maxPerOption": .number(Double(maxPerOption)),
        ]
        if let intro { object["intro"] = intro.jsonValue }
        if let themeSet { object["themeSet"] = .string(themeSet) }
        if let attendance { object["attendance"] = .number(Double(attendance)) }
        return .object(object)
    }
}
