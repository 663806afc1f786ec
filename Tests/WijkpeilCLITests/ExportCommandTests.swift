import Foundation
import Testing
import WijkpeilCore

@Suite("wijkpeil export")
struct ExportCommandTests {
    /// Imports `count` responses to the bundled wijkanalyse survey and returns the database path.
    func database(in folder: TemporaryFolder, count: Int, postcodes: [String] = ["7601 AB", "7602 CD"], emailEvery: Int = 3) -> String {
        var lines: [String] = []
        for index in 0..<count {
            var answers =
                #""cijfer-wonen": \#(index % 10 + 1), "leeftijd": \#(30 + index % 20), "postcode": "\#(postcodes[index % postcodes.count])", "buurt": "noord", "opmerking": "=SOM(A1) bel 0612345678""#
            if index % emailEvery == 0 { answers += #", "toestemming": true, "email": "geheim\#(index)@voorbeeld.nl""# }
            lines.append(#"{"submissionKey": "sleutel-\#(index)", "answers": {\#(answers)}}"#)
        }
        let db = folder.path + "/w.sqlite"
        let result = wijkpeil("responses", "import", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, folder.write("in.jsonl", lines.joined(separator: "\n")))
        #expect(result.status == 0, "\(result.out)\(result.err)")
        return db
    }

    // What an export lets out (scrubbing, generalisation, k-anonymity, shuffling, JSON numbers) is
    // tested on the use case itself, in Tests/WorkflowsTests/ExportRunTests.swift; here: the
    // command's arguments, its exit codes, what it says, and where it writes.

    @Test("the command says how many rows it exported, suppressed and left out, in the language asked for")
    func summaryLine() {
        let folder = TemporaryFolder()
        let db = database(in: folder, count: 60, postcodes: ["7601 AB"])
        let out = folder.path + "/export.csv"
        let english = wijkpeil("export", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--out", out, "--k", "31", "--lang", "en")
        #expect(english.status == 0)
        #expect(english.err.contains("60 rows exported") && english.err.contains("60 with suppressed values"))
        let leftOut = wijkpeil("export", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--out", out, "--k", "61", "--lang", "en")
        #expect(leftOut.status == 0 && leftOut.err.contains("0 rows exported") && leftOut.err.contains("60 left out"))
        let dutch = wijkpeil("export", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--out", out, "--k", "31")
        #expect(dutch.status == 0 && dutch.err.contains("60 rijen geëxporteerd") && dutch.err.contains("60 met onderdrukte waarden"))
    }

    @Test func badArgumentsAreUsageErrors() {
        #expect(wijkpeil("export", "--survey", "wijkanalyse", "--surveys", bundledSurveys).status == 2)
        #expect(wijkpeil("export", "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--out", "x.csv", "--k", "0").status == 2)
    }

    @Test("--out names a folder: the export and datapackage.json go there; a folder with another package is refused")
    func eachExportHasItsFolder() throws {
        let folder = TemporaryFolder()
        let db = database(in: folder, count: 20)
        let target = folder.path + "/export/wijkanalyse/"
        let first = wijkpeil("export", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--out", target, "--k", "1")
        #expect(first.status == 0, "\(first.err)")
        #expect(FileManager.default.fileExists(atPath: target + "wijkanalyse.csv"))
        let package = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: target + "datapackage.json")))
        #expect(package.compactText.contains(#""path":"wijkanalyse.csv""#))
        // The same export again replaces it; another one in the same folder is refused.
        #expect(wijkpeil("export", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--out", target, "--k", "1").status == 0)
        let other = wijkpeil("export", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--out", target, "--k", "1", "--format", "json")
        #expect(other.status == 1 && other.err.contains("already describes another export"))
        #expect(!FileManager.default.fileExists(atPath: target + "wijkanalyse.json"))
    }

    @Test("--out may not name the database or an input: nothing is overwritten", arguments: ["db", "link"])
    func outIsNeverAnInput(_ how: String) throws {
        let folder = TemporaryFolder()
        let db = database(in: folder, count: 10)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        var out = db
        if how == "link" {
            out = folder.path + "/other-name.sqlite"
            try FileManager.default.createSymbolicLink(atPath: out, withDestinationPath: db)
        }
        let result = wijkpeil("export", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--out", out)
        #expect(result.status == 2 && result.err.contains("dat deze opdracht leest"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        #expect(wijkpeil("responses", "count", "--db", db).out.contains("wijkanalyse  10"))
    }

    @Test("the export of a fixed database has the rows (sorted) and the codebook it had before the export was made faster", arguments: [5, 1])
    func sameAsBefore(k: Int) throws {
        let folder = TemporaryFolder()
        let fixtures = packageRoot + "/Tests/Fixtures/export/"
        let db = folder.path + "/w.sqlite"
        #expect(wijkpeil("responses", "import", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, fixtures + "antwoorden.jsonl").status == 0)
        let result = wijkpeil("export", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--k", String(k), "--out", folder.path + "/uit/")
        #expect(result.status == 0, "\(result.err)")
        func sortedRows(_ path: String, dropFirst: Bool) throws -> [[String]] {
            let records = try CSVReader.records(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            let rows = records.map { dropFirst ? Array($0.fields.dropFirst()) : $0.fields }
            return [rows[0]] + rows.dropFirst().sorted { $0.lexicographicallyPrecedes($1) }
        }
        let exported = try sortedRows(folder.path + "/uit/wijkanalyse.csv", dropFirst: true)
        let before = try sortedRows(fixtures + "k\(k).sorted.csv", dropFirst: false)
        #expect(exported.count == 401 && exported == before)
        let codebook = try String(contentsOfFile: folder.path + "/uit/datapackage.json", encoding: .utf8)
        #expect(codebook == (try String(contentsOfFile: fixtures + "k\(k).datapackage.json", encoding: .utf8)))
    }
}
