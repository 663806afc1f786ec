import Foundation
import Participation
@testable import Store
import Surveys
import Testing
import WijkpeilCore

@Suite("Running totals of digital stickers")
struct StickerTotalsTests {
    static let survey = SurveyDefinition(
        id: "stippen", title: LocalizedText(nl: "Stippen"), level: .consult,
        questions: [
            Question(
                id: "dots", text: LocalizedText(nl: "Stippen"),
                kind: .stickers(
                    options: ["groen", "verkeer", "veilig"].map { Option(id: $0, label: LocalizedText(nl: $0)) }, stickers: 3, maxPerOption: 2)),
            Question(
                id: "extra", text: LocalizedText(nl: "Nog meer"),
                kind: .stickers(
                    options: ["a", "b"].map { Option(id: $0, label: LocalizedText(nl: $0)) }, stickers: 2, maxPerOption: 2)),
        ])

    func submission(_ key: String, _ dots: [String: Int], extra: [String: Int] = [:], hash: String) throws -> Submission {
        var raw: [String: JSONValue] = ["dots": .object(dots.mapValues { .number(Double($0)) })]
        if !extra.isEmpty { raw["extra"] = .object(extra.mapValues { .number(Double($0)) }) }
        let response = try AnswerValidator.validate(raw, against: Self.survey)
        return Submission(response: response, definition: Self.survey, definitionHash: hash, submissionKey: key, source: .web)
    }

    @Test("totals follow every stored response, once per key, and agree with a recount of the answers")
    func totals() async throws {
        let database = TemporaryDatabase()
        let store = try Store(path: database.path)
        let hash = try store.register(Self.survey)
        _ = try await store.submit(try submission("a", ["groen": 2, "verkeer": 1], hash: hash))
        _ = try await store.submit(try submission("b", ["veilig": 2], extra: ["a": 1], hash: hash))
        // A repeat of "a" (a double tap) adds nothing.
        let repeated = try await store.submit(try submission("a", ["groen": 2, "verkeer": 1], hash: hash))
        #expect(repeated.isDuplicate)
        _ = try store.storeAll([try submission("c", ["groen": 1], hash: hash), try submission("b", ["veilig": 2], extra: ["a": 1], hash: hash)])
        // Concurrent writers, as the server.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                let next = try submission("w\(index)", ["verkeer": 1, "groen": index % 2 + 1], hash: hash)
                group.addTask { _ = try await store.submit(next) }
            }
            try await group.waitForAll()
        }
        let counts = try store.stickerCounts(survey: "stippen", question: "dots")
        #expect(counts.stickers == ["": ["groen": 2 + 1 + 60, "verkeer": 1 + 40, "veilig": 2]])
        #expect(counts.participants == 43)
        let recount = try store.recountStickers(survey: "stippen", question: "dots")
        #expect(recount == counts)
        #expect(try store.stickerCounts(survey: "stippen", question: "extra") == StickerCounts(stickers: ["": ["a": 1]], participants: 1))
    }

    @Test("a database from before the totals gets them from the answers it holds")
    func backfill() throws {
        let database = TemporaryDatabase()
        do {
            let old = try Connection(path: database.path)
            try Schema.migrate(old, to: 3)
            try old.execute(
                """
                INSERT INTO definitions VALUES ('h', 'stippen', 1, '{}', '2026-01-01T00:00:00Z');
                INSERT INTO responses (survey_id, definition_hash, submission_key, source, answers, received_at) VALUES
                  ('stippen', 'h', 'k1', 'web', '{"dots":{"groen":2,"verkeer":1},"cijfer":7}', '2026-01-01T00:00:00Z'),
                  ('stippen', 'h', 'k2', 'web', '{"dots":{"groen":1}}', '2026-01-01T00:00:00Z'),
                  ('stippen', 'h', 'k3', 'web', '{"cijfer":5}', '2026-01-01T00:00:00Z');
                """, purpose: "test")
        }
        let store = try Store(path: database.path)
        // Totals from before colours are kept under "" (one colour).
        let expected = StickerCounts(stickers: ["": ["groen": 3, "verkeer": 1]], participants: 2)
        #expect(try store.stickerCounts(survey: "stippen", question: "dots") == expected)
        #expect(try store.recountStickers(survey: "stippen", question: "dots") == expected)
    }
}

@Suite("Running totals per colour")
struct ColouredStickerTotalsTests {
    @Test("the dots of a session's colours are kept per colour, and agree with a recount")
    func perColour() throws {
        let allotment = StickerAllotment(
            session: "avond", options: ["a", "b"].map { Option(id: $0, label: LocalizedText(nl: $0)) },
            colours: [
                StickerColour(id: "groen", label: LocalizedText(nl: "groen"), meaning: .support, perParticipant: 3),
                StickerColour(id: "rood", label: LocalizedText(nl: "rood"), meaning: .concern, perParticipant: 1),
            ],
            maxPerOption: 2)
        let survey = SurveyDefinition(
            id: "telefoon", title: LocalizedText(nl: "Telefoon"), level: .consult,
            questions: [Question(id: "dots", text: LocalizedText(nl: "Stippen"), kind: .sessionStickers(allotment))])
        let database = TemporaryDatabase()
        let store = try Store(path: database.path)
        let hash = try store.register(survey)
        for (index, answer) in [["groen": ["a": 2, "b": 1], "rood": ["b": 1]], ["groen": ["a": 1]] as [String: [String: Int]]].enumerated() {
            let raw: [String: JSONValue] = ["dots": .object(answer.mapValues { .object($0.mapValues { .number(Double($0)) }) })]
            let response = try AnswerValidator.validate(raw, against: survey)
            _ = try store.submit(Submission(response: response, definition: survey, definitionHash: hash, submissionKey: "k\(index)", source: .web))
        }
        let expected = StickerCounts(stickers: ["groen": ["a": 3, "b": 1], "rood": ["b": 1]], participants: 2)
        #expect(try store.stickerCounts(survey: "telefoon", question: "dots") == expected)
        #expect(try store.recountStickers(survey: "telefoon", question: "dots") == expected)
    }
}
