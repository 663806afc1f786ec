import Foundation
import Testing
import WijkpeilCore

/// Two venues on two evenings that must add up to one result: paper forms printed per venue,
/// typed into each laptop's database, the posters' counts stored there, then merged.
@Suite("The evening kit: two venues merged")
struct EveningKitTests {
    @Test("forms of two venues typed in, posters stored, merged once: the tally and the counts are those of both; again adds nothing")
    func twoVenues() throws {
        let folder = TemporaryFolder()
        let noord = folder.path + "/noord.sqlite", zuid = folder.path + "/zuid.sqlite", centraal = folder.path + "/centraal.sqlite"
        // Each venue prints its own run of forms; the numbers on them key the typed-in rows.
        for (prefix, out) in [("N", "/n.html"), ("Z", "/z.html")] {
            #expect(run(["surveys", "print", "wijkanalyse", "--surveys", bundledSurveys, "--prefix", prefix, "--count", "3", "--out", folder.path + out]).status == 0)
        }
        let printed = try String(contentsOfFile: folder.path + "/z.html", encoding: .utf8)
        #expect(printed.contains("Formulier <strong>Z003</strong>"))
        let template = wijkpeil("surveys", "template", "wijkanalyse", "--surveys", bundledSurveys).out
        let header = template.split(separator: "\n", maxSplits: 2).prefix(2).joined(separator: "\n") + "\n"
        // A typed-in form: its number and the first two marks, the other 14 cells left empty.
        func form(_ number: String, _ first: Int, _ second: Int) -> String { "\(number),\(first),\(second)" + String(repeating: ",", count: 14) + "\n" }
        let noordForms = folder.write("noord.csv", header + form("N001", 7, 6) + form("N002", 8, 5) + form("N003", 4, 4))
        let zuidForms = folder.write("zuid.csv", header + form("Z001", 9, 8) + form("Z002", 6, 7))
        for (db, forms) in [(noord, noordForms), (zuid, zuidForms)] {
            let imported = run(["responses", "import", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, forms])
            #expect(imported.status == 0, "\(imported.err)")
        }
        let tables = ["1", "2"].map { packageRoot + "/samples/kerkwijk/stickers-tafel\($0).csv" }
        #expect(run(["stickers", "store", "bewonersavond", tables[0], "--db", noord, "--surveys", bundledSurveys]).status == 0)
        #expect(run(["stickers", "store", "bewonersavond", tables[1], "--db", zuid, "--surveys", bundledSurveys]).status == 0)

        let merged = wijkpeil("responses", "merge", "--db", centraal, noord, zuid)
        #expect(merged.status == 0, "\(merged.err)")
        #expect(merged.err.contains("noord.sqlite: 3 antwoorden opgeslagen, 0 waren er al, 0 in conflict"))
        #expect(merged.err.contains("zuid.sqlite: 2 antwoorden opgeslagen"))
        let counted = wijkpeil("responses", "count", "--db", centraal).out.split(separator: "\n").first { $0.hasPrefix("wijkanalyse") }
        #expect(counted?.split(separator: " ").last == "5")
        // The evening's tally from the merged database is that of both tables' files.
        let fromFiles = run(["stickers", "tally", "bewonersavond"] + tables + ["--surveys", bundledSurveys, "--format", "csv"])
        let fromMerged = wijkpeil("stickers", "tally", "bewonersavond", "--db", centraal, "--surveys", bundledSurveys, "--format", "csv")
        #expect(fromMerged.status == 0 && fromMerged.out == fromFiles.out)
        // Merging again adds nothing.
        let again = wijkpeil("responses", "merge", "--db", centraal, noord, zuid, "--lang", "en")
        #expect(again.status == 0 && again.err.contains("noord.sqlite: 0 responses stored, 3 already present, 0 in conflict"))
        // A form number typed in twice with other answers (at a third laptop) is a conflict: listed, exit 1.
        let other = folder.path + "/extra.sqlite"
        let typo = folder.write("extra.csv", header + form("N002", 3, 5) + form("Z009", 5, 5))
        #expect(run(["responses", "import", "--db", other, "--survey", "wijkanalyse", "--surveys", bundledSurveys, typo]).status == 0)
        let conflict = wijkpeil("responses", "merge", "--db", centraal, other)
        #expect(conflict.status == 1)
        #expect(conflict.err.contains("1 antwoord opgeslagen, 0 waren er al, 1 in conflict"))
        #expect(conflict.err.contains("conflict: wijkanalyse, paper, sleutel N002: staat al met andere antwoorden in de database"))
        #expect(wijkpeil("responses", "merge", "--db", centraal).status == 2)
        // A source that is not there, or the central database itself: said plainly, nothing merged.
        let missing = wijkpeil("responses", "merge", "--db", centraal, folder.path + "/nergens.sqlite")
        #expect(missing.status == 2 && missing.err.contains("er is geen database op"))
        let itself = wijkpeil("responses", "merge", "--db", centraal, centraal, "--lang", "en")
        #expect(itself.status == 2 && itself.err.contains("is the database merged into (--db)"))
    }

    @Test("the sample's two venues merged: the analysis of the merged database is that of all 140 answers in one file")
    func sampleVenuesAnalyseAsOne() throws {
        let folder = TemporaryFolder()
        let centraal = folder.path + "/centraal.sqlite"
        var venues: [String] = []
        for venue in ["noord", "zuid"] {
            let db = folder.path + "/\(venue).sqlite"
            let forms = packageRoot + "/samples/kerkwijk/formulieren-\(venue).csv"
            #expect(run(["responses", "import", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, forms]).status == 0)
            venues.append(db)
        }
        let merged = run(["responses", "merge", "--db", centraal] + venues)
        #expect(merged.status == 0)
        #expect(merged.err.contains("noord.sqlite: 80 antwoorden opgeslagen, 0 waren er al, 0 in conflict; ook nieuw: 1 vragenlijstversie, 1 ingelezen bestand"))
        #expect(merged.err.contains("zuid.sqlite: 60 antwoorden opgeslagen, 0 waren er al, 0 in conflict; ook nieuw: 1 ingelezen bestand\n"))
        let reference = packageRoot + "/samples/kerkwijk/stad.csv"
        let fromDatabase = run(["analyse", "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--db", centraal, "--reference", reference, "--by", "buurt", "--format", "json"])
        let fromFile = run([
            "analyse", "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--responses", packageRoot + "/samples/kerkwijk/antwoorden.csv", "--reference", reference,
            "--by", "buurt", "--format", "json",
        ])
        #expect(fromDatabase.status == 0 && fromFile.status == 0)
        // Only how the answers came in differs: typed-in forms, or a file.
        #expect(fromDatabase.out.contains("\"paper\": 140") && fromFile.out.contains("\"file\": 140"))
        #expect(fromDatabase.out.replacingOccurrences(of: "\"paper\": 140", with: "\"file\": 140") == fromFile.out)
    }
}
