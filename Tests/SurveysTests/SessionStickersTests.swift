import Surveys
import Testing
import WijkpeilCore

/// A survey's stickers question that names a sticker session: the dots on phones are the
/// stickers on the posters.
@Suite("Stickers of a session on the phone")
struct SessionStickersTests {
    static let allotment = StickerAllotment(
        session: "bewonersavond",
        options: ["veiligheid", "verkeer", "groen"].map { Option(id: $0, label: LocalizedText(nl: $0), theme: $0) },
        colours: [
            StickerColour(id: "groen", label: LocalizedText(nl: "groen", en: "green"), meaning: .support, perParticipant: 3),
            StickerColour(id: "rood", label: LocalizedText(nl: "rood", en: "red"), meaning: .concern, perParticipant: 1),
        ],
        maxPerOption: 2)

    static func survey(_ question: JSONValue) -> (SurveyDefinition?, Findings) {
        var findings = Findings()
        let json: JSONValue = ["id": "stippen", "version": 1, "title": ["nl": "Stippen"], "level": "consult", "questions": [question]]
        let definition = SurveyDefinition.read(json, themeSets: nil, sessions: ["bewonersavond": allotment], findings: &findings)
        return (definition, findings)
    }

    static let question: JSONValue = ["id": "stippen", "type": "stickers", "session": "bewonersavond", "text": ["nl": "Waar?"]]

    @Test("the question takes the session's options, colours and cap, and its definition reads back without the session")
    func takesTheSession() throws {
        let (definition, findings) = Self.survey(Self.question)
        #expect(findings.isEmpty, "\(findings.all)")
        let survey = try #require(definition)
        #expect(survey.questions[0].kind == .sessionStickers(Self.allotment))
        // As the store keeps it: written out, read back on its own.
        var again = Findings()
        let stored = SurveyDefinition.read(survey.jsonValue, themeSets: nil, findings: &again)
        #expect(again.isEmpty && stored?.questions[0].kind == .sessionStickers(Self.allotment))
    }

    @Test("an unknown session, or a session with options of its own, is an error at its path")
    func mistakes() {
        let unknown = Self.survey(["id": "stippen", "type": "stickers", "session": "bewonersavnd", "text": ["nl": "Waar?"]]).1
        #expect(unknown.all.map(\.code) == ["unknown-sticker-session"])
        #expect(unknown.all.first?.message.en?.contains("did you mean bewonersavond?") == true)
        let both = Self.survey(["id": "stippen", "type": "stickers", "session": "bewonersavond", "stickers": 3, "text": ["nl": "Waar?"]]).1
        #expect(both.all.map(\.code) == ["session-and-own-stickers"])
    }

    static let answerCases: [(JSONValue, AnswerError.Code?)] = [
        (["groen": ["veiligheid": 2, "verkeer": 1], "rood": ["verkeer": 1]], nil),
        (["groen": ["veiligheid": 2, "verkeer": 2]], .overBudget),
        (["rood": ["verkeer": 1, "groen": 1]], .overBudget),
        (["groen": ["veiligheid": 3]], .overCap),
        (["blauw": ["veiligheid": 1]], .unknownOption),
        (["groen": ["speeltuin": 1]], .unknownOption),
        (["veiligheid": 2], .wrongType),
    ]

    @Test("answers are colour → option → count, within each colour's allotment and the cap", arguments: answerCases)
    func answers(_ value: JSONValue, _ code: AnswerError.Code?) throws {
        let survey = try #require(Self.survey(Self.question).0)
        do {
            let response = try AnswerValidator.validate(["stippen": value], against: survey)
            #expect(code == nil)
            #expect(response.answers["stippen"] == .colouredStickers(["groen": ["veiligheid": 2, "verkeer": 1], "rood": ["verkeer": 1]]))
        } catch {
            #expect(error.errors.map(\.code) == [code].compactMap { $0 })
        }
    }

    @Test("a CSV cell is colour:option=count;…, and an answer becomes the same cell again")
    func csvCells() throws {
        let survey = try #require(Self.survey(Self.question).0)
        let raw = try ResponseTable.rawAnswer("groen:veiligheid=2;rood:verkeer=1", for: survey.questions[0])
        #expect(raw == ["groen": ["veiligheid": 2], "rood": ["verkeer": 1]])
        #expect(ResponseTable.cell(raw) == "groen:veiligheid=2;rood:verkeer=1")
        #expect(throws: AnswerError.self) { try ResponseTable.rawAnswer("veiligheid=2", for: survey.questions[0]) }
    }
}
