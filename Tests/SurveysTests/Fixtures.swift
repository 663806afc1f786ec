import Surveys
import WijkpeilCore

/// Test definitions built in code, one per test, so each test shows what it changes.
enum Fixtures {
    static let themes = ThemeSet(
        id: "wijkanalyse", title: LocalizedText(nl: "Thema's"),
        themes: [
            ThemeSet.Theme(id: "wonen", label: LocalizedText(nl: "Wonen")),
            ThemeSet.Theme(id: "veiligheid", label: LocalizedText(nl: "Veiligheid")),
        ])

    static func text(_ nl: String) -> JSONValue { ["nl": .string(nl)] }

    static func option(_ id: String, theme: String? = nil) -> JSONValue {
        var object: [String: JSONValue] = ["id": .string(id), "label": text(id)]
        if let theme { object["theme"] = .string(theme) }
        return .object(object)
    }

    /// One question of every type, valid.
    static var questions: [JSONValue] {
        [
            [
                "id": "wonen", "type": "rating", "text": text("Cijfer wonen"), "min": 1, "max": 10, "theme": "wonen", "required": true,
                "labels": ["1": text("heel slecht"), "10": text("uitstekend")],
            ],
            ["id": "buurt", "type": "single", "text": text("Buurt"), "privacy": "quasi", "options": [option("noord"), option("zuid")]],
            [
                "id": "eerst", "type": "multi", "text": text("Eerst"), "options": [option("wonen", theme: "wonen"), option("veiligheid", theme: "veiligheid"), option("groen")],
                "minChoices": 0, "maxChoices": 2,
            ],
            ["id": "leeftijd", "type": "number", "text": text("Leeftijd"), "min": 12, "max": 120, "privacy": "quasi", "generalise": "age-band"],
            ["id": "postcode", "type": "postcode", "text": text("Postcode"), "privacy": "quasi"],
            ["id": "datum", "type": "date", "text": text("Datum")],
            ["id": "opmerking", "type": "text", "text": text("Opmerking"), "maxLength": 10, "privacy": "free-text"],
            ["id": "stippen", "type": "stickers", "text": text("Stippen"), "options": [option("a"), option("b"), option("c")], "stickers": 3, "maxPerOption": 2],
            ["id": "toestemming", "type": "consent", "text": text("Toestemming")],
            ["id": "email", "type": "email", "text": text("E-mail"), "privacy": "direct"],
        ]
    }

    static func survey(questions: [JSONValue] = questions, extra: [String: JSONValue] = [:]) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": "test", "version": 1, "title": text("Test"), "level": "consult", "themeSet": "wijkanalyse",
            "questions": .array(questions),
        ]
        object.merge(extra) { _, new in new }
        return .object(object)
    }

    static func read(_ json: JSONValue) -> (SurveyDefinition?, Findings) {
        var findings = Findings()
        let definition = SurveyDefinition.read(json, themeSets: ["wijkanalyse": themes], findings: &findings)
        return (definition, findings)
    }

    static var definition: SurveyDefinition {
        read(survey()).0!
    }
}

extension JSONValue {
    /// A copy with `value` set at a path of keys and indices, for planting mistakes.
    func setting(_ path: [JSONPath.Component], to value: JSONValue?) -> JSONValue {
        guard let first = path.first else { return value ?? .null }
        let rest = Array(path.dropFirst())
        switch (self, first) {
        case (.object(var fields), .key(let key)):
            if rest.isEmpty, value == nil {
                fields.removeValue(forKey: key)
            } else {
                fields[key] = (fields[key] ?? .object([:])).setting(rest, to: value)
            }
            return .object(fields)
        case (.array(var elements), .index(let index)):
            elements[index] = elements[index].setting(rest, to: value)
            return .array(elements)
        default:
            return self
        }
    }
}
