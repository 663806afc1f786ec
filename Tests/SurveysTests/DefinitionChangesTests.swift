import Participation
import Surveys
import Testing
import WijkpeilCore

@Suite("What changed between two versions of a survey")
struct DefinitionChangesTests {
    static func survey(_ questions: [Question], title: String = "Peiling") -> SurveyDefinition {
        SurveyDefinition(id: "peiling", title: LocalizedText(nl: title), level: .consult, questions: questions)
    }

    static let mark = Question(id: "cijfer", text: LocalizedText(nl: "Cijfer"), kind: .rating(min: 1, max: 10, labels: [:]))
    static func buurt(_ options: [(String, String)]) -> Question {
        Question(id: "buurt", text: LocalizedText(nl: "Buurt"), kind: .single(options: options.map { Option(id: $0.0, label: LocalizedText(nl: $0.1)) }))
    }

    @Test("a changed title or intro does not split a survey; added and removed questions and added options are joined and said")
    func joined() {
        let earlier = Self.survey([Self.mark, Self.buurt([("noord", "Noord")])])
        let title = DefinitionChanges(from: earlier, to: Self.survey([Self.mark, Self.buurt([("noord", "Noord")])], title: "Nieuwe titel"))
        #expect(title.joined.isEmpty && title.conflicts.isEmpty)
        let later = Self.survey([Self.buurt([("noord", "Noord"), ("zuid", "Zuid")]), Question(id: "opmerking", text: LocalizedText(nl: "Opmerking"), kind: .text(maxLength: 100))])
        let changes = DefinitionChanges(from: earlier, to: later)
        #expect(changes.compatible)
        #expect(changes.joined.map(\.question).sorted() == ["buurt", "cijfer", "opmerking"])
        #expect(changes.joined.contains { $0.question == "buurt" && $0.text.en == "option(s) added: zuid" })
    }

    @Test(
        "answers that would mean something else are refused",
        arguments: [
            (Question(id: "cijfer", text: LocalizedText(nl: "Cijfer"), kind: .rating(min: 1, max: 5, labels: [:])), "another scale (1–10 → 1–5)"),
            (Question(id: "cijfer", text: LocalizedText(nl: "Cijfer"), kind: .number(min: 1, max: 10, generalise: nil)), "another type of question (rating → number)"),
        ])
    func conflicts(_ later: Question, _ why: String) {
        let changes = DefinitionChanges(from: Self.survey([Self.mark]), to: Self.survey([later]))
        #expect(!changes.compatible)
        #expect(changes.conflicts.map(\.text.en) == [why])
    }

    @Test("an option removed or given another meaning is refused")
    func options() {
        let earlier = Self.survey([Self.buurt([("noord", "Noord"), ("zuid", "Zuid")])])
        #expect(DefinitionChanges(from: earlier, to: Self.survey([Self.buurt([("noord", "Noord")])])).conflicts.map(\.text.en) == ["option(s) removed: zuid"])
        #expect(
            DefinitionChanges(from: earlier, to: Self.survey([Self.buurt([("noord", "Noord"), ("zuid", "Zuidoost")])])).conflicts.map(\.text.en) == [
                "option(s) given another meaning: zuid"
            ])
    }

    @Test(
        "residents answered under the earlier promise: privacy may only become stricter, and a number's generalisation may not change",
        arguments: [
            (Privacy.direct, Privacy.freeText, Optional("privacy changed (direct → free-text); the answers were given under the earlier promise")),
            (.quasi, .none, "privacy changed (quasi → none); the answers were given under the earlier promise"),
            (.freeText, .direct, nil),
            (.none, .freeText, nil),
            (.freeText, .quasi, "privacy changed (free-text → quasi); the answers were given under the earlier promise"),
        ])
    func privacy(_ before: Privacy, _ after: Privacy, _ refused: String?) {
        let earlier = Question(id: "opmerking", text: LocalizedText(nl: "Opmerking"), privacy: before, kind: .text(maxLength: 100))
        var later = earlier
        later.privacy = after
        let changes = DefinitionChanges(from: Self.survey([earlier]), to: Self.survey([later]))
        #expect(changes.conflicts.map(\.text.en) == (refused.map { [$0] } ?? []))
    }

    @Test("ages exported in ten-year bands may not later be exported otherwise")
    func generalisation() throws {
        let earlier = Question(id: "leeftijd", text: LocalizedText(nl: "Leeftijd"), privacy: .quasi, kind: .number(min: 0, max: 120, generalise: .ageBand))
        var later = earlier
        later.kind = .number(min: 0, max: 120, generalise: nil)
        let changes = DefinitionChanges(from: Self.survey([earlier]), to: Self.survey([later]))
        #expect(changes.conflicts.map(\.text.en) == ["another generalisation on export (age-band → none)"])
    }
}
