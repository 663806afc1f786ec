import Foundation
import Hashing
import Participation
@testable import Store
import Surveys
import Testing
import WijkpeilCore

@Suite("Merging the databases of several venues")
struct MergeTests {
    /// A survey with a mark and a session's dots in two colours.
    static let survey = SurveyDefinition(
        id: "avond", title: LocalizedText(nl: "Avond"), level: .consult,
        questions: [
            Question(id: "cijfer", text: LocalizedText(nl: "Cijfer"), kind: .rating(min: 1, max: 10, labels: [:])),
            Question(
                id: "stippen", text: LocalizedText(nl: "Stippen"),
                kind: .sessionStickers(
                    StickerAllotment(
                        session: "avond", options: ["veiligheid", "groen"].map { Option(id: $0, label: LocalizedText(nl: $0)) },
                        colours: [
                            StickerColour(id: "groen", label: LocalizedText(nl: "groen"), meaning: .support, perParticipant: 3),
                            StickerColour(id: "rood", label: LocalizedText(nl: "rood"), meaning: .concern, perParticipant: 1),
                        ], maxPerOption: 2))),
        ])

    func submission(_ key: String, mark: Int, green: [String: Int] = [:], source: ResponseSource = .web, hash: String) throws -> Submission {
        var raw: [String: JSONValue] = ["cijfer": .number(Double(mark))]
        if !green.isEmpty { raw["stippen"] = .object(["groen": .object(green.mapValues { .number(Double($0)) })]) }
        return Submission(
            response: try AnswerValidator.validate(raw, against: Self.survey), definition: Self.survey, definitionHash: hash, submissionKey: key, source: source)
    }

    /// A venue's database: `count` responses with keys `prefix1…`, two with dots, a paper file.
    func venue(_ path: String, prefix: String, count: Int) throws -> Store {
        let store = try Store(path: path)
        let hash = try store.register(Self.survey)
        for index in 1...count {
            _ = try store.submit(try submission("\(prefix)\(index)", mark: index % 10 + 1, green: index <= 2 ? ["veiligheid": 2, "groen": 1] : [:], hash: hash))
        }
        _ = try store.storeStickerFiles([
            StickerFile(sessionId: "avond", fileName: "\(prefix)-tafel.csv", entry: nil, bytes: Array("poster,option,colour,count\n\(prefix),groen,groen,4\n".utf8))
        ])
        try store.checkpoint()
        return store
    }

    func fingerprint(_ path: String) throws -> String {
        SHA256.hex(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test("two venues add up; merging again adds nothing; the sources are never changed")
    func twoVenuesAddUpOnce() throws {
        let database = TemporaryDatabase()
        let noord = try venue(database.folder + "/noord.sqlite", prefix: "n", count: 12)
        let zuid = try venue(database.folder + "/zuid.sqlite", prefix: "z", count: 7)
        let before = try [noord.path, zuid.path].map(fingerprint)
        let central = try Store(path: database.folder + "/centraal.sqlite")

        let first = try central.merge(from: noord.path)
        #expect(first.stored == 12 && first.alreadyPresent == 0 && first.conflicts.isEmpty && first.definitions == 1 && first.stickerFiles == 1)
        #expect(first.integrity.count == 3)
        let second = try central.merge(from: zuid.path)
        #expect(second.stored == 7 && second.definitions == 0 && second.stickerFiles == 1)
        #expect(try central.responseCount(survey: "avond") == 19)
        // The running totals as the writer would have kept them: equal to a recount of the answers.
        let totals = try central.stickerCounts(survey: "avond", question: "stippen")
        #expect(totals == (try central.recountStickers(survey: "avond", question: "stippen")))
        #expect(totals.stickers["groen"] == ["veiligheid": 8, "groen": 4] && totals.participants == 4)
        #expect(try central.stickerFiles(session: "avond").count == 2)

        // Again, both: nothing new.
        for source in [noord.path, zuid.path] {
            let again = try central.merge(from: source)
            #expect(again.addedNothing && again.conflicts.isEmpty)
        }
        #expect(try central.responseCount(survey: "avond") == 19)
        #expect(try central.stickerCounts(survey: "avond", question: "stippen") == totals)
        #expect(try [noord.path, zuid.path].map(fingerprint) == before)
    }

    @Test("a key stored with other answers is a conflict: listed, not stored, and the rest of the file is stored")
    func conflictsAreListed() throws {
        let database = TemporaryDatabase()
        let venue = try Store(path: database.folder + "/venue.sqlite")
        let central = try Store(path: database.folder + "/centraal.sqlite")
        let hash = try venue.register(Self.survey)
        _ = try central.register(Self.survey)
        _ = try venue.submit(try submission("A001", mark: 8, source: .paper, hash: hash))
        _ = try venue.submit(try submission("A002", mark: 5, source: .paper, hash: hash))
        _ = try central.submit(try submission("A001", mark: 3, source: .paper, hash: hash))
        _ = try central.submit(try submission("A002", mark: 5, source: .paper, hash: hash))
        let report = try central.merge(from: venue.path)
        #expect(report.conflicts == [MergeReport.ResponseKey(survey: "avond", source: .paper, submissionKey: "A001")])
        #expect(report.alreadyPresent == 1 && report.stored == 0)
        var marks: [JSONValue] = []
        try central.forEachResponse(survey: "avond") { marks.append($0.answers) }
        #expect(marks == [["cijfer": 3], ["cijfer": 5]])
    }

    @Test("invitation batches come along with their uses; the same batch used at two venues is a conflict, named by batch")
    func inviteBatches() throws {
        let database = TemporaryDatabase()
        var configuration = Store.Configuration()
        configuration.inviteIterations = 20
        let ballot = StoreFixtures.survey(requiresInvite: true)
        let central = try Store(path: database.folder + "/centraal.sqlite", configuration: configuration)
        let hash = try central.register(ballot)
        let codes = try central.createInvites(survey: ballot.id, count: 4, venue: "Noord")
        try central.checkpoint()
        // The organiser copies the central database to two laptops: a mistake this catches.
        try central.backup(to: database.folder + "/a.sqlite")
        try central.backup(to: database.folder + "/b.sqlite")
        let a = try Store(path: database.folder + "/a.sqlite", configuration: configuration)
        let b = try Store(path: database.folder + "/b.sqlite", configuration: configuration)
        _ = try a.submit(StoreFixtures.submission("x", survey: ballot, hash: hash, invite: codes[0]))
        _ = try b.submit(StoreFixtures.submission("y", survey: ballot, hash: hash, invite: codes[1]))
        for store in [a, b] { try store.checkpoint() }

        let fromA = try central.merge(from: a.path)
        #expect(fromA.inviteBatches == 0 && fromA.inviteBatchesUpdated == 1 && fromA.stored == 1)
        #expect(try central.inviteCounts(survey: ballot.id) == (4, 1))
        let fromB = try central.merge(from: b.path)
        #expect(fromB.inviteConflicts.map(\.venue) == ["Noord"] && fromB.inviteConflicts.first?.usedHere == 1 && fromB.inviteConflicts.first?.usedThere == 1)
        #expect(try central.inviteCounts(survey: ballot.id) == (4, 1))
        // Venue A votes on and is merged again: its later uses come along.
        _ = try a.submit(StoreFixtures.submission("z", survey: ballot, hash: hash, invite: codes[2]))
        try a.checkpoint()
        #expect(try central.merge(from: a.path).inviteBatchesUpdated == 1)
        #expect(try central.inviteCounts(survey: ballot.id) == (4, 2))
        #expect(try central.inviteStatus(codes[2], survey: ballot.id) == .used)
        // A new venue's own batch comes along whole, its venue with it.
        let c = try Store(path: database.folder + "/c.sqlite", configuration: configuration)
        let zuid = try c.createInvites(survey: ballot.id, count: 2, venue: "Zuid")
        try c.checkpoint()
        #expect(try central.merge(from: c.path).inviteBatches == 1)
        #expect(try central.inviteStatus(zuid[1], survey: ballot.id) == .unused)
    }

    @Test("an older source is upgraded in a copy, never itself; itself, a newer one or no database are refused and store nothing")
    func sourcesThatCannotBeMerged() throws {
        let database = TemporaryDatabase()
        let older = database.folder + "/oud.sqlite"
        do {
            let connection = try Connection(path: older)
            try Schema.migrate(connection, to: 9)
            try connection.execute(
                """
                INSERT INTO definitions VALUES ('h', 'avond', 1, '{}', '2026-01-01T00:00:00Z');
                INSERT INTO responses (survey_id, definition_hash, submission_key, source, answers, received_at)
                    VALUES ('avond', 'h', 'k1', 'web', '{"cijfer":7}', '2026-01-01T00:00:00Z');
                """, purpose: "test")
        }
        let central = try Store(path: database.folder + "/centraal.sqlite")
        #expect(try central.merge(from: older).stored == 1)
        #expect(try Connection(path: older, readOnly: true).integer("PRAGMA user_version", purpose: "test") == 9)
        #expect(throws: StoreError.self) { try central.merge(from: central.path) }
        let newer = database.folder + "/nieuw.sqlite"
        try Connection(path: newer).execute("PRAGMA user_version = 99", purpose: "test")
        #expect(throws: StoreError.self) { try central.merge(from: newer) }
        let text = database.folder + "/tekst.sqlite"
        _ = FileManager.default.createFile(atPath: text, contents: Data(String(repeating: "geen database ", count: 100).utf8))
        #expect(throws: StoreError.self) { try central.merge(from: text) }
        #expect(throws: StoreError.self) { try central.merge(from: database.folder + "/nergens.sqlite") }
        #expect(try central.responseCount(survey: "avond") == 1)
    }
}
