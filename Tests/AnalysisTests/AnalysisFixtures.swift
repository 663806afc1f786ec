import Analysis
import Foundation
import Surveys
import WijkpeilCore

/// A small survey with two rating questions on one theme, one on another, a buurt, an age and
/// a question on helping.
let surveyJSON = """
    {"id": "proef", "version": 1, "title": {"nl": "Proef", "en": "Trial"}, "level": "consult",
     "questions": [
       {"id": "veilig-dag", "type": "rating", "min": 1, "max": 10, "theme": "veiligheid", "text": {"nl": "Overdag"}},
       {"id": "veilig-avond", "type": "rating", "min": 1, "max": 10, "theme": "veiligheid", "text": {"nl": "'s Avonds"}},
       {"id": "groen", "type": "rating", "min": 1, "max": 5, "theme": "groen", "text": {"nl": "Groen"}},
       {"id": "los", "type": "rating", "min": 1, "max": 10, "text": {"nl": "Zonder thema"}},
       {"id": "buurt", "type": "single", "privacy": "quasi", "text": {"nl": "Buurt"},
        "options": [{"id": "noord", "label": {"nl": "Noord"}}, {"id": "zuid", "label": {"nl": "Zuid"}}]},
       {"id": "leeftijd", "type": "number", "min": 12, "max": 120, "privacy": "quasi", "text": {"nl": "Leeftijd"}},
       {"id": "meedoen", "type": "single", "text": {"nl": "Meehelpen?"},
        "options": [{"id": "ja", "label": {"nl": "Ja"}, "willing": true}, {"id": "nee", "label": {"nl": "Nee"}}]}
     ]}
    """

func fixtureSurvey() throws -> SurveyDefinition {
    var findings = Findings()
    let json = try JSONValue.parse(Data(surveyJSON.utf8))
    guard let survey = SurveyDefinition.read(json, themeSets: nil, findings: &findings) else {
        throw InvalidInput(findings)
    }
    return survey
}

func fixturePlan(groupBy: String? = nil) throws -> AnalysisPlan {
    let themes = ThemeSet(
        id: "proef", title: LocalizedText(nl: "Proef"),
        themes: [
            .init(id: "veiligheid", label: LocalizedText(nl: "Veiligheid", en: "Safety")),
            .init(id: "groen", label: LocalizedText(nl: "Groen", en: "Green")),
        ])
    return try AnalysisPlan(survey: try fixtureSurvey(), themeSet: themes, groupBy: groupBy)
}

/// One response with the given answers, validated as the CSV path does.
func response(_ answers: [String: JSONValue]) throws -> ValidatedResponse {
    try AnswerValidator.validate(answers, against: try fixtureSurvey())
}

extension JSONValue {
    subscript(key: String) -> JSONValue? {
        if case .object(let fields) = self { fields[key] } else { nil }
    }

    subscript(index: Int) -> JSONValue? {
        if case .array(let items) = self, items.indices.contains(index) { items[index] } else { nil }
    }

    var number: Double? {
        if case .number(let value) = self { value } else { nil }
    }
}
