import Foundation
import Testing

/// The walk-through of docs/walkthrough.md on the bundled sample, run in-process: what it prints
/// must stay byte for byte what `samples/kerkwijk/walkthrough.txt` holds, so a renovation that
/// changes a figure, a sentence or a column is seen. After a change meant to alter the output,
/// record it again with `WIJKPEIL_RECORD_WALKTHROUGH=1 swift test --filter Walkthrough` and read
/// the diff before committing it.
@Suite("The bundled walk-through prints what it printed")
struct WalkthroughTests {
    static let expectedFile = packageRoot + "/samples/kerkwijk/walkthrough.txt"

    /// The walk-through's commands; `S/` is the sample folder, `T/` a fresh folder for outputs, `B/`
    /// the bundled surveys.
    static let steps: [[String]] = [
        ["stickers", "tally", "bewonersavond", "S/stickers-tafel1.csv", "S/stickers-tafel2.csv"],
        ["stickers", "tally", "bewonersavond", "S/stickers-tafel1.csv", "S/stickers-tafel2.csv", "--format", "json", "--out", "T/uitslag.json"],
        [
            "analyse", "--survey", "wijkanalyse", "--responses", "S/antwoorden.csv", "--reference", "S/stad.csv", "--indicators",
            "S/indicatoren.csv", "--population", "S/bevolking.csv", "--by", "buurt", "--wijk", "Kerkwijk", "--cbs", "WK034401", "--period", "2026",
        ],
        [
            "analyse", "--survey", "wijkanalyse", "--responses", "S/antwoorden.csv", "--reference", "S/stad.csv", "--indicators",
            "S/indicatoren.csv", "--population", "S/bevolking.csv", "--by", "buurt", "--wijk", "Kerkwijk", "--cbs", "WK034401", "--period", "2026",
            "--format", "json", "--out", "T/analyse.json",
        ],
        // The earlier wave (2024), and this one against it.
        [
            "analyse", "--survey", "wijkanalyse", "--responses", "S/antwoorden-2024.csv", "--wijk", "Kerkwijk", "--period", "2024", "--format", "json",
            "--out", "T/analyse-2024.json",
        ],
        ["analyse", "--survey", "wijkanalyse", "--responses", "S/antwoorden.csv", "--wijk", "Kerkwijk", "--period", "2026", "--previous", "T/analyse-2024.json"],
        ["agenda", "--analysis", "T/analyse.json", "--stickers", "T/uitslag.json"],
        ["agenda", "--analysis", "T/analyse.json", "--stickers", "T/uitslag.json", "--lang", "en"],
        ["agenda", "--analysis", "T/analyse.json", "--stickers", "T/uitslag.json", "--evening", "2026-12-03", "--format", "json", "--out", "T/agenda.json"],
        ["agenda", "respond", "T/agenda.json", "--theme", "veiligheid", "--decision", "adopted", "--date", "2026-12-10"],
        [
            "agenda", "respond", "T/agenda.json", "--theme", "verkeer", "--decision", "adjusted", "--reason", "Eerst de schoolroute; de rest van de wijk in 2028", "--date",
            "2026-12-10",
        ],
        ["agenda", "add-priority", "T/agenda.json", "--theme", "wonen", "--reason", "De woningbouwopgave van de stad vraagt het.", "--date", "2026-12-10"],
        ["agenda", "publish", "T/agenda.json", "--out", "T/agenda.html"],
        ["agenda", "verify", "T/agenda.json", "--analysis", "T/analyse.json", "--stickers", "T/uitslag.json"],
        [
            "programme", "draft", "--agenda", "T/agenda.json", "--analysis", "T/analyse.json", "--wijk", "Kerkwijk", "--year", "2027", "--budget",
            "250000", "--out", "T/programma-2027.json",
        ],
        [
            "programme", "goal", "T/programma-2027.json", "--goal", "veiligheid-1", "--text", "Minder woninginbraken", "--text-en", "Fewer burglaries",
            "--target", "5,0", "--target-year", "2028", "--owner", "wijkmanager",
        ],
        [
            "programme", "goal", "T/programma-2027.json", "--goal", "verkeer-1", "--text", "Minder verkeersongevallen, eerst op de schoolroute",
            "--target", "1,5", "--target-year", "2029", "--owner", "verkeerskundige",
        ],
        [
            "programme", "goal", "T/programma-2027.json", "--goal", "werk-inkomen-1", "--text", "Minder huishoudens met een laag inkomen",
            "--target", "12", "--target-year", "2029", "--owner", "beleidsadviseur-werk",
        ],
        [
            "programme", "goal", "T/programma-2027.json", "--goal", "wonen-1", "--text", "Prettiger wonen in de oude straten", "--indicator",
            "rapportcijfer wonen (wijkanalyse)", "--baseline", "6,6", "--baseline-year", "2026", "--target", "7,0", "--target-year", "2029",
            "--owner", "woningcorporatie",
        ],
        ["programme", "actions", "import", "T/programma-2027.json", "S/acties-2027.csv", "--date", "2026-12-01"],
        ["programme", "milestone", "T/programma-2027.json", "--id", "concept", "--date", "2026-12-02"],
        ["programme", "check", "T/programma-2027.json", "--today", "2027-03-02"],
        ["programme", "show", "T/programma-2027.json", "--today", "2027-03-02"],
        ["budget", "count", "--pb", "S/wijkbudget-2027.pb", "--rule", "greedy"],
        ["budget", "count", "--pb", "S/wijkbudget-2027.pb"],
        // Four months on: what happened, what was promised, and the reports.
        ["programme", "milestone", "T/programma-2027.json", "--id", "beoordeling", "--date", "2027-02-26"],
        ["programme", "milestone", "T/programma-2027.json", "--id", "brief", "--date", "2027-03-05"],
        [
            "programme", "status", "T/programma-2027.json", "--action", "A-01", "--status", "in-progress", "--spent", "1200", "--note",
            "App gestart in noord", "--date", "2027-02-15", "--by", "politie",
        ],
        [
            "programme", "status", "T/programma-2027.json", "--action", "A-06", "--status", "done", "--spent", "1400", "--note",
            "Borden staan er", "--date", "2027-03-20", "--by", "gemeente",
        ],
        [
            "programme", "status", "T/programma-2027.json", "--action", "A-10", "--status", "in-progress", "--spent", "6500", "--note",
            "Ontwerp klaar, uitvoering in mei", "--date", "2027-04-10", "--by", "verkeerskundige",
        ],
        ["programme", "status", "T/programma-2027.json", "--action", "A-11", "--spent", "2100", "--note", "Eerste spreekuren", "--date", "2027-03-31"],
        [
            "commitments", "add", "--db", "T/wijkpeil.sqlite", "--to", "residents", "--what",
            "Bewoners horen vóór 1 mei wat er met hun stippen en antwoorden is gedaan.", "--owner", "wijkmanager", "--due", "2027-04-30",
            "--date", "2026-12-10", "--wijk", "Kerkwijk",
        ],
        [
            "commitments", "add", "--db", "T/wijkpeil.sqlite", "--to", "council", "--what",
            "De raad krijgt een plan voor de parkeerdruk bij de school, met de kosten.", "--owner", "verkeerskundige", "--due", "2027-04-01",
            "--date", "2027-01-20", "--wijk", "Kerkwijk",
        ],
        [
            "commitments", "close", "--db", "T/wijkpeil.sqlite", "--number", "1", "--how", "Huis-aan-huisbrief 'Wat we met uw inbreng deden'",
            "--date", "2027-04-22",
        ],
        ["commitments", "list", "--db", "T/wijkpeil.sqlite", "--today", "2027-05-06"],
        [
            "programme", "report", "T/programma-2027.json", "--months", "4", "--today", "2027-05-06", "--indicators", "S/indicatoren-reeks.csv",
            "--db", "T/wijkpeil.sqlite", "--format", "md",
        ],
        [
            "programme", "report", "T/programma-2027.json", "--months", "4", "--today", "2027-05-06", "--for", "residents", "--survey", "wijkanalyse",
            "--surveys", "B/", "--format", "md",
        ],
        // The end of the year: the evaluation, the council's word, and the next year.
        [
            "programme", "evaluate", "T/programma-2027.json", "--indicators", "S/indicatoren-reeks.csv", "--date", "2027-11-15", "--out",
            "T/evaluatie-2027.json",
        ],
        ["programme", "evaluate", "T/programma-2027.json", "--filled", "S/evaluatie-2027-ingevuld.json"],
        [
            "programme", "decide", "T/programma-2027.json", "--priority", "wonen", "--decision", "adjust", "--reason",
            "Eerst de achterpaden, de speelplek in 2028", "--date", "2027-11-25",
        ],
        [
            "programme", "next-year", "T/programma-2027.json", "--decisions", "S/besluiten-2027.csv", "--evaluation", "S/evaluatie-2027-ingevuld.json",
            "--date", "2027-12-10", "--out", "T/programma-2028.json",
        ],
        ["programme", "check", "T/programma-2028.json", "--today", "2027-12-10"],
        // The council's dashboard over the years.
        [
            "dashboard", "--programme", "T/programma-2027.json", "--analysis", "2026=T/analyse.json", "--stickers", "T/uitslag.json", "--evaluation",
            "2025=S/evaluatie-antwoorden-2025.csv", "--evaluation", "2027=S/evaluatie-antwoorden-2027.csv", "--indicators", "S/indicatoren-reeks.csv",
            "--db", "T/wijkpeil.sqlite", "--surveys", "B/", "--today", "2027-11-30", "--format", "json",
        ],
    ]

    /// Every step's command, stdout, stderr and exit code, with the folders written as `S/` and `T/`.
    static func transcript(in folder: TemporaryFolder, language: String? = nil) -> String {
        let samples = packageRoot + "/samples/kerkwijk/"
        var text = ""
        for step in steps {
            func path(_ argument: String) -> String {
                // `2026=T/analyse.json`: a wave's year before the file.
                if let equals = argument.firstIndex(of: "="), argument[..<equals].allSatisfy(\.isNumber) {
                    return String(argument[...equals]) + path(String(argument[argument.index(after: equals)...]))
                }
                if argument == "B/" { return bundledSurveys }
                if argument.hasPrefix("S/") { return samples + argument.dropFirst(2) }
                if argument.hasPrefix("T/") { return folder.path + "/" + argument.dropFirst(2) }
                return argument
            }
            let arguments =
                step.map(path) + (["agenda", "programme", "budget", "commitments", "dashboard"].contains(step[0]) ? [] : ["--surveys", bundledSurveys])
                + (step.contains("--lang") ? [] : language.map { ["--lang", $0] } ?? [])
            let result = run(arguments)
            func normalised(_ output: String) -> String {
                output.replacingOccurrences(of: folder.path + "/", with: "T/").replacingOccurrences(of: samples, with: "S/")
            }
            text += "$ wijkpeil " + step.joined(separator: " ") + "\n"
            text += normalised(result.out)
            if !result.err.isEmpty { text += "[stderr]\n" + normalised(result.err) }
            text += "[exit \(result.status)]\n\n"
        }
        return text
    }

    @Test("the output of every step is the recorded output")
    func sameOutput() throws {
        let folder = TemporaryFolder()
        let actual = Self.transcript(in: folder)
        // The sample's agenda and programme are the ones the walk-through makes.
        let made = ["agenda.json", "programma-2027.json"]
        if ProcessInfo.processInfo.environment["WIJKPEIL_RECORD_WALKTHROUGH"] == "1" {
            try actual.write(toFile: Self.expectedFile, atomically: true, encoding: .utf8)
            for name in made {
                try? FileManager.default.removeItem(atPath: packageRoot + "/samples/kerkwijk/" + name)
                try FileManager.default.copyItem(atPath: folder.path + "/" + name, toPath: packageRoot + "/samples/kerkwijk/" + name)
            }
        }
        for name in made {
            let sample = try String(contentsOfFile: packageRoot + "/samples/kerkwijk/" + name, encoding: .utf8)
            let now = try String(contentsOfFile: folder.path + "/" + name, encoding: .utf8)
            #expect(sample == now, "samples/kerkwijk/\(name) is not what the walk-through makes; re-record with WIJKPEIL_RECORD_WALKTHROUGH=1 swift test --filter Walkthrough")
        }
        let expected = try String(contentsOfFile: Self.expectedFile, encoding: .utf8)
        guard actual != expected else { return }
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(actualLines.count, expectedLines.count)
        let shown = { (lines: [Substring]) in first < lines.count ? String(lines[first]) : "(end)" }
        Issue.record("line \(first + 1) differs:\n  recorded: \(shown(expectedLines))\n  now:      \(shown(actualLines))")
    }

    @Test("every step of the walk-through succeeds")
    func everyStepSucceeds() throws {
        let expected = try String(contentsOfFile: Self.expectedFile, encoding: .utf8)
        #expect(expected.components(separatedBy: "[exit 0]").count - 1 == Self.steps.count)
    }
}
