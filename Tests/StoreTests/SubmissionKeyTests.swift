import Foundation
@testable import Store
import Surveys
import Testing
import WijkpeilCore

/// A submission key means "the same request again", within one survey and channel.
@Suite("Submission keys per survey and channel")
struct SubmissionKeyTests {
    static func otherSurvey() -> SurveyDefinition {
        var survey = StoreFixtures.survey()
        survey.id = "andere"
        return survey
    }

    @Test("the same key on another survey is another response")
    func sameKeyOnAnotherSurvey() throws {
        let database = TemporaryDatabase()
        let store = try Store(path: database.path)
        let hash = try store.register(StoreFixtures.survey())
        let other = Self.otherSurvey()
        let otherHash = try store.register(other)
        let first = try store.submit(StoreFixtures.submission("k", mark: 4, hash: hash))
        let second = try store.submit(StoreFixtures.submission("k", mark: 4, survey: other, hash: otherHash))
        #expect(!second.isDuplicate && second.id != first.id)
        #expect(try store.responseCounts() == ["peiling": 1, "andere": 1])
    }

    @Test("the same key from another channel is another response")
    func sameKeyFromAnotherChannel() throws {
        let database = TemporaryDatabase()
        let store = try Store(path: database.path)
        let hash = try store.register(StoreFixtures.survey())
        _ = try store.submit(StoreFixtures.submission("12", hash: hash, source: .api))
        let paper = try store.submit(StoreFixtures.submission("12", hash: hash, source: .paper))
        #expect(!paper.isDuplicate)
        #expect(try store.responseCounts() == ["peiling": 2])
    }

    @Test("the same key with other answers is a conflict, and the first answers stay")
    func sameKeyOtherAnswersConflicts() throws {
        let database = TemporaryDatabase()
        let store = try Store(path: database.path)
        let hash = try store.register(StoreFixtures.survey())
        let first = try store.submit(StoreFixtures.submission("k", mark: 3, hash: hash))
        #expect(throws: StoreError(.keyConflict, purpose: "storing a response", path: database.path)) {
            try store.submit(StoreFixtures.submission("k", mark: 9, hash: hash))
        }
        let again = try store.submit(StoreFixtures.submission("k", mark: 3, hash: hash))
        #expect(again == Receipt(id: first.id, isDuplicate: true))
        var marks: [JSONValue] = []
        try store.forEachResponse(survey: "peiling") { marks.append($0.answers) }
        #expect(marks == [["cijfer": 3]])
    }

    @Test("a conflict in a batch of concurrent writers fails alone")
    func conflictFailsAlone() async throws {
        let database = TemporaryDatabase()
        let store = try Store(path: database.path)
        let hash = try store.register(StoreFixtures.survey())
        _ = try await store.submit(StoreFixtures.submission("k0", mark: 1, hash: hash))
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<40 {
                // k0 again with mark 2: a conflict; every other key is new.
                group.addTask { (try? await store.submit(StoreFixtures.submission("k\(index)", mark: 2, hash: hash))) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { !$0 }.count == 1)
        #expect(try store.responseCounts() == ["peiling": 40])
    }

    @Test("an older database is upgraded: its responses stay, and keys become per survey")
    func upgradeFromVersion4() throws {
        let database = TemporaryDatabase()
        do {
            let connection = try Connection(path: database.path)
            try Schema.migrate(connection, to: 4)
            try connection.execute(
                """
                INSERT INTO definitions VALUES ('h', 'peiling', 1, '{}', 'x');
                INSERT INTO responses (survey_id, definition_hash, submission_key, source, answers, received_at)
                    VALUES ('peiling', 'h', 'k', 'api', '{"cijfer":5}', 'x');
                """, purpose: "test")
        }
        let store = try Store(path: database.path)
        #expect(try store.responseCounts() == ["peiling": 1])
        let other = Self.otherSurvey()
        let receipt = try store.submit(StoreFixtures.submission("k", survey: other, hash: try store.register(other)))
        #expect(!receipt.isDuplicate)
    }
}

@Suite("Imported files are remembered by their SHA-256")
struct ImportBatchTests {
    func submissions(_ marks: [Int], keys: [String], hash: String) -> [Submission] {
        zip(marks, keys).map { StoreFixtures.submission($0.1, mark: $0.0, hash: hash, source: .paper) }
    }

    @Test("the same file again stores nothing and says when it was imported; another file stores all its rows")
    func sameFileAgain() throws {
        let database = TemporaryDatabase()
        let store = try Store(path: database.path)
        let hash = try store.register(StoreFixtures.survey())
        let batch = ImportBatch(surveyId: "peiling", hash: "aa11", fileName: "tafel1.csv")
        let rows = submissions([7, 7, 8], keys: ["paper-aa11-2", "paper-aa11-3", "paper-aa11-4"], hash: hash)
        guard case .imported(let results, true) = try store.importFile(rows, batch: batch, commitDespiteRejections: false) else {
            Issue.record("the first import was not committed")
            return
        }
        #expect(results.allSatisfy { (try? $0.get().isDuplicate) == false })
        guard case .alreadyImported(let earlier) = try store.importFile(rows, batch: batch, commitDespiteRejections: false) else {
            Issue.record("the same file was imported twice")
            return
        }
        #expect(earlier.fileName == "tafel1.csv" && earlier.rows == 3 && !earlier.importedAt.isEmpty)
        #expect(try store.importBatch(survey: "peiling", hash: "aa11")?.rows == 3)
        let second = ImportBatch(surveyId: "peiling", hash: "bb22", fileName: "tafel2.csv")
        let more = submissions([7, 7, 8, 9], keys: ["paper-bb22-2", "paper-bb22-3", "paper-bb22-4", "paper-bb22-5"], hash: hash)
        _ = try store.importFile(more, batch: second, commitDespiteRejections: false)
        #expect(try store.responseCounts() == ["peiling": 7])
    }

    @Test("a file handed over as it is read stops at its record when it was imported before: no more rows are asked for")
    func sameFileFoundByItsRecord() throws {
        let database = TemporaryDatabase()
        let store = try Store(path: database.path)
        let hash = try store.register(StoreFixtures.survey())
        let batch = ImportBatch(surveyId: "peiling", hash: "cc33", fileName: "tafel3.csv")
        let rows = submissions([6, 9], keys: ["1", "2"], hash: hash)
        _ = try store.importFile(rows, batch: batch, commitDespiteRejections: false)
        var asked = 0
        let again = try store.importFile(registering: nil, commitDespiteRejections: false) {
            asked += 1
            return [ImportFeed.submissions(rows), .record(batch), .submissions(rows), .end(batch)][asked - 1]
        }
        guard case .alreadyImported(let earlier) = again else {
            Issue.record("the same file was imported twice")
            return
        }
        #expect(asked == 2 && earlier.rows == 2)
        #expect(try store.responseCounts() == ["peiling": 2])
    }

    @Test("a file refused after some of its rows were stored stores nothing, not even the definition it was checked against")
    func refusedPartWay() throws {
        let database = TemporaryDatabase()
        let store = try Store(path: database.path)
        let survey = StoreFixtures.survey()
        let rows = submissions([6, 9], keys: ["1", "2"], hash: Store.hash(of: survey))
        var feed: [ImportFeed] = [.submissions(rows), .refused]
        guard case .imported(let results, false) = try store.importFile(registering: survey, commitDespiteRejections: false, next: { feed.removeFirst() })
        else {
            Issue.record("a refused file was committed")
            return
        }
        #expect(results.count == 2)  // they were stored, then rolled back
        #expect(try store.responseCounts().isEmpty)
        #expect(try store.definitionJSON(hash: Store.hash(of: survey)) == nil)
    }

    @Test("a form number stored before with other answers is rejected; without --skip-invalid nothing is stored")
    func conflictingFormNumber() throws {
        let database = TemporaryDatabase()
        let store = try Store(path: database.path)
        let hash = try store.register(StoreFixtures.survey())
        _ = try store.importFile(submissions([5], keys: ["12"], hash: hash), batch: ImportBatch(surveyId: "peiling", hash: "a", fileName: "a.csv"), commitDespiteRejections: false)
        let next = submissions([6, 5, 9], keys: ["13", "12", "12"], hash: hash)  // 12 again, the same; then 12 with other answers
        guard case .imported(let refused, false) = try store.importFile(next, batch: ImportBatch(surveyId: "peiling", hash: "b", fileName: "b.csv"), commitDespiteRejections: false)
        else {
            Issue.record("a conflicting file was committed")
            return
        }
        #expect(refused.map { (try? $0.get()) != nil } == [true, true, false])
        #expect(try store.responseCounts() == ["peiling": 1])
        #expect(try store.importBatch(survey: "peiling", hash: "b") == nil)
        guard case .imported(let kept, true) = try store.importFile(next, batch: ImportBatch(surveyId: "peiling", hash: "b", fileName: "b.csv"), commitDespiteRejections: true)
        else {
            Issue.record("--skip-invalid did not commit")
            return
        }
        #expect(kept.map { (try? $0.get())?.isDuplicate } == [false, true, nil])
        #expect(try store.responseCounts() == ["peiling": 2])
    }
}

@Suite("One intake")
struct IntakeTests {
    @Test("a survey is filed under the hash the store registers, whether it was registered yet or not")
    func filedUnderTheStoredHash() throws {
        let database = TemporaryDatabase()
        let store = try Store(path: database.path)
        let survey = StoreFixtures.survey()
        let before = RegisteredSurvey(survey)
        let registered = try store.registered(survey)
        #expect(before == registered && !registered.hash.isEmpty)
        let response = try AnswerValidator.validate(["cijfer": 6], against: survey)
        let submission = Intake.submission(response, to: registered, key: "k", source: .paper)
        #expect(submission.definitionHash == registered.hash && submission.source == .paper)
        #expect(try store.submit(submission).id == 1)
    }
}
