import Foundation
@testable import Store
import Testing

/// An organiser copies the `.sqlite` file alone to a USB stick after the evening: once the store
/// has checkpointed, that file holds every answer.
@Suite("The database file alone holds every answer")
struct CheckpointTests {
    @Test("after checkpoint(), a copy of the .sqlite file without its -wal has every response")
    func theFileAloneIsComplete() throws {
        let database = TemporaryDatabase()
        let store = try Store(path: database.path)  // kept open, as a server that is stopped by Ctrl-C
        let hash = try store.register(StoreFixtures.survey())
        for index in 0..<5 { _ = try store.submit(StoreFixtures.submission("k\(index)", hash: hash)) }
        try store.checkpoint()

        let copy = database.folder + "/usb-stick.sqlite"
        try FileManager.default.copyItem(atPath: database.path, toPath: copy)
        let walSize = (try? FileManager.default.attributesOfItem(atPath: database.path + "-wal")[.size] as? Int) ?? 0
        #expect(walSize == 0)
        let copied = try Store(path: copy)
        #expect(try copied.responseCounts() == ["peiling": 5])
    }

    @Test("without a checkpoint the answers are still in the -wal file (what the fix is for)")
    func withoutCheckpointTheFileAloneIsIncomplete() throws {
        let database = TemporaryDatabase()
        let store = try Store(path: database.path)
        let hash = try store.register(StoreFixtures.survey())
        _ = try store.submit(StoreFixtures.submission("k", hash: hash))
        let copy = database.folder + "/usb-stick.sqlite"
        try FileManager.default.copyItem(atPath: database.path, toPath: copy)
        // The copy may open as an empty database or one without the answer: either way not 1.
        let count = (try? Store(path: copy).responseCounts()["peiling"]) ?? 0
        #expect(count == 0)
        withExtendedLifetime(store) {}
    }
}

@Suite("Reading without writing")
struct StoreReaderTests {
    @Test("a reader reads what the store wrote and creates no database where there is none")
    func readsOnly() throws {
        let database = TemporaryDatabase()
        #expect(throws: StoreError.self) { try StoreReader(path: database.path) }
        #expect(!FileManager.default.fileExists(atPath: database.path))
        let store = try Store(path: database.path)
        let hash = try store.register(StoreFixtures.survey())
        _ = try store.submit(StoreFixtures.submission("k", hash: hash))
        let reader = try StoreReader(path: database.path)
        #expect(try reader.responseCounts() == ["peiling": 1])
        var seen: [String] = []
        // A read inside a read (a lookup per response) shares the one connection.
        try reader.forEachResponse(survey: "peiling") { response throws(StoreError) in
            if try reader.definitionJSON(hash: response.definitionHash) != nil { seen.append(response.submissionKey) }
        }
        #expect(seen == ["k"])
    }

    @Test("a database from an older Wijkpeil is upgraded once, then read")
    func olderSchema() throws {
        let database = TemporaryDatabase()
        do {
            let connection = try Connection(path: database.path)
            try Schema.migrate(connection, to: 4)
        }
        let reader = try StoreReader(path: database.path)
        #expect(try reader.responseCounts() == [:])
        let connection = try Connection(path: database.path)
        #expect(try connection.integer("PRAGMA user_version", purpose: "test") == Int64(Schema.currentVersion))
    }
}
