import Foundation
import Testing
import WijkpeilCore

@Suite("wijkpeil responses, invites and backup")
struct StoreCommandTests {
    let paper = """
        cijfer-wonen,cijfer-veiligheid,eerst-beter,leeftijd,postcode
        7,5,veiligheid;verkeer,34,7601 AB
        11,6,,200,123
        8,,wonen,,

        """

    @Test func anImportWithABadLineStoresNothingAndListsEveryProblem() {
        let folder = TemporaryFolder()
        let file = folder.write("papier.csv", paper)
        let db = folder.path + "/w.sqlite"
        let result = wijkpeil("responses", "import", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, file, "--lang", "en")
        #expect(result.status == 1)
        let lines = result.out.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.hasPrefix("\(file):3: ") })
        #expect(result.err.contains("nothing was stored"))
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test func skipInvalidStoresTheGoodLinesAndAReimportStoresNothingTwice() throws {
        let folder = TemporaryFolder()
        let file = folder.write("papier.csv", paper)
        let db = folder.path + "/w.sqlite"
        let first = wijkpeil("responses", "import", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, file, "--skip-invalid", "--format", "json")
        #expect(first.status == 1)
        let json = try JSONValue.parse(Data(first.out.utf8))
        guard case .object(let fields) = json else { Issue.record("not an object"); return }
        #expect(fields["stored"] == 2 && fields["invalidLines"] == 1 && fields["committed"] == true)
        let again = wijkpeil("responses", "import", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, file, "--skip-invalid", "--lang", "en")
        #expect(again.err.contains("0 stored, 2 already stored, 1 invalid skipped"))
        #expect(wijkpeil("responses", "count", "--db", db).out.contains("wijkanalyse  2"))
    }

    @Test func aCleanImportIsListedBackAsCSVAndJSONL() throws {
        let folder = TemporaryFolder()
        let file = folder.write("papier.jsonl", """
            {"submissionKey": "formulier-1", "answers": {"cijfer-wonen": 6, "meedoen": "ja-soms"}}
            {"submissionKey": "formulier-2", "answers": {"cijfer-wonen": 9, "eerst-beter": ["verkeer"]}}
            """)
        let db = folder.path + "/w.sqlite"
        #expect(wijkpeil("responses", "import", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, file).status == 0)
        let csv = wijkpeil("responses", "list", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--format", "csv")
        let rows = try CSVReader.records(Array(csv.out.utf8))
        #expect(rows.count == 3)
        #expect(rows[1].fields[1] == "formulier-1" && rows[1].fields[2] == "paper")
        let column = try #require(rows[0].fields.firstIndex(of: "eerst-beter"))
        #expect(rows[2].fields[column] == "verkeer")
        let jsonl = wijkpeil("responses", "list", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys)
        let first = try JSONValue.parse(Data(try #require(jsonl.out.split(separator: "\n").first).utf8))
        guard case .object(let fields) = first else { Issue.record("not an object"); return }
        #expect(fields["answers"] == ["cijfer-wonen": 6, "meedoen": "ja-soms"])
    }

    @Test func readingCommandsDoNotCreateADatabase() {
        let folder = TemporaryFolder()
        let db = folder.path + "/nieuw.sqlite"
        let result = wijkpeil("responses", "count", "--db", db)
        #expect(result.status == 2)
        #expect(result.err.contains("there is no database at"))
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test func invitesAreMadeOnlyForInviteOnlySurveysAndNeverOverwriteAFile() throws {
        let folder = TemporaryFolder()
        folder.write("surveys/stem.json", """
            {"id": "stem", "version": 1, "title": {"nl": "Stemming"}, "level": "codecide", "requiresInvite": true,
             "questions": [{"id": "keuze", "type": "single", "text": {"nl": "Welk plan?"}, "required": true,
               "options": [{"id": "a", "label": {"nl": "A"}}, {"id": "b", "label": {"nl": "B"}}]}]}
            """)
        let db = folder.path + "/w.sqlite", out = folder.path + "/codes.csv", surveys = folder.path + "/surveys"
        let made = wijkpeil("invites", "create", "--db", db, "--survey", "stem", "--surveys", surveys, "--count", "3", "--out", out)
        #expect(made.status == 0)
        let rows = try CSVReader.records([UInt8](Data(contentsOf: URL(fileURLWithPath: out))))
        #expect(rows.map { $0.fields[0].count } == [4, 17, 17, 17])
        #expect(wijkpeil("invites", "count", "--db", db, "--survey", "stem").out == "stem: 3 code(s), 0 used\n")
        #expect(wijkpeil("invites", "create", "--db", db, "--survey", "stem", "--surveys", surveys, "--count", "3", "--out", out).status == 2)
        #expect(wijkpeil("invites", "create", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--count", "3").status == 1)
        #expect(wijkpeil("invites", "create", "--db", db, "--survey", "stem", "--surveys", surveys, "--count", "nul").status == 2)
        // Paper cannot check codes, so an invite-only survey refuses paper import.
        let paper = folder.write("stem.csv", "keuze\na\n")
        #expect(wijkpeil("responses", "import", "--db", db, "--survey", "stem", "--surveys", surveys, paper).status == 1)
    }

    @Test func aBackupCopiesAndRefusesToOverwrite() {
        let folder = TemporaryFolder()
        let file = folder.write("p.csv", "cijfer-wonen\n7\n")
        let db = folder.path + "/w.sqlite", copy = folder.path + "/kopie.sqlite"
        #expect(wijkpeil("responses", "import", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, file).status == 0)
        #expect(wijkpeil("backup", "--db", db, "--out", copy).status == 0)
        #expect(wijkpeil("responses", "count", "--db", copy).out.contains("wijkanalyse  1"))
        let again = wijkpeil("backup", "--db", db, "--out", copy)
        #expect(again.status == 1)
        #expect(again.err.contains("already exists"))
    }

    @Test func aDatabaseThatIsNotOneSaysSo() {
        let folder = TemporaryFolder()
        let db = folder.write("kapot.sqlite", String(repeating: "geen database ", count: 400))
        let result = wijkpeil("responses", "count", "--db", db)
        #expect(result.status == 1)
        #expect(result.err.contains("not a Wijkpeil database or is damaged"))
    }
}
