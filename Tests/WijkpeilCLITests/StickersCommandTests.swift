import Foundation
import Stickers
import Surveys
import Testing
import WijkpeilCore

@Suite("wijkpeil stickers")
struct StickersCommandTests {
    let surveyJSON = """
        {"id": "stippen", "version": 1, "title": {"nl": "Stippen"}, "level": "consult",
         "questions": [{"id": "keuze", "type": "stickers", "text": {"nl": "Waar moeten we aan werken?"}, "stickers": 3, "maxPerOption": 2,
           "options": [{"id": "groen", "label": {"nl": "Meer groen"}}, {"id": "spelen", "label": {"nl": "Speelplek"}},
                       {"id": "licht", "label": {"nl": "Verlichting"}}]}]}
        """

    @Test func digitalAnswersAndTheSamePlacementsAsCSVGiveIdenticalJSON() throws {
        let folder = TemporaryFolder()
        folder.write("surveys/stippen.json", surveyJSON)
        let surveys = folder.path + "/surveys", db = folder.path + "/w.sqlite"
        // Three residents' digital sticker answers …
        let answers: [[String: Int]] = [["groen": 2, "licht": 1], ["spelen": 1], ["groen": 1, "spelen": 2]]
        let jsonl = answers.enumerated().map { index, counts in
            #"{"submissionKey": "r\#(index)", "answers": {"keuze": {"# + counts.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}}}"
        }.joined(separator: "\n")
        #expect(wijkpeil("responses", "import", "--db", db, "--survey", "stippen", "--surveys", surveys, folder.write("r.jsonl", jsonl)).status == 0)
        // … and the same stickers as a paper file, one row per sticker.
        var csv = "participant,poster,option,colour\n"
        for (index, counts) in answers.enumerated() {
            for (option, count) in counts.sorted(by: { $0.key < $1.key }) {
                csv += String(repeating: "r\(index),keuze,\(option),stip\n", count: count)
            }
        }
        var findings = Findings()
        let json = try JSONValue.parse(Data(surveyJSON.utf8))
        let survey = try #require(SurveyDefinition.read(json, themeSets: [:], findings: &findings))
        let session = StickerSession(survey: survey, question: survey.questions[0])
        let sessionFile = folder.write("sessie.json", session.jsonValue.compactText)

        let digital = wijkpeil("stickers", "tally", "--db", db, "--survey", "stippen", "--surveys", surveys, "--format", "json")
        let paper = wijkpeil("stickers", "tally", sessionFile, folder.write("papier.csv", csv), "--surveys", surveys, "--format", "json")
        #expect(digital.status == 0 && paper.status == 0, "\(digital.err) \(paper.err)")
        #expect(digital.out == paper.out)
        let parsed = try JSONValue.parse(Data(digital.out.utf8))
        guard case .object(let fields) = parsed else { Issue.record("not an object"); return }
        #expect(fields["participants"] == 3 && fields["stickers"] == 7)
    }

    @Test func invalidLinesStopTheTallyUnlessSkipped() {
        let folder = TemporaryFolder()
        let file = folder.write("p.csv", "poster,option,colour,count\nt1,veiligheid,groen,3\nt1,veilig,groen,1\n")
        let refused = wijkpeil("stickers", "tally", "bewonersavond", file, "--surveys", bundledSurveys, "--lang", "en")
        #expect(refused.status == 1)
        // Findings go to stderr: stdout, perhaps redirected to uitslag.json, stays empty.
        #expect(refused.out.isEmpty)
        #expect(refused.err.contains("\(file):3: error: unknown option \"veilig\""))
        let skipped = wijkpeil("stickers", "tally", "bewonersavond", file, "--surveys", bundledSurveys, "--skip-invalid", "--format", "json")
        #expect(skipped.status == 0)
        #expect(skipped.out.contains("\"code\": \"unknown-option\""))
    }

    @Test func disagreeingEntriesAreRefusedWithThePosterToRecount() {
        let folder = TemporaryFolder()
        let a = folder.write("a.csv", "poster,option,colour,count\nt1,veiligheid,groen,3\n")
        let b = folder.write("b.csv", "poster,option,colour,count\nt1,veiligheid,groen,4\n")
        let result = wijkpeil("stickers", "tally", "bewonersavond", "--entry", a, "--entry", b, "--surveys", bundledSurveys, "--lang", "en")
        #expect(result.status == 1)
        #expect(result.err.contains("recount these posters"))
        #expect(result.err.contains("poster t1, veiligheid, groen"))
    }

    @Test func thePosterIsAPagePerOption() {
        let result = wijkpeil("stickers", "poster", "bewonersavond", "--surveys", bundledSurveys)
        #expect(result.status == 0)
        #expect(result.out.components(separatedBy: "<section class=\"poster\"").count == 9)
        let tables = wijkpeil("stickers", "poster", "bewonersavond", "--date", "2026-12-10", "--table", "1", "--table", "2", "--surveys", bundledSurveys)
        #expect(tables.out.components(separatedBy: "<section class=\"poster\"").count == 17 && tables.out.contains("10 december 2026"))
        #expect(wijkpeil("stickers", "poster", "bewonersavond", "--date", "10-12-2026", "--surveys", bundledSurveys).status == 2)
    }
}

@Suite("One evening's stickers: the posters and the phones together")
struct EveningStickersTests {
    func counts(_ json: String) throws -> [String: [String: Int]] {
        guard case .object(let tally) = try JSONValue.parse(Data(json.utf8)), case .array(let options)? = tally["options"] else { return [:] }
        var result: [String: [String: Int]] = [:]
        for case .object(let option) in options {
            guard case .string(let id)? = option["id"], case .object(let byColour)? = option["counts"] else { continue }
            for case (let colour, .number(let count)) in byColour { result[id, default: [:]][colour] = Int(count) }
        }
        return result
    }

    @Test("the phones' dots, in the session's colours, add up with the paper posters' stickers")
    func paperAndPhones() throws {
        let folder = TemporaryFolder()
        let db = folder.path + "/avond.sqlite"
        let phones = folder.write(
            "telefoons.jsonl",
            """
            {"submissionKey": "t1", "answers": {"stippen": {"groen": {"veiligheid": 2, "verkeer": 1}, "rood": {"wonen": 1}}}}
            {"submissionKey": "t2", "answers": {"stippen": {"groen": {"veiligheid": 1}}}}
            """)
        let imported = run(["responses", "import", "--db", db, "--survey", "bewonersavond-stippen", "--surveys", bundledSurveys, phones])
        #expect(imported.status == 0, "\(imported.err)")
        let paperFile = packageRoot + "/samples/kerkwijk/stickers-tafel1.csv"
        let paper = run(["stickers", "tally", "bewonersavond", paperFile, "--surveys", bundledSurveys, "--format", "json"])
        let both = run(["stickers", "tally", "bewonersavond", paperFile, "--db", db, "--surveys", bundledSurveys, "--format", "json"])
        #expect(paper.status == 0 && both.status == 0, "\(both.err)")
        var expected = try counts(paper.out)
        for (option, colour, count) in [("veiligheid", "groen", 3), ("verkeer", "groen", 1), ("wonen", "rood", 1)] {
            expected[option, default: [:]][colour, default: 0] += count
        }
        #expect(try counts(both.out) == expected)
        // The stored dots alone, in the same colours.
        let digital = run(["stickers", "tally", "--db", db, "--survey", "bewonersavond-stippen", "--surveys", bundledSurveys, "--format", "json"])
        #expect(try counts(digital.out)["veiligheid"] == ["groen": 3, "rood": 0])
        // Exported: one count column per option and colour.
        let export = folder.path + "/export/"
        #expect(run(["export", "--db", db, "--survey", "bewonersavond-stippen", "--surveys", bundledSurveys, "--out", export, "--k", "1"]).status == 0)
        let header = try CSVReader.records(Array(try String(contentsOfFile: export + "bewonersavond-stippen.csv", encoding: .utf8).utf8))[0].fields
        #expect(header.contains("stippen.groen.veiligheid") && header.contains("stippen.rood.wonen"))
    }

    @Test("stickers store: the evening's paper counts go into the database once, and the tally with --db counts them as the files")
    func storedPaperCountsAsTheFiles() throws {
        let folder = TemporaryFolder()
        let db = folder.path + "/avond.sqlite"
        let tables = ["1", "2"].map { packageRoot + "/samples/kerkwijk/stickers-tafel\($0).csv" }
        let fromFiles = run(["stickers", "tally", "bewonersavond"] + tables + ["--surveys", bundledSurveys, "--format", "json"])
        let stored = run(["stickers", "store", "bewonersavond"] + tables + ["--db", db, "--surveys", bundledSurveys])
        #expect(stored.status == 0, "\(stored.err)")
        #expect(stored.err.contains("2 bestanden met papieren tellingen van 'bewonersavond' opgeslagen"))
        // Again: nothing new, and said so per file.
        let again = run(["stickers", "store", "bewonersavond", tables[0], "--db", db, "--surveys", bundledSurveys, "--lang", "en"])
        #expect(again.status == 0 && again.err.contains("stickers-tafel1.csv: was in the database already") && again.err.contains("0 files"))
        let fromDatabase = run(["stickers", "tally", "bewonersavond", "--db", db, "--surveys", bundledSurveys, "--format", "json"])
        #expect(fromDatabase.status == 0, "\(fromDatabase.err)")
        #expect(try counts(fromDatabase.out) == counts(fromFiles.out))
        // A file given as well as stored counts once.
        let both = run(["stickers", "tally", "bewonersavond", tables[0], "--db", db, "--surveys", bundledSurveys, "--format", "json"])
        #expect(try counts(both.out) == counts(fromFiles.out))
        #expect(both.err.contains("stickers-tafel1.csv staat al in"))
        // The survey's stickers question: the stored paper under the session's colours.
        let digital = run(["stickers", "tally", "--db", db, "--survey", "bewonersavond-stippen", "--surveys", bundledSurveys, "--format", "json"])
        #expect(try counts(digital.out) == counts(fromFiles.out))
        // A bad line stores nothing.
        let bad = folder.write("tafel3.csv", "participant,poster,option,colour\np1,tafel3,onbekend,groen\n")
        let refused = run(["stickers", "store", "bewonersavond", bad, "--db", db, "--surveys", bundledSurveys])
        #expect(refused.status == 1 && refused.err.contains("tafel3.csv:2"))
        let after = run(["stickers", "tally", "bewonersavond", "--db", db, "--surveys", bundledSurveys, "--format", "json"])
        #expect(try counts(after.out) == counts(fromFiles.out))
    }
}
