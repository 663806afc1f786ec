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

    @Test func nothingDirectOrIdentifyingLeavesInAnyOutput() throws {
        let folder = TemporaryFolder()
        let db = database(in: folder, count: 60)
        for format in ["csv", "json"] {
            let out = folder.path + "/\(format)/export.\(format)"
            let result = wijkpeil("export", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--out", out, "--format", format)
            #expect(result.status == 0, "\(result.err)")
            let text = try String(contentsOfFile: out, encoding: .utf8) + String(contentsOfFile: folder.path + "/\(format)/datapackage.json", encoding: .utf8)
            for secret in ["geheim", "voorbeeld.nl", "sleutel-", "0612345678", "7601 AB"] {
                #expect(!text.contains(secret), "\(format) contains \(secret)")
            }
            // No exact time of receipt (stored as 2026-11-23T10:27:53Z).
            #expect(text.firstMatch(of: #/\d{4}-\d{2}-\d{2}T\d{2}:/#) == nil, "\(format) contains a time")
        }
        let csv = try CSVReader.records([UInt8](Data(contentsOf: URL(fileURLWithPath: folder.path + "/csv/export.csv"))))
        #expect(!csv[0].fields.contains("email"))
        #expect(csv[0].fields.contains("toestemming"))
        let remark = try #require(csv[0].fields.firstIndex(of: "opmerking"))
        #expect(csv[1].fields[remark] == "'=SOM(A1) bel [telefoon]")
        let postcode = try #require(csv[0].fields.firstIndex(of: "postcode"))
        #expect(Set(csv.dropFirst().map { $0.fields[postcode] }) == ["7601", "7602"])
    }

    @Test func rowsAreShuffledAndNumberedAfresh() throws {
        let folder = TemporaryFolder()
        let db = database(in: folder, count: 60)
        let out = folder.path + "/export.csv"
        #expect(wijkpeil("export", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--out", out, "--k", "1").status == 0)
        let rows = try CSVReader.records([UInt8](Data(contentsOf: URL(fileURLWithPath: out)))).dropFirst()
        #expect(rows.map { Int($0.fields[0]) } == (1...60).map { $0 })
        let marks = try #require(try CSVReader.records([UInt8](Data(contentsOf: URL(fileURLWithPath: out))))[0].fields.firstIndex(of: "cijfer-wonen"))
        // Imported in order the marks run 1, 2, …, 10, 1, …; shuffled they (almost surely) do not.
        #expect(rows.map { $0.fields[marks] } != (0..<60).map { String($0 % 10 + 1) })
    }

    @Test func rareCombinationsAreSuppressedOrLeftOut() throws {
        let folder = TemporaryFolder()
        // Ages 30–49 in 20 steps make 20 combinations of 3 rows each: all below k = 5, 60 rows together.
        let db = database(in: folder, count: 60, postcodes: ["7601 AB"])
        let out = folder.path + "/export.csv"
        let result = wijkpeil("export", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--out", out, "--lang", "en")
        #expect(result.status == 0)
        // Bands: 30-39 and 40-49 with 30 rows each, so nothing is suppressed after banding.
        #expect(result.err.contains("60 rows exported") && result.err.contains("0 with suppressed values"))
        let strict = wijkpeil("export", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--out", out, "--k", "31", "--lang", "en")
        // Both bands have 30 < 31 rows: all 60 suppressed (60 ≥ 31, so kept with *).
        #expect(strict.err.contains("60 rows exported") && strict.err.contains("60 with suppressed values"))
        let csv = try CSVReader.records([UInt8](Data(contentsOf: URL(fileURLWithPath: out))))
        let age = try #require(csv[0].fields.firstIndex(of: "leeftijd"))
        #expect(csv.dropFirst().allSatisfy { $0.fields[age] == "*" })
        let leftOut = wijkpeil("export", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--out", out, "--k", "61", "--lang", "en")
        #expect(leftOut.err.contains("0 rows exported") && leftOut.err.contains("60 left out"))
        let codebook = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: folder.path + "/datapackage.json")))
        guard case .object(let fields) = codebook, case .object(let disclosure)? = fields["wijkpeil:disclosure"] else { Issue.record("no disclosure"); return }
        #expect(disclosure["rowsLeftOut"] == 60 && disclosure["k"] == 61)
    }

    @Test func anEmptySurveyGivesAHeaderAndACodebook() throws {
        let folder = TemporaryFolder()
        let db = database(in: folder, count: 1)
        let out = folder.path + "/leeg.csv"
        let result = wijkpeil("export", "--db", db, "--survey", "evaluatie", "--surveys", bundledSurveys, "--out", out)
        #expect(result.status == 0)
        let csv = try CSVReader.records([UInt8](Data(contentsOf: URL(fileURLWithPath: out))))
        #expect(csv.count == 1 && csv[0].fields.first == "row")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/datapackage.json"))
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
        #expect(result.status == 2 && result.err.contains("which this command reads"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        #expect(wijkpeil("responses", "count", "--db", db).out.contains("wijkanalyse  10"))
    }

    @Test("the JSON export writes numbers as numbers, null for unanswered and suppressed cells, and names the suppressed ones")
    func jsonNumbers() throws {
        let folder = TemporaryFolder()
        let db = database(in: folder, count: 60, postcodes: ["7601 AB"])
        let target = folder.path + "/json/"
        #expect(wijkpeil("export", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--out", target, "--format", "json", "--k", "31").status == 0)
        guard case .array(let rows) = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: target + "wijkanalyse.json"))),
            case .object(let first)? = rows.first
        else { Issue.record("not a list of rows"); return }
        #expect(rows.count == 60)
        // cijfer-wonen is 1…10 in the input: a JSON number, as the codebook's integer says.
        guard case .number(let mark)? = first["cijfer-wonen"] else { Issue.record("cijfer-wonen is not a number: \(first)"); return }
        #expect((1...10).contains(mark))
        #expect(first["cijfer-bewoners"] == .null)
        // Every age band has 30 < 31 rows: suppressed, null, and named.
        #expect(first["leeftijd"] == .null)
        #expect(first["_suppressed"].map { $0.compactText.contains("leeftijd") } == true)
        let package = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: target + "datapackage.json")))
        #expect(package.compactText.contains(#""format":"json""#) && package.compactText.contains(#""mediatype":"application/json""#))
    }
}
