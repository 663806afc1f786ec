import Foundation
import Testing
import WijkpeilCore

/// What a command writes, and what it must never overwrite.
@Suite("Outputs: stdout for data, stderr for findings, --out everywhere, nothing overwritten")
struct OutputRulesTests {
    let samples = packageRoot + "/samples/kerkwijk"

    @Test("every command that prints data takes --out: the same bytes as stdout, written only on success")
    func genericOut() throws {
        let folder = TemporaryFolder()
        let tally = ["stickers", "tally", "bewonersavond", samples + "/stickers-tafel1.csv", "--surveys", bundledSurveys, "--format", "json"]
        let printed = run(tally)
        let file = folder.path + "/uitslag.json"
        let written = run(tally + ["--out", file])
        #expect(printed.status == 0 && written.status == 0 && written.out.isEmpty)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == printed.out)
        let ladder = folder.path + "/ladder.txt"
        #expect(run(["ladder", "--out", ladder]).status == 0)
        #expect(try String(contentsOfFile: ladder, encoding: .utf8).contains("codecide"))
        // A refused input writes no file (and prints nothing on stdout).
        let bad = folder.write("p.csv", "poster,option,colour,count\nt1,veilig,groen,1\n")
        let refused = run(["stickers", "tally", "bewonersavond", bad, "--surveys", bundledSurveys, "--out", folder.path + "/leeg.json"])
        #expect(refused.status == 1 && refused.out.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/leeg.json"))
    }

    @Test("--out may not name the file a command reads")
    func outIsNotAnInput() throws {
        let folder = TemporaryFolder()
        let copy = folder.path + "/tafel1.csv"
        try FileManager.default.copyItem(atPath: samples + "/stickers-tafel1.csv", toPath: copy)
        let before = try String(contentsOfFile: copy, encoding: .utf8)
        let result = run(["stickers", "tally", "bewonersavond", copy, "--surveys", bundledSurveys, "--out", copy])
        #expect(result.status == 2 && result.err.contains("dat deze opdracht leest"))
        #expect(try String(contentsOfFile: copy, encoding: .utf8) == before)
    }

    @Test("computing the agenda again keeps the council's answers, or refuses when the priorities changed")
    func agendaKeepsTheCouncilsAnswers() throws {
        let folder = TemporaryFolder()
        let stickers = folder.path + "/stickers.json", analysis = folder.path + "/analyse.json"
        #expect(
            run([
                "stickers", "tally", "bewonersavond", samples + "/stickers-tafel1.csv", samples + "/stickers-tafel2.csv",
                "--surveys", bundledSurveys, "--format", "json", "--out", stickers,
            ]).status == 0)
        #expect(
            run([
                "analyse", "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--responses", samples + "/antwoorden.csv",
                "--reference", samples + "/stad.csv", "--indicators", samples + "/indicatoren.csv", "--format", "json", "--out", analysis,
            ]).status == 0)
        let agenda = folder.path + "/agenda.json"
        let make = ["agenda", "--analysis", analysis, "--stickers", stickers, "--format", "json", "--out", agenda]
        #expect(run(make).status == 0)
        let first = try firstPriority(agenda)
        #expect(run(["agenda", "respond", agenda, "--theme", first, "--decision", "adopted", "--date", "2026-12-03"]).status == 0)
        // A second answer to the same priority keeps the first in its history.
        #expect(
            run(["agenda", "respond", agenda, "--theme", first, "--decision", "adjusted", "--reason", "Eerst de schoolroute, dan de rest.", "--date", "2026-12-10"]).status == 0)
        let answered = try JSONValue.parse(try #require(FileManager.default.contents(atPath: agenda)))
        guard case .object(let fields) = answered, case .object(let responses)? = fields["responses"], case .object(let answer)? = responses[first],
            case .array(let history)? = answer["history"]
        else {
            Issue.record("no history in \(answered.compactText)")
            return
        }
        #expect(answer["decision"] == "adjusted" && answer["date"] == "2026-12-10")
        #expect(history == [["decision": "adopted", "reason": nil, "date": "2026-12-03"]])
        // The same inputs again: the answers stay.
        #expect(run(make).status == 0)
        #expect(try String(contentsOfFile: agenda, encoding: .utf8).contains("2026-12-03"))
        // Other weights, other priorities: refused, and the file is as it was.
        let before = try String(contentsOfFile: agenda, encoding: .utf8)
        let changed = run(["agenda", "--analysis", analysis, "--format", "json", "--out", agenda, "--max", "1", "--weights", "residents=0,survey=0,indicators=1"])
        #expect(changed.status == 1 && changed.err.contains("Er is niets overschreven"))
        #expect(try String(contentsOfFile: agenda, encoding: .utf8) == before)
    }

    func firstPriority(_ file: String) throws -> String {
        let json = try JSONValue.parse(try #require(FileManager.default.contents(atPath: file)))
        guard case .object(let agenda) = json, case .array(let priorities)? = agenda["priorities"], case .string(let first)? = priorities.first else { return "" }
        return first
    }

    @Test("an indicator of 10^17 is a finding, not a crash")
    func hugeIndicator() {
        let folder = TemporaryFolder()
        let indicators = folder.write("ind.csv", "indicator,theme,buurt,value,reference,direction\nhuur,wonen,,1e17,5,lower-is-better\nhex,wonen,,0x2A,5,lower-is-better\n")
        let result = run([
            "analyse", "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--responses", samples + "/antwoorden.csv",
            "--indicators", indicators, "--lang", "en",
        ])
        #expect(result.status == 1)
        #expect(result.err.contains("ind.csv:2") && result.err.contains("larger than a neighbourhood's indicator can be"))
        #expect(result.err.contains("ind.csv:3") && result.err.contains("\"0x2A\" is not a number"))
        #expect(result.out.isEmpty)
    }
}
