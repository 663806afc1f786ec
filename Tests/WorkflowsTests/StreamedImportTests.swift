import Foundation
import Hashing
import Store
import Surveys
import Testing
import WijkpeilCore
import Workflows

/// `PaperImport.importFile` reads on one thread while it stores on another; these tests are
/// about what that must not change: all or nothing, the file remembered once, the keys.
@Suite("Importing a file while it is read")
struct StreamedImportTests {
    /// `count` JSONL lines of the bundled `wijkanalyse`, each with a key; `bad` lines get a
    /// mark of 11.
    func lines(_ count: Int, bad: Set<Int> = [], keys: Bool = true) -> [UInt8] {
        let text = (1...count).map { line in
            let key = keys ? #""submissionKey": "F\#(line)", "# : ""
            return #"{\#(key)"answers": {"cijfer-wonen": \#(bad.contains(line) ? 11 : line % 10 + 1), "leeftijd": \#(20 + line % 50), "opmerking": "regel \#(line)"}}"#
        }
        return Array(text.joined(separator: "\n").utf8)
    }

    /// Imports `bytes` into the store at `path`, opened only when the import asks for it.
    func importing(_ bytes: [UInt8], into path: String, skippingInvalid: Bool = false) throws -> (imported: PaperImport.Imported, opened: Bool) {
        var opened = false
        let imported = try PaperImport.importFile(bytes, fileName: "papier.jsonl", survey: try survey("wijkanalyse"), skippingInvalid: skippingInvalid) { body in
            opened = true
            return try body(try Store(path: path))
        }
        return (imported, opened)
    }

    func stored(_ path: String) throws -> [String: String] {
        var rows: [String: String] = [:]
        try StoreReader(path: path).forEachResponse(survey: "wijkanalyse") { rows[$0.submissionKey] = $0.answers.compactText }
        return rows
    }

    @Test("a bad line after thousands of good ones, found while they are being stored, stores nothing and leaves no definition")
    func lateBadLine() throws {
        let folder = Folder()
        let path = folder.path + "/w.sqlite"
        // The rows before it are usually on their way into the database by then (whether they
        // are depends on the threads; the store's own test rolls back a refusal for certain).
        let (imported, _) = try importing(lines(6000, bad: [5500]), into: path)
        #expect(!imported.outcome.committed && imported.outcome.stored == 0)
        #expect(imported.outcome.invalid.map(\.line) == [5500])
        if FileManager.default.fileExists(atPath: path) {
            #expect(try stored(path).isEmpty)
            #expect(try StoreReader(path: path).definitionJSON(hash: RegisteredSurvey(try survey("wijkanalyse")).hash) == nil)
        }
    }

    @Test("with skipping, the same file stores every good line and names the bad one")
    func lateBadLineSkipped() throws {
        let folder = Folder()
        let path = folder.path + "/w.sqlite"
        let (imported, _) = try importing(lines(6000, bad: [5500]), into: path, skippingInvalid: true)
        #expect(imported.outcome.committed && imported.outcome.stored == 5999)
        #expect(imported.outcome.invalid.map(\.line) == [5500])
        #expect(try stored(path).count == 5999)
    }

    @Test("a bad line among the first rows refuses the file before the database is opened")
    func earlyBadLine() throws {
        let folder = Folder()
        let path = folder.path + "/w.sqlite"
        let (imported, opened) = try importing(lines(100, bad: [3, 70]), into: path)
        #expect(!opened && !FileManager.default.fileExists(atPath: path))
        #expect(imported.outcome.invalid.map(\.line) == [3, 70])
    }

    @Test("stores what reading the whole file first stored, and the same file again is found and stores nothing")
    func sameAsBeforeAndOnce() throws {
        let folder = Folder()
        let bytes = lines(5000, keys: false)
        let (first, _) = try importing(bytes, into: folder.path + "/a.sqlite")
        #expect(first.outcome.committed && first.outcome.stored == 5000)
        #expect(first.fileHash == SHA256.hex(bytes))
        let reference = try Store(path: folder.path + "/b.sqlite")
        let prepared = try PaperImport.prepare(bytes, fileName: "papier.jsonl", survey: try survey("wijkanalyse"))
        _ = try PaperImport.store(prepared, into: reference, skippingInvalid: false)
        let rows = try stored(folder.path + "/a.sqlite")
        #expect(rows == (try stored(folder.path + "/b.sqlite")))
        // Rows without a key are keyed by the file's hash and their line.
        #expect(rows["paper-\(first.fileHash.prefix(16))-4321"] != nil)
        let (again, _) = try importing(bytes, into: folder.path + "/a.sqlite")
        #expect(again.outcome.earlier?.rows == 5000 && again.outcome.stored == 0 && !again.outcome.committed)
        #expect(try stored(folder.path + "/a.sqlite").count == 5000)
    }
}
