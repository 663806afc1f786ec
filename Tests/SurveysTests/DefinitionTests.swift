import Participation
import Surveys
import Testing
import WijkpeilCore

@Suite("Reading and checking survey definitions")
struct DefinitionTests {
    @Test func aDefinitionWithEveryQuestionTypeReadsCleanly() throws {
        let (definition, findings) = Fixtures.read(Fixtures.survey())
        #expect(findings.isEmpty, "\(findings.all)")
        let survey = try #require(definition)
        #expect(survey.questions.map(\.kind.typeName) == ["rating", "single", "multi", "number", "postcode", "date", "text", "stickers", "consent", "email"])
        #expect(survey.question("wonen")?.theme == "wonen")
        #expect(survey.question("postcode")?.generalisation == .pc4)
    }

    @Test(
        "an option may carry its CBS code; a code of the wrong shape is an error at its path",
        arguments: [
            ("BU03440101", nil), ("WK034401", nil), ("bu03440101", "bad-cbs-code"), ("BU0344010", "bad-cbs-code"), ("GM0344", "bad-cbs-code"),
        ])
    func cbsCodes(_ code: String, _ finding: String?) throws {
        var questions = Fixtures.questions
        questions[1] = [
            "id": "buurt", "type": "single", "text": Fixtures.text("Buurt"), "privacy": "quasi",
            "options": [["id": "noord", "label": Fixtures.text("Noord"), "cbs": .string(code)], Fixtures.option("zuid")],
        ]
        let (definition, findings) = Fixtures.read(Fixtures.survey(questions: questions))
        #expect(findings.all.map(\.code) == (finding.map { [$0] } ?? []))
        if finding == nil {
            #expect(definition?.question("buurt")?.kind.options.first?.cbs == code)
        } else {
            #expect(findings.all.first?.location.path == "questions[1].options[0].cbs")
        }
    }

    @Test("maxLength counts characters as residents see them: an emoji with a skin tone or an accent is one")
    func maxLengthCountsCharacters() throws {
        let survey = Fixtures.definition  // opmerking has maxLength 10
        let ten = "👍🏽e\u{301}abcdefgh"
        #expect(ten.count == 10 && ten.utf16.count > 10)
        #expect((try? AnswerValidator.validate(["wonen": 6, "opmerking": .string(ten)], against: survey)) != nil)
        #expect((try? AnswerValidator.validate(["wonen": 6, "opmerking": .string(ten + "x")], against: survey)) == nil)
    }

    @Test("the feedback promise (when residents hear back) is read into the definition")
    func feedbackIsKept() throws {
        let (definition, findings) = Fixtures.read(Fixtures.survey(extra: ["feedback": Fixtures.text("In maart 2027 op de website.")]))
        #expect(findings.isEmpty, "\(findings.all)")
        #expect(definition?.feedback?.nl == "In maart 2027 op de website.")
        #expect(definition?.jsonValue.encoded() == Fixtures.read(definition!.jsonValue).0?.jsonValue.encoded())
    }

    /// One planted mistake per row: where it is planted, what it becomes, and the code and path of
    /// the error that must name it.
    struct Mistake: CustomTestStringConvertible, Sendable {
        var name: String
        var path: [JSONPath.Component]
        var value: JSONValue?
        var code: String
        var reported: String
        var testDescription: String { name }
    }

    static let mistakes: [Mistake] = [
        Mistake(name: "duplicate question id", path: [.key("questions"), .index(1), .key("id")], value: "wonen", code: "duplicate-id", reported: "questions[1].id"),
        Mistake(name: "upper-case id", path: [.key("questions"), .index(0), .key("id")], value: "Wonen", code: "invalid-id", reported: "questions[0].id"),
        Mistake(name: "survey id with a space", path: [.key("id")], value: "mijn enquete", code: "invalid-id", reported: "id"),
        Mistake(
            name: "no Dutch question text", path: [.key("questions"), .index(0), .key("text")], value: ["en": "Mark"], code: "missing-dutch", reported: "questions[0].text.nl"),
        Mistake(name: "no Dutch title", path: [.key("title"), .key("nl")], value: nil, code: "missing-dutch", reported: "title.nl"),
        Mistake(name: "choice without options", path: [.key("questions"), .index(1), .key("options")], value: [], code: "no-options", reported: "questions[1].options"),
        Mistake(name: "choice options missing", path: [.key("questions"), .index(2), .key("options")], value: nil, code: "missing-field", reported: "questions[2].options"),
        Mistake(
            name: "duplicate option id", path: [.key("questions"), .index(1), .key("options"), .index(1), .key("id")], value: "noord", code: "duplicate-id",
            reported: "questions[1].options[1].id"),
        Mistake(name: "rating min equals max", path: [.key("questions"), .index(0), .key("max")], value: 1, code: "invalid-scale", reported: "questions[0].max"),
        Mistake(name: "rating min above max", path: [.key("questions"), .index(0), .key("min")], value: 11, code: "invalid-scale", reported: "questions[0].max"),
        Mistake(
            name: "rating label off the scale", path: [.key("questions"), .index(0), .key("labels"), .key("11")], value: ["nl": "x"], code: "invalid-label",
            reported: "questions[0].labels.11"),
        Mistake(name: "sticker budget zero", path: [.key("questions"), .index(7), .key("stickers")], value: 0, code: "invalid-sticker-budget", reported: "questions[7].stickers"),
        Mistake(
            name: "sticker cap above budget", path: [.key("questions"), .index(7), .key("maxPerOption")], value: 4, code: "invalid-sticker-cap",
            reported: "questions[7].maxPerOption"),
        Mistake(name: "theme not in the theme set", path: [.key("questions"), .index(0), .key("theme")], value: "wonn", code: "unknown-theme", reported: "questions[0].theme"),
        Mistake(
            name: "option theme not in the set", path: [.key("questions"), .index(2), .key("options"), .index(0), .key("theme")], value: "groen", code: "unknown-theme",
            reported: "questions[2].options[0].theme"),
        Mistake(name: "theme set that does not exist", path: [.key("themeSet")], value: "ambities", code: "unknown-theme-set", reported: "themeSet"),
        Mistake(name: "unknown level", path: [.key("level")], value: "participate", code: "unknown-level", reported: "level"),
        Mistake(name: "codecide without invitations", path: [.key("level")], value: "codecide", code: "codecide-needs-invites", reported: "requiresInvite"),
        Mistake(
            name: "direct question before consent", path: [.key("questions"), .index(3), .key("privacy")], value: "direct", code: "direct-without-consent",
            reported: "questions[3].privacy"),
        Mistake(name: "unknown question type", path: [.key("questions"), .index(5), .key("type")], value: "datum", code: "unknown-type", reported: "questions[5].type"),
        Mistake(name: "unknown privacy", path: [.key("questions"), .index(4), .key("privacy")], value: "secret", code: "unknown-privacy", reported: "questions[4].privacy"),
        Mistake(name: "missing version", path: [.key("version")], value: nil, code: "missing-field", reported: "version"),
        Mistake(name: "version zero", path: [.key("version")], value: 0, code: "invalid-version", reported: "version"),
        Mistake(name: "multi max below one", path: [.key("questions"), .index(2), .key("maxChoices")], value: 0, code: "invalid-choices", reported: "questions[2].maxChoices"),
        Mistake(name: "multi min above options", path: [.key("questions"), .index(2), .key("minChoices")], value: 4, code: "invalid-choices", reported: "questions[2].minChoices"),
        Mistake(name: "number max below min", path: [.key("questions"), .index(3), .key("max")], value: 5, code: "invalid-range", reported: "questions[3].max"),
        Mistake(name: "text length zero", path: [.key("questions"), .index(6), .key("maxLength")], value: 0, code: "invalid-length", reported: "questions[6].maxLength"),
        Mistake(
            name: "generalisation that does not fit", path: [.key("questions"), .index(3), .key("generalise")], value: "pc4", code: "invalid-generalisation",
            reported: "questions[3].generalise"),
        Mistake(name: "no questions", path: [.key("questions")], value: [], code: "no-questions", reported: "questions"),
        Mistake(name: "wrong type for required", path: [.key("questions"), .index(0), .key("required")], value: "ja", code: "wrong-type", reported: "questions[0].required"),
    ]

    @Test(arguments: mistakes)
    func eachMistakeIsReportedAtItsPath(_ mistake: Mistake) {
        let (definition, findings) = Fixtures.read(Fixtures.survey().setting(mistake.path, to: mistake.value))
        #expect(definition == nil)
        let match = findings.errors.first { $0.code == mistake.code }
        #expect(match?.location.path == mistake.reported, "\(findings.all.map { "\($0.code) \($0.location)" })")
        #expect(match?.message.en?.isEmpty == false)
    }

    @Test func everyMistakeIsReportedNotJustTheFirst() {
        let json = Fixtures.survey()
            .setting([.key("questions"), .index(1), .key("id")], to: "wonen")
            .setting([.key("questions"), .index(0), .key("max")], to: 0)
            .setting([.key("questions"), .index(7), .key("stickers")], to: 0)
        let (_, findings) = Fixtures.read(json)
        #expect(Set(findings.errors.map(\.code)) == ["duplicate-id", "invalid-scale", "invalid-sticker-budget"])
    }

    @Test func aThemeWithoutAThemeSetIsAnError() {
        let (_, findings) = Fixtures.read(Fixtures.survey().setting([.key("themeSet")], to: nil))
        #expect(findings.errors.first?.code == "theme-without-theme-set")
    }

    @Test func codecideWithInvitationsIsAccepted() {
        let (definition, _) = Fixtures.read(Fixtures.survey(extra: ["level": "codecide", "requiresInvite": true]))
        #expect(definition?.level == .codecide)
    }

    @Test func unknownFieldsAreWarningsNotErrors() {
        let json = Fixtures.survey().setting([.key("questions"), .index(0), .key("requierd")], to: true)
        let (definition, findings) = Fixtures.read(json)
        #expect(definition != nil)
        #expect(findings.warnings.map(\.location.path) == ["questions[0].requierd"])
    }

    @Test func aRequiredDirectQuestionIsWarned() {
        let json = Fixtures.survey().setting([.key("questions"), .index(9), .key("required")], to: true)
        let (definition, findings) = Fixtures.read(json)
        #expect(definition != nil)
        #expect(findings.warnings.map(\.code) == ["direct-required"])
    }

    @Test func theJSONFormRoundTrips() throws {
        let survey = Fixtures.definition
        let (again, findings) = Fixtures.read(survey.jsonValue)
        #expect(findings.isEmpty)
        #expect(try #require(again) == survey)
    }
}

@Suite("Theme sets")
struct ThemeSetTests {
    @Test func aThemeSetReads() {
        var findings = Findings()
        let set = ThemeSet.read(["id": "x", "title": ["nl": "X"], "themes": [["id": "a", "label": ["nl": "A"]]]], findings: &findings)
        #expect(set?.themes.map(\.id) == ["a"])
    }

    @Test func duplicateAndMissingThemesAreErrors() {
        var findings = Findings()
        let set = ThemeSet.read(
            ["id": "x", "title": ["nl": "X"], "themes": [["id": "a", "label": ["nl": "A"]], ["id": "a", "label": ["nl": "B"]]]],
            findings: &findings)
        #expect(set == nil)
        #expect(findings.errors.map(\.location.path) == ["themes[1].id"])
    }
}
