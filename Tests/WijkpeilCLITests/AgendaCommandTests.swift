import Foundation
import Testing
import WijkpeilCore

/// One evening on the bundled sample: tally → analyse → agenda → respond → publish → verify.
@Suite("wijkpeil agenda")
struct AgendaCommandTests {
    let samples = packageRoot + "/samples/kerkwijk"

    /// Writes the tally and the analysis of the sample into `folder`.
    func inputs(_ folder: TemporaryFolder) -> (stickers: String, analysis: String) {
        let stickers = folder.path + "/stickers.json", analysis = folder.path + "/analyse.json"
        let tally = run([
            "stickers", "tally", "bewonersavond", samples + "/stickers-tafel1.csv", samples + "/stickers-tafel2.csv",
            "--surveys", bundledSurveys, "--format", "json",
        ])
        _ = FileManager.default.createFile(atPath: stickers, contents: Data(tally.out.utf8))
        let analysed = run([
            "analyse", "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--responses", samples + "/antwoorden.csv",
            "--reference", samples + "/stad.csv", "--indicators", samples + "/indicatoren.csv", "--format", "json", "--out", analysis,
        ])
        #expect(tally.status == 0 && analysed.status == 0, "\(tally.err)\(analysed.err)")
        return (stickers, analysis)
    }

    @Test("the whole evening: the agenda, the council's answers, the page for residents, verification")
    func evening() throws {
        let folder = TemporaryFolder()
        let (stickers, analysis) = inputs(folder)
        let agendaFile = folder.path + "/agenda.json"
        let made = run(["agenda", "--analysis", analysis, "--stickers", stickers, "--format", "json", "--out", agendaFile])
        #expect(made.status == 0, "\(made.err)")
        let json = try JSONValue.parse(try #require(FileManager.default.contents(atPath: agendaFile)))
        guard case .object(let agenda) = json, case .array(let priorities)? = agenda["priorities"] else {
            Issue.record("no priorities")
            return
        }
        #expect(priorities.count == 3)
        guard case .string(let first) = priorities[0], case .string(let second) = priorities[1] else { return }
        // The table shows the mentions (what residents named first) beside the stickers.
        let table = run(["agenda", "--analysis", analysis, "--stickers", stickers])
        #expect(table.out.contains("genoemd") && table.err.contains("door 76% als eerste genoemd"), "\(table.out)\(table.err)")

        // The council answers: a rejection without a reason is refused at level advise.
        let refused = run(["agenda", "respond", agendaFile, "--theme", second, "--decision", "rejected"])
        #expect(refused.status == 1)
        #expect(refused.err.contains("alleen met redenen"))
        #expect(run(["agenda", "respond", agendaFile, "--theme", first, "--decision", "adopted", "--date", "2026-12-03"]).status == 0)
        #expect(run(["agenda", "respond", agendaFile, "--theme", second, "--decision", "adjusted", "--reason", "Eerst de schoolroute.", "--date", "2026-12-03"]).status == 0)
        #expect(run(["agenda", "respond", agendaFile, "--theme", "samenleven", "--decision", "adopted"]).status == 1)

        let page = run(["agenda", "publish", agendaFile])
        #expect(page.status == 0)
        #expect(page.out.contains("De raad: overgenomen (3 december 2026)."))
        #expect(page.out.contains("De raad: aangepast overgenomen (3 december 2026). Waarom: Eerst de schoolroute."))
        #expect(page.out.contains("De raad heeft nog niet geantwoord."))
        #expect(page.err.contains("de raad heeft nog niet geantwoord op: werk-inkomen"))

        // Anyone with the inputs can check it, answers and all.
        let verified = run(["agenda", "verify", agendaFile, "--analysis", analysis, "--stickers", stickers])
        #expect(verified.status == 0, "\(verified.out)")
        #expect(verified.out.contains(": klopt — speerpunten"))
    }

    @Test("a changed input or a changed agenda does not verify")
    func tampered() throws {
        let folder = TemporaryFolder()
        let (stickers, analysis) = inputs(folder)
        let agendaFile = folder.path + "/agenda.json"
        #expect(run(["agenda", "--analysis", analysis, "--stickers", stickers, "--format", "json", "--out", agendaFile]).status == 0)
        // Without the sticker tally the inputs differ.
        let missing = run(["agenda", "verify", agendaFile, "--analysis", analysis])
        #expect(missing.status == 1 && missing.out.contains("klopt NIET"))
        // An agenda whose priorities were edited by hand.
        var text = String(decoding: try #require(FileManager.default.contents(atPath: agendaFile)), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"selected\" : false", with: "\"selected\" : true")
        text = text.replacingOccurrences(of: "\"selected\": false", with: "\"selected\": true")
        let edited = folder.write("edited.json", text)
        let result = run(["agenda", "verify", edited, "--analysis", analysis, "--stickers", stickers])
        #expect(result.status == 1, "\(result.out)")
        // Each field that differs is named, with the recorded and the recomputed value.
        #expect(result.out.contains("themes[3].selected: vastgelegd true, herberekend false"), "\(result.out)")
        // A level changed by hand is caught by the level that was agreed.
        let original = String(decoding: try #require(FileManager.default.contents(atPath: agendaFile)), as: UTF8.self)
        let lowered = folder.write("inform.json", original.replacingOccurrences(of: "\"level\": \"advise\"", with: "\"level\": \"inform\""))
        let level = run(["agenda", "verify", lowered, "--analysis", analysis, "--stickers", stickers, "--level", "advise"])
        #expect(level.status == 1 && level.out.contains("level: vastgelegd inform, verwacht advise"), "\(level.out)")
        // A rule no Wijkpeil wrote is refused with its path.
        let rule = folder.write("rule.json", original.replacingOccurrences(of: "wijkpeil-agenda-2: signals", with: "wijkpeil-agenda-2: my own signals"))
        let ruled = run(["agenda", "verify", rule, "--analysis", analysis, "--stickers", stickers])
        #expect(ruled.status == 1 && ruled.err.contains("[unknown-rule]"))
    }

    @Test("at co-decide the council cannot reject what residents decided; a date must be real; publish refuses a hand-edited rejection")
    func councilRules() throws {
        let folder = TemporaryFolder()
        let (stickers, analysis) = inputs(folder)
        let agendaFile = folder.path + "/agenda.json"
        #expect(run(["agenda", "--analysis", analysis, "--stickers", stickers, "--level", "codecide", "--format", "json", "--out", agendaFile]).status == 0)
        let refused = run(["agenda", "respond", agendaFile, "--theme", "veiligheid", "--decision", "rejected", "--reason", "De raad vindt het te duur voor nu."])
        #expect(refused.status == 1)
        #expect(refused.err.contains("bij meebeslissen besluiten bewoners") && refused.err.contains("outside-frames"))
        let badDate = run(["agenda", "respond", agendaFile, "--theme", "veiligheid", "--decision", "adopted", "--date", "2026-02-30"])
        #expect(badDate.status == 2 && badDate.err.contains("is geen datum"))
        let outside = run([
            "agenda", "respond", agendaFile, "--theme", "veiligheid", "--decision", "outside-frames", "--frame", "budget",
            "--reason", "Het plan kost drie keer het budget van de wijk.", "--date", "2026-12-03",
        ])
        #expect(outside.status == 0, "\(outside.err)")
        #expect(run(["agenda", "add-priority", agendaFile, "--theme", "wonen", "--reason", "De woningbouwopgave van de stad vraagt het.", "--date", "2026-12-03"]).status == 0)
        #expect(run(["agenda", "verify", agendaFile, "--analysis", analysis, "--stickers", stickers]).status == 0)
        let page = run(["agenda", "publish", agendaFile])
        #expect(page.out.contains("valt buiten de vooraf gestelde kaders (kader: budget)") && page.out.contains("Door de raad toegevoegd"))
        // A rejection without a reason, edited in by hand, is not published.
        var text = String(decoding: try #require(FileManager.default.contents(atPath: agendaFile)), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"decision\" : \"outside-frames\"", with: "\"decision\" : \"rejected\"")
        text = text.replacingOccurrences(of: "\"decision\": \"outside-frames\"", with: "\"decision\": \"rejected\"")
        let edited = folder.write("edited.json", text)
        let published = run(["agenda", "publish", edited, "--lang", "en"])
        #expect(published.status == 1 && published.out.isEmpty && published.err.contains("responses.veiligheid: at co-decide residents decide"))
    }

    @Test("another file of the evening given as the agenda is named as such, once")
    func notAnAgenda() {
        let folder = TemporaryFolder()
        let (_, analysis) = inputs(folder)
        let result = run(["agenda", "publish", analysis])
        #expect(result.status == 1)
        #expect(result.out.isEmpty && result.err.contains("[not-an-agenda]"))
        #expect(result.err.split(separator: "\n").count == 1)
    }

    @Test("--max 5 is refused with the guide's reason")
    func maxFive() {
        let result = run(["agenda", "--analysis", "a.json", "--max", "5"])
        #expect(result.status == 2)
        #expect(result.err.contains("three or four priorities"))
    }

    @Test("the evening: its date as given, its participants from the tallies; a date that is no date is refused")
    func eveningNamed() throws {
        let folder = TemporaryFolder()
        let (stickers, analysis) = inputs(folder)
        let made = run(["agenda", "--analysis", analysis, "--stickers", stickers, "--evening", "2026-12-03", "--format", "json"])
        #expect(made.status == 0, "\(made.err)")
        let json = try JSONValue.parse(Array(made.out.utf8))
        guard case .object(let root) = json, case .object(let evening)? = root["evening"] else { Issue.record("no evening"); return }
        let tally = try JSONValue.parse(Array(try String(contentsOfFile: stickers, encoding: .utf8).utf8))
        guard case .object(let counted) = tally else { Issue.record("no tally"); return }
        #expect(evening["date"] == .string("2026-12-03") && evening["participants"] == counted["participants"])
        #expect(run(["agenda", "--analysis", analysis, "--stickers", stickers, "--evening", "3-12-2026"]).status == 2)
    }

    @Test("weights that do not sum to 1 are rescaled, and that is told")
    func rescaled() {
        let folder = TemporaryFolder()
        let (stickers, analysis) = inputs(folder)
        let result = run(["agenda", "--analysis", analysis, "--stickers", stickers, "--weights", "residents=2,survey=1,indicators=1", "--format", "json"])
        #expect(result.status == 0)
        // A signal left out weighs 0, and the message says so.
        #expect(result.err.contains("gewichten herschaald tot samen 1: residents=0.5,mentions=0,survey=0.25,indicators=0.25"))
        let negative = run(["agenda", "--analysis", analysis, "--weights", "residents=-1"])
        #expect(negative.status == 2)
    }
}

@Suite("wijkpeil cycle and plan check agree")
struct CycleAndPlanTests {
    @Test("a plan built from `cycle --format json`, each step at each level and with the instruments it lists, draws no warning")
    func planFromTheCycle() throws {
        let cycle = run(["cycle", "--format", "json"])
        guard case .array(let steps) = try JSONValue.parse(Data(cycle.out.utf8)) else { Issue.record("no steps"); return }
        let folder = TemporaryFolder()
        for pick in [0, -1] {
            var planned: [JSONValue] = []
            for case .object(let step) in steps {
                guard case .array(let levels)? = step["levels"], !levels.isEmpty, let id = step["id"] else { continue }
                planned.append(.object(["step": id, "level": pick == 0 ? levels[0] : levels[levels.count - 1], "instruments": step["instruments"] ?? []]))
            }
            let plan = folder.write("plan\(pick).json", String(decoding: JSONValue.object(["id": "uit-de-cyclus", "steps": .array(planned)]).encoded(pretty: true), as: UTF8.self))
            let checked = run(["plan", "check", plan, "--surveys", bundledSurveys, "--lang", "en"])
            #expect(checked.status == 0 && !checked.out.contains("warning"), "\(checked.out)")
        }
    }
}
