import Stickers
import Surveys
import Testing
import WijkpeilCore

@Suite("Sticker session definitions")
struct StickerSessionTests {
    let themes = [
        "wijkanalyse": ThemeSet(
            id: "wijkanalyse", title: LocalizedText(nl: "T"),
            themes: [
                ThemeSet.Theme(id: "wonen", label: LocalizedText(nl: "Wonen")),
                ThemeSet.Theme(id: "veiligheid", label: LocalizedText(nl: "Veiligheid")),
            ])
    ]

    var session: JSONValue {
        [
            "id": "avond", "title": ["nl": "Avond"], "level": "consult", "themeSet": "wijkanalyse",
            "options": [["id": "wonen", "label": ["nl": "Wonen"], "theme": "wonen"], ["id": "veiligheid", "label": ["nl": "Veiligheid"], "theme": "veiligheid"]],
            "colours": [
                ["id": "groen", "label": ["nl": "groen"], "meaning": "support", "perParticipant": 3],
                ["id": "rood", "label": ["nl": "rood"], "meaning": "concern", "perParticipant": 1],
            ],
            "maxPerOption": 2, "attendance": 40,
        ]
    }

    func read(_ json: JSONValue) -> (StickerSession?, Findings) {
        var findings = Findings()
        return (StickerSession.read(json, themeSets: themes, findings: &findings), findings)
    }

    @Test func aSessionReads() throws {
        let (session, findings) = read(session)
        #expect(findings.isEmpty)
        let value = try #require(session)
        #expect(value.colours.map(\.meaning) == [.support, .concern])
        #expect(value.attendance == 40)
        #expect(StickerSession.looksLikeSession(self.session))
        #expect(read(value.jsonValue).0 == value)
    }

    @Test(arguments: [
        ([JSONPath.Component.key("colours"), .index(0), .key("meaning")], JSONValue("steun"), "unknown-meaning", "colours[0].meaning"),
        ([.key("colours"), .index(1), .key("perParticipant")], 0, "invalid-sticker-budget", "colours[1].perParticipant"),
        ([.key("colours"), .index(1), .key("id")], "groen", "duplicate-id", "colours[1].id"),
        ([.key("colours")], JSONValue.array([]), "no-support-colour", "colours"),
        ([.key("options")], JSONValue.array([]), "no-options", "options"),
        ([.key("options"), .index(0), .key("theme")], "groen", "unknown-theme", "options[0].theme"),
        ([.key("maxPerOption")], 0, "invalid-sticker-cap", "maxPerOption"),
        ([.key("attendance")], -1, "invalid-attendance", "attendance"),
    ])
    func mistakesAreReportedAtTheirPath(path: [JSONPath.Component], value: JSONValue, code: String, reported: String) {
        let (session, findings) = read(session.setting(path, to: value))
        #expect(session == nil)
        #expect(findings.errors.contains { $0.code == code && $0.location.path == reported }, "\(findings.all.map(\.code))")
    }

    @Test func onlyConcernColoursIsAnError() {
        let json = session.setting([.key("colours"), .index(0), .key("meaning")], to: "concern")
        #expect(read(json).1.errors.map(\.code) == ["no-support-colour"])
    }

    @Test func aCapAboveEveryAllotmentIsWarned() {
        let (session, findings) = read(session.setting([.key("maxPerOption")], to: 5))
        #expect(session != nil)
        #expect(findings.warnings.map(\.code) == ["cap-above-allotment"])
    }
}

extension JSONValue {
    func setting(_ path: [JSONPath.Component], to value: JSONValue) -> JSONValue {
        guard let first = path.first else { return value }
        switch (self, first) {
        case (.object(var fields), .key(let key)):
            fields[key] = (fields[key] ?? .null).setting(Array(path.dropFirst()), to: value)
            return .object(fields)
        case (.array(var elements), .index(let index)):
            elements[index] = elements[index].setting(Array(path.dropFirst()), to: value)
            return .array(elements)
        default:
            return self
        }
    }
}
