import Export
import Foundation
import Store
import Testing
import WijkpeilCore
import Workflows

@Suite("Use cases: what an export lets out")
struct ExportRunTests {
    func export(_ store: Store, folder: Folder, to target: String, k: Int = 5, json: Bool = false) throws -> ExportRun.Outcome {
        try ExportRun.run(plan: ExportPlan(definition: try survey("wijkanalyse")), store: store.reader, k: k, target: folder.path + "/" + target, json: json)
    }

    func records(_ path: String) throws -> [CSVRecord] {
        try CSVReader.records([UInt8](Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test("nothing direct or identifying leaves in the CSV, the JSON or the codebook: no e-mail, key, phone number, full postcode or time of receipt")
    func nothingIdentifying() throws {
        let folder = Folder()
        let store = try storeOfWijkanalyse(in: folder, count: 60)
        for json in [false, true] {
            let outcome = try export(store, folder: folder, to: json ? "json/" : "csv/", json: json)
            let text = try String(contentsOfFile: outcome.file, encoding: .utf8) + String(contentsOfFile: outcome.codebook, encoding: .utf8)
            for secret in ["geheim", "voorbeeld.nl", "sleutel-", "0612345678", "7601 AB"] {
                #expect(!text.contains(secret), "\(outcome.file) contains \(secret)")
            }
            // No exact time of receipt (stored as 2026-11-23T10:27:53Z).
            #expect(text.firstMatch(of: #/\d{4}-\d{2}-\d{2}T\d{2}:/#) == nil, "\(outcome.file) contains a time")
        }
        let csv = try records(folder.path + "/csv/wijkanalyse.csv")
        #expect(!csv[0].fields.contains("email"))
        #expect(csv[0].fields.contains("toestemming"))
        let remark = try #require(csv[0].fields.firstIndex(of: "opmerking"))
        #expect(csv[1].fields[remark] == "'=SOM(A1) bel [telefoon]")
        let postcode = try #require(csv[0].fields.firstIndex(of: "postcode"))
        #expect(Set(csv.dropFirst().map { $0.fields[postcode] }) == ["7601", "7602"])
    }

    @Test("rows are shuffled and numbered afresh, so their order says nothing about who answered when")
    func shuffled() throws {
        let folder = Folder()
        let store = try storeOfWijkanalyse(in: folder, count: 60)
        let csv = try records(try export(store, folder: folder, to: "export.csv", k: 1).file)
        let rows = csv.dropFirst()
        let numbers: [Int?] = rows.map { Int($0.fields[0]) }
        #expect(numbers == Array(1...60))
        let marks = try #require(csv[0].fields.firstIndex(of: "cijfer-wonen"))
        // Imported in order the marks run 1, 2, …, 10, 1, …; shuffled they (almost surely) do not.
        let inOrder: [String] = (0..<60).map { String($0 % 10 + 1) }
        #expect(rows.map { $0.fields[marks] } != inOrder)
    }

    @Test("rare combinations of quasi-identifiers are suppressed, or their rows left out when too few remain")
    func rareCombinations() throws {
        let folder = Folder()
        // Ages 30–49 in 20 steps make 20 combinations of 3 rows each: all below k = 5, 60 rows together.
        let store = try storeOfWijkanalyse(in: folder, count: 60, postcodes: ["7601 AB"])
        // Bands: 30-39 and 40-49 with 30 rows each, so nothing is suppressed after banding.
        let banded = try export(store, folder: folder, to: "a/")
        #expect(banded.report.rows == 60 && banded.report.rowsSuppressed == 0)
        // Both bands have 30 < 31 rows: all 60 suppressed (60 ≥ 31, so kept with *).
        let strict = try export(store, folder: folder, to: "b/", k: 31)
        #expect(strict.report.rows == 60 && strict.report.rowsSuppressed == 60)
        let csv = try records(strict.file)
        let age = try #require(csv[0].fields.firstIndex(of: "leeftijd"))
        #expect(csv.dropFirst().allSatisfy { $0.fields[age] == "*" })
        let leftOut = try export(store, folder: folder, to: "c/", k: 61)
        #expect(leftOut.report.rows == 0 && leftOut.report.rowsLeftOut == 60)
        let codebook = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: leftOut.codebook)))
        guard case .object(let fields) = codebook, case .object(let disclosure)? = fields["wijkpeil:disclosure"] else { Issue.record("no disclosure"); return }
        #expect(disclosure["rowsLeftOut"] == 60 && disclosure["k"] == 61)
    }

    @Test("a survey without responses gives a header and a codebook")
    func empty() throws {
        let folder = Folder()
        let store = try storeOfWijkanalyse(in: folder, count: 1)
        let outcome = try ExportRun.run(plan: ExportPlan(definition: try survey("evaluatie")), store: store.reader, k: 5, target: folder.path + "/leeg.csv", json: false)
        let csv = try records(outcome.file)
        #expect(csv.count == 1 && csv[0].fields.first == "row")
        #expect(FileManager.default.fileExists(atPath: outcome.codebook))
    }

    @Test("the JSON export writes numbers as numbers, null for unanswered and suppressed cells, and names the suppressed ones")
    func jsonNumbers() throws {
        let folder = Folder()
        let store = try storeOfWijkanalyse(in: folder, count: 60, postcodes: ["7601 AB"])
        let outcome = try export(store, folder: folder, to: "json/", k: 31, json: true)
        guard case .array(let rows) = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: outcome.file))),
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
        let package = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: outcome.codebook)))
        #expect(package.compactText.contains(#""format":"json""#) && package.compactText.contains(#""mediatype":"application/json""#))
    }
}
