import Foundation
@testable import Store
import Surveys
import Testing
import WijkpeilCore

@Suite("Reading some answers of every response")
struct FieldReadingTests {
    @Test("the fields taken out by SQLite are the answers as decoded whole, and only those answered")
    func fieldsAsDecodedWhole() throws {
        let database = TemporaryDatabase()
        let store = try Store(path: database.path)
        let survey = StoreFixtures.survey()
        let hash = try store.register(survey)
        _ = try store.submit(StoreFixtures.submission("a", mark: 7, remark: "bel \"mij\" ó", survey: survey, hash: hash))
        _ = try store.submit(StoreFixtures.submission("b", mark: 3, survey: survey, hash: hash))
        var whole: [[String: JSONValue]] = []
        try store.forEachResponse(survey: survey.id) { response in
            if case .object(let answers) = response.answers { whole.append(answers) }
        }
        var some: [[String: JSONValue]] = []
        try store.reader.forEachResponse(survey: survey.id, fields: ["opmerking", "cijfer"]) { some.append($0) }
        #expect(some == whole)
        #expect(some[1]["opmerking"] == nil && some[0]["opmerking"] == .string("bel \"mij\" ó"))
        #expect(throws: StoreError.self) { try store.reader.forEachResponse(survey: survey.id, fields: ["x' OR 1"]) { _ in } }
    }
}
