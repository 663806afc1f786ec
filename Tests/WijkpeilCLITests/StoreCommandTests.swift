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
        #expect(result.out.isEmpty)
        let lines = result.err.split(separator: "\n").filter { $0.hasPrefix(file) }
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.hasPrefix("\(file):3: ") })
        #expect(result.err.contains("nothing was stored"))
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test("a file to import that is missing, or a folder, is named with what to check, and no database is made")
    func anUnreadableFileIsNamed() {
        let folder = TemporaryFolder()
        let db = folder.path + "/w.sqlite"
        for path in [folder.path + "/weg.csv", folder.path] {
            let result = wijkpeil("responses", "import", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, path)
            #expect(result.status == 2 && result.err.contains("kan '\(path)' niet lezen; controleer het pad"))
        }
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test("a bad line found after thousands of rows were stored rolls them back and removes the database it made")
    func aLateBadLineLeavesNoDatabase() {
        let folder = TemporaryFolder()
        let rows = (1...6000).map { "\($0),\($0 == 5999 ? 11 : $0 % 10 + 1)" }
        let file = folder.write("groot.csv", "formulier,cijfer-wonen\n" + rows.joined(separator: "\n") + "\n")
        let db = folder.path + "/w.sqlite"
        let result = wijkpeil("responses", "import", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, file, "--lang", "en")
        #expect(result.status == 1)
        #expect(result.err.contains("\(file):6000: cijfer-wonen"))
        #expect(result.err.contains("1 invalid line(s): nothing was stored"))
        for name in [db, db + "-wal", db + "-shm"] { #expect(!FileManager.default.fileExists(atPath: name)) }
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
        #expect(again.err.contains("was imported before, on 20"))
        #expect(again.err.contains("nothing was stored now"))
        #expect(wijkpeil("responses", "count", "--db", db).out.contains("wijkanalyse  2"))
        // The bad line went to papier.afgewezen.csv with its reason; corrected, it imports on its own.
        let rejected = folder.path + "/papier.afgewezen.csv"
        #expect(fields["rejectedFile"] == .string(rejected))
        let records = try CSVReader.records(Array(try String(contentsOfFile: rejected, encoding: .utf8).utf8))
        #expect(records.count == 2)
        #expect(records[0].fields.last == "reden")
        #expect(records[1].fields.prefix(3) == ["11", "6", ""])
        #expect(records[1].fields.last?.contains("cijfer-wonen") == true)
        let corrected = folder.write("papier.afgewezen.csv", "cijfer-wonen,cijfer-veiligheid,eerst-beter,leeftijd,postcode,reden\n10,6,,20,1234 AB,was: te hoog\n")
        let fixed = wijkpeil("responses", "import", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, corrected, "--lang", "en")
        #expect(fixed.status == 0 && fixed.err.contains("1 stored, 0 already stored"))
        #expect(wijkpeil("responses", "count", "--db", db).out.contains("wijkanalyse  3"))
    }

    // Which lines are stored, passed over or refused as key conflicts is tested on the use case,
    // in Tests/WorkflowsTests/WorkflowsTests.swift (PaperImportWorkflowTests); here: what the
    // command says about it and its exit code.

    @Test("a form number stored before with other answers is named by file and line; nothing is stored; exit 1")
    func keyConflictIsNamed() {
        let folder = TemporaryFolder()
        let db = folder.path + "/w.sqlite"
        let first = folder.write("a.csv", "formulier,cijfer-wonen\n1,7\n")
        let third = folder.write("c.csv", "formulier,cijfer-wonen\n4,5\n1,9\n")
        #expect(wijkpeil("responses", "import", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, first).status == 0)
        let conflict = wijkpeil("responses", "import", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, third, "--lang", "en")
        #expect(conflict.status == 1)
        #expect(conflict.err.contains("c.csv:3: -: this form number (or submissionKey) was already stored with other answers"))
        #expect(conflict.err.contains("nothing was stored"))
    }

    @Test("the summary line counts stored, repeated, skipped and blank lines")
    func summaryLine() {
        let folder = TemporaryFolder()
        let file = folder.write("leeg.csv", "formulier,cijfer-wonen\n1,7\n,\n,\n2,6\n")
        let db = folder.path + "/w.sqlite"
        let result = wijkpeil("responses", "import", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, file, "--lang", "en")
        #expect(result.status == 0)
        #expect(result.err.contains("2 stored, 0 already stored, 0 invalid skipped, 2 blank line(s) passed over"))
    }

    @Test("after an import the .sqlite file alone holds every response")
    func theFileAloneIsComplete() throws {
        let folder = TemporaryFolder()
        let file = folder.write("a.csv", "formulier,cijfer-wonen\n1,7\n2,8\n")
        let db = folder.path + "/w.sqlite"
        #expect(wijkpeil("responses", "import", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, file).status == 0)
        let copy = folder.path + "/stick.sqlite"
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        #expect(wijkpeil("responses", "count", "--db", copy).out.contains("wijkanalyse  2"))
    }

    @Test func aCleanImportIsListedBackAsCSVAndJSONL() throws {
        let folder = TemporaryFolder()
        let file = folder.write(
            "papier.jsonl",
            """
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

    @Test("mailing-list: the consenting addresses to a new file only its owner may read; a survey without addresses is refused")
    func mailingList() throws {
        let folder = TemporaryFolder()
        let file = folder.write(
            "papier.jsonl",
            """
            {"submissionKey": "f-1", "answers": {"cijfer-wonen": 6, "toestemming": true, "email": "bewoner@voorbeeld.nl"}}
            {"submissionKey": "f-2", "answers": {"cijfer-wonen": 9, "toestemming": false}}
            """)
        let db = folder.path + "/w.sqlite"
        #expect(wijkpeil("responses", "import", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, file).status == 0)
        let out = folder.path + "/adressen.txt"
        let made = wijkpeil("responses", "mailing-list", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--out", out)
        #expect(made.status == 0 && made.out.isEmpty && made.err == "1 adres(sen) van 1 van de 2 antwoorden met toestemming\n")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "bewoner@voorbeeld.nl\n")
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(wijkpeil("responses", "mailing-list", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--out", out).status == 2)
        #expect(wijkpeil("responses", "mailing-list", "--db", db, "--survey", "evaluatie", "--surveys", bundledSurveys).status == 1)
    }

    @Test func readingCommandsDoNotCreateADatabase() {
        let folder = TemporaryFolder()
        let db = folder.path + "/nieuw.sqlite"
        let result = wijkpeil("responses", "count", "--db", db)
        #expect(result.status == 2)
        #expect(result.err.contains("there is no database at"))
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    /// A binding vote, `stem`, in `folder/surveys`.
    func writeBallot(in folder: TemporaryFolder) {
        folder.write(
            "surveys/stem.json",
            """
            {"id": "stem", "version": 1, "title": {"nl": "Stemming"}, "level": "codecide", "requiresInvite": true,
             "questions": [{"id": "keuze", "type": "single", "text": {"nl": "Welk plan?"}, "required": true,
               "options": [{"id": "a", "label": {"nl": "A"}}, {"id": "b", "label": {"nl": "B"}}]}]}
            """)
    }

    @Test func invitesAreMadeOnlyForInviteOnlySurveysAndNeverOverwriteAFile() throws {
        let folder = TemporaryFolder()
        writeBallot(in: folder)
        let db = folder.path + "/w.sqlite", out = folder.path + "/codes.csv", surveys = folder.path + "/surveys"
        let made = wijkpeil("invites", "create", "--db", db, "--survey", "stem", "--surveys", surveys, "--count", "3", "--out", out)
        #expect(made.status == 0)
        let rows = try CSVReader.records([UInt8](Data(contentsOf: URL(fileURLWithPath: out))))
        #expect(rows.map { $0.fields[0].count } == [4, 17, 17, 17])
        // Only the organiser may read the codes.
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(wijkpeil("invites", "count", "--db", db, "--survey", "stem").out == "stem: 3 codes, 0 gebruikt\n")
        #expect(wijkpeil("invites", "create", "--db", db, "--survey", "stem", "--surveys", surveys, "--count", "3", "--out", out).status == 2)
        #expect(wijkpeil("invites", "create", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--count", "3").status == 1)
        #expect(wijkpeil("invites", "create", "--db", db, "--survey", "stem", "--surveys", surveys, "--count", "nul").status == 2)
        // Paper cannot check codes, so an invite-only survey refuses paper import.
        let paper = folder.write("stem.csv", "keuze\na\n")
        #expect(wijkpeil("responses", "import", "--db", db, "--survey", "stem", "--surveys", surveys, paper).status == 1)
    }

    @Test("invitation cards: eight to a sheet, each code once with a QR code of the ballot with it, only with --public-url")
    func invitationCards() throws {
        let folder = TemporaryFolder()
        writeBallot(in: folder)
        let db = folder.path + "/w.sqlite", out = folder.path + "/codes.csv", cards = folder.path + "/kaartjes.html", surveys = folder.path + "/surveys"
        let base = ["invites", "create", "--db", db, "--survey", "stem", "--surveys", surveys, "--count", "10", "--venue", "Noord"]
        #expect(run(base + ["--out", out, "--cards", cards]).status == 2)
        #expect(run(base + ["--out", out, "--cards", cards, "--public-url", "wijkpeil.lan:8080"]).err.contains("--public-url heeft een adres nodig"))
        #expect(!FileManager.default.fileExists(atPath: cards) && !FileManager.default.fileExists(atPath: out))
        #expect(run(base + ["--out", out, "--cards", cards, "--public-url", "http://10.0.0.5:8080"]).status == 0)
        let codes = try CSVReader.records([UInt8](Data(contentsOf: URL(fileURLWithPath: out)))).dropFirst().map(\.fields[0])
        let html = try String(contentsOfFile: cards, encoding: .utf8)
        #expect(codes.count == 10)
        #expect(html.components(separatedBy: "<div class=\"sheet\">").count - 1 == 2)
        #expect(html.components(separatedBy: "<div class=\"card\">").count - 1 == 10)
        #expect(html.components(separatedBy: "<svg").count - 1 == 10)
        #expect(html.contains("Stem op http://10.0.0.5:8080/s/stem") && html.contains("Geldig bij: <strong>Noord</strong>"))
        #expect(html.contains("Bewoners beslissen."))
        for code in codes { #expect(html.components(separatedBy: code).count - 1 == 1) }
        #expect(wijkpeil("invites", "create", "--db", db, "--survey", "stem", "--surveys", surveys, "--count", "2").status == 0)
        #expect(
            wijkpeil("invites", "count", "--db", db, "--survey", "stem").out == "stem: 12 codes, 0 gebruikt\n  (elke plek): 2 codes, 0 gebruikt\n  Noord: 10 codes, 0 gebruikt\n")
        #expect(try FileManager.default.attributesOfItem(atPath: cards)[.posixPermissions] as? Int == 0o600)
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
