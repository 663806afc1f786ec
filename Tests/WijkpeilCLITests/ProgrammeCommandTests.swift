import Foundation
import Testing
import WijkpeilCore

/// The programme's rules are tested in Tests/ProgrammeTests; here: the commands' arguments,
/// exit codes, what they say and what they write (or do not).
@Suite("wijkpeil programme")
struct ProgrammeCommandTests {
    /// An agenda and a drafted programme beside it, made with the commands from the bundled sample.
    func drafted(in folder: TemporaryFolder) -> (agenda: String, programme: String) {
        let sample = packageRoot + "/samples/kerkwijk/"
        let (tally, analysis, agenda) = (folder.path + "/uitslag.json", folder.path + "/analyse.json", folder.path + "/agenda.json")
        let steps = [
            wijkpeil(
                "stickers", "tally", "bewonersavond", sample + "stickers-tafel1.csv", sample + "stickers-tafel2.csv", "--surveys", bundledSurveys,
                "--format", "json", "--out", tally),
            wijkpeil(
                "analyse", "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--responses", sample + "antwoorden.csv", "--reference",
                sample + "stad.csv", "--indicators", sample + "indicatoren.csv", "--population", sample + "bevolking.csv", "--by", "buurt",
                "--format", "json", "--out", analysis),
            wijkpeil("agenda", "--analysis", analysis, "--stickers", tally, "--format", "json", "--out", agenda),
            wijkpeil("agenda", "add-priority", agenda, "--theme", "wonen", "--reason", "De woningbouwopgave van de stad vraagt het.", "--date", "2026-11-30"),
            wijkpeil(
                "programme", "draft", "--agenda", agenda, "--analysis", analysis, "--wijk", "Kerkwijk", "--year", "2027", "--budget", "250000",
                "--out", folder.path + "/programma.json"),
        ]
        for step in steps { #expect(step.status == 0, "\(step.err)") }
        return (agenda, folder.path + "/programma.json")
    }

    /// Adds actions to the programme file, as a wijkmanager would by hand.
    func addActions(_ actions: [JSONValue], to file: String) throws {
        guard case .object(var fields) = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: file))) else { return }
        fields["actions"] = .array(actions)
        try Data((JSONValue.object(fields).prettyTextForTests + "\n").utf8).write(to: URL(fileURLWithPath: file))
    }

    func action(_ id: String, goal: String = "veiligheid-1", status: String = "agreed", kind: String = "new") -> JSONValue {
        [
            "id": .string(id), "title": .object(["nl": .string("Actie \(id)")]), "goals": [.string(goal)], "kind": .string(kind), "owner": "gemeente",
            "level": "coproduce", "scale": "buurt", "buurt": "noord", "cost": 1000, "status": .string(status), "quickWin": true,
        ]
    }

    @Test("draft writes a skeleton under every priority, the council's included; check warns, exit 0")
    func draftAndCheck() throws {
        let folder = TemporaryFolder()
        let (_, programme) = drafted(in: folder)
        let json = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: programme)))
        #expect(json.compactText.contains(#""priority":"wonen""#) && json.compactText.contains("speerpunt van de raad"))
        let check = wijkpeil("programme", "check", programme, "--lang", "en")
        #expect(check.status == 0)
        #expect(check.out.contains("goals[0]: warning: goal veiligheid-1 is not SMART: target, owner missing [goal-not-smart]"))
    }

    @Test("an error exits 1 and names the file and path; an agenda changed since the draft is named")
    func checkErrors() throws {
        let folder = TemporaryFolder()
        let (agenda, programme) = drafted(in: folder)
        try addActions([action("A-01", goal: "groen-1")], to: programme)
        let unknownGoal = wijkpeil("programme", "check", programme, "--lang", "en")
        #expect(unknownGoal.status == 1)
        #expect(unknownGoal.out.contains("programma.json: actions[0].goals: error: A-01: there is no goal groen-1 [unknown-goal]"))
        #expect(wijkpeil("agenda", "respond", agenda, "--theme", "veiligheid", "--decision", "adopted", "--date", "2026-12-01").status == 0)
        let changed = wijkpeil("programme", "check", programme, "--lang", "en")
        #expect(changed.status == 1 && changed.err.contains("agenda.sha256: error: the agenda") && changed.err.contains("[agenda-changed]"))
    }

    @Test("status appends to the history and refuses, writing nothing, what it cannot record")
    func status() throws {
        let folder = TemporaryFolder()
        let (_, programme) = drafted(in: folder)
        try addActions([action("A-01")], to: programme)
        let recorded = wijkpeil(
            "programme", "status", programme, "--action", "A-01", "--status", "in-progress", "--note", "Gestart", "--date", "2027-02-01",
            "--by", "gemeente")
        #expect(recorded.status == 0, "\(recorded.err)")
        let before = try Data(contentsOf: URL(fileURLWithPath: programme))
        #expect(String(decoding: before, as: UTF8.self).contains(#""note": "Gestart""#))
        let refused = wijkpeil("programme", "status", programme, "--action", "A-01", "--status", "not-feasible", "--lang", "en")
        #expect(refused.status == 1 && refused.err.contains("not feasible needs a reason (--reason)"))
        let unknown = wijkpeil("programme", "status", programme, "--action", "A-1", "--status", "done", "--lang", "en")
        #expect(unknown.status == 1 && unknown.err.contains("did you mean A-01?"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: programme)) == before)
    }

    @Test("decide records the council's word on a priority; a bad one exits 1 and writes nothing; next-year leaves a stopped one behind")
    func decide() throws {
        let folder = TemporaryFolder()
        let (_, programme) = drafted(in: folder)
        try addActions([action("A-01", status: "in-progress"), action("A-02", goal: "wonen-1", status: "in-progress")], to: programme)
        let decided = wijkpeil(
            "programme", "decide", programme, "--priority", "wonen", "--decision", "stop", "--reason", "Het woonprogramma van de stad neemt het over.",
            "--date", "2027-11-20")
        #expect(decided.status == 0 && decided.err.contains("wonen: stoppen, vastgelegd in"), "\(decided.err)")
        let before = try Data(contentsOf: URL(fileURLWithPath: programme))
        #expect(String(decoding: before, as: UTF8.self).contains(#""reason": "Het woonprogramma van de stad neemt het over.""#))
        let unknown = wijkpeil("programme", "decide", programme, "--priority", "woonen", "--decision", "adjust", "--reason", "x", "--lang", "en")
        #expect(unknown.status == 1 && unknown.err.contains("the programme has no priority woonen; did you mean wonen?"))
        let noReason = wijkpeil("programme", "decide", programme, "--priority", "wonen", "--decision", "continue")
        #expect(noReason.status == 1 && noReason.err.contains("vraagt een reden (--reason)"))
        let badVerdict = wijkpeil("programme", "decide", programme, "--priority", "wonen", "--decision", "pause", "--reason", "x")
        #expect(badVerdict.status == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: programme)) == before)
        let next = folder.path + "/programma-2028.json"
        let refused = wijkpeil("programme", "next-year", programme, "--decisions", folder.write("c.csv", "action,decision\nA-01,1\nA-02,1\n"), "--out", next)
        #expect(refused.status == 1 && refused.err.contains("A-02 dienen alleen wonen, waarmee de raad stopte; geef ze besluit 3"))
        let carried = wijkpeil(
            "programme", "next-year", programme, "--decisions", folder.write("c2.csv", "action,decision\nA-01,1\nA-02,3\n"), "--out", next,
            "--date", "2027-12-01")
        #expect(carried.status == 0 && carried.err.contains("gestopt door de raad: wonen"), "\(carried.err)")
        #expect(!String(decoding: try Data(contentsOf: URL(fileURLWithPath: next)), as: UTF8.self).contains("wonen-1"))
    }

    @Test("report: 4, 8 or 12 months only; a missing indicators file is named; the page, the data and what was left out")
    func report() throws {
        let sample = packageRoot + "/samples/kerkwijk/programma-2027.json"
        #expect(wijkpeil("programme", "report", sample, "--months", "6").status == 2)
        let missing = wijkpeil("programme", "report", sample, "--months", "4", "--indicators", "/nonexistent/reeks.csv")
        #expect(missing.status == 2 && missing.err.contains("kan '/nonexistent/reeks.csv' niet lezen"))
        let html = wijkpeil(
            "programme", "report", sample, "--months", "4", "--today", "2027-05-06", "--indicators", packageRoot + "/samples/kerkwijk/indicatoren-reeks.csv")
        #expect(html.status == 0 && html.out.contains("<svg") && html.out.contains("@page { size: A4 landscape;"))
        #expect(html.err == "geen reeks met jaren in \(packageRoot)/samples/kerkwijk/indicatoren-reeks.csv voor: rapportcijfer wonen (wijkanalyse)\n")
        let json = try JSONValue.parse(Data(wijkpeil("programme", "report", sample, "--months", "12", "--for", "residents", "--format", "json", "--today", "2027-12-20").out.utf8))
        guard case .object(let fields) = json else {
            Issue.record("not an object")
            return
        }
        #expect(fields["for"] == "residents" && fields["nextReport"] == .null && fields["period"] == ["from": "2027-01-01", "to": "2027-12-31", "changesSince": "2027-09-01"])
    }

    @Test("next-year: a missing decision lists the actions and writes nothing; with all decisions the arithmetic is told")
    func nextYear() throws {
        let folder = TemporaryFolder()
        let (_, programme) = drafted(in: folder)
        try addActions(
            [action("A-01", status: "done"), action("A-02", status: "in-progress", kind: "multi-year"), action("A-03", status: "done", kind: "recurring")],
            to: programme)
        let next = folder.path + "/programma-2028.json"
        let missing = wijkpeil(
            "programme", "next-year", programme, "--decisions", folder.write("carry.csv", "action,decision\nA-02,1\n"), "--out", next, "--lang", "en")
        #expect(missing.status == 1 && missing.err.contains("no decision (1, 2 or 3) for A-03"))
        #expect(!FileManager.default.fileExists(atPath: next))
        let bad = wijkpeil("programme", "next-year", programme, "--decisions", folder.write("bad.csv", "action,decision\nA-02,4\n"), "--out", next)
        #expect(bad.status == 1 && bad.err.contains("bad.csv:2: fout:"))
        let carried = wijkpeil(
            "programme", "next-year", programme, "--decisions", folder.write("carry2.csv", "action,decision\nA-02,1\nA-03,1\n"), "--out", next,
            "--date", "2027-11-20")
        #expect(carried.status == 0, "\(carried.err)")
        #expect(carried.err.contains("2028: 2 acties (2 uit 2027: 1 lopen door, 1 herhalen; 0 nieuw)"))
        #expect(wijkpeil("programme", "show", next, "--lang", "en").out.contains("2 actions, 2 count towards the limit (at most 45)"))
    }

    @Test("actions export then import changes nothing; an unknown column is named, exit 1, and the file stays as it was")
    func spreadsheet() throws {
        let folder = TemporaryFolder()
        let (_, programme) = drafted(in: folder)
        let imported = wijkpeil("programme", "actions", "import", programme, packageRoot + "/samples/kerkwijk/acties-2027.csv", "--lang", "en")
        #expect(imported.status == 0 && imported.err.contains("18 added, 0 updated, 0 unchanged, 0 removed"))
        let sheet = folder.path + "/acties.csv"
        #expect(wijkpeil("programme", "actions", "export", programme, "--out", sheet).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: programme))
        let again = wijkpeil("programme", "actions", "import", programme, sheet, "--lang", "en")
        #expect(again.status == 0 && again.err.contains("0 added, 0 updated, 18 unchanged"))
        let bad = wijkpeil("programme", "actions", "import", programme, folder.write("fout.csv", "id,kosten\nA-01,5\n"), "--lang", "en")
        #expect(bad.status == 1 && bad.err.contains("fout.csv:1: kosten: error: unknown column \"kosten\""))
        #expect(try Data(contentsOf: URL(fileURLWithPath: programme)) == before)
    }

    @Test("goal records a target and an owner; an unknown goal is named with the closest, exit 1")
    func goal() throws {
        let folder = TemporaryFolder()
        let (_, programme) = drafted(in: folder)
        let set = wijkpeil("programme", "goal", programme, "--goal", "veiligheid-1", "--target", "5,0", "--target-year", "2028", "--owner", "wijkmanager")
        #expect(set.status == 0)
        #expect(!wijkpeil("programme", "check", programme, "--lang", "en").out.contains("goal veiligheid-1 is not SMART"))
        let unknown = wijkpeil("programme", "goal", programme, "--goal", "veiligheid-2", "--owner", "x", "--lang", "en")
        #expect(unknown.status == 1 && unknown.err.contains("no goal veiligheid-2; did you mean veiligheid-1?"))
        #expect(wijkpeil("programme", "goal", programme, "--goal", "veiligheid-1", "--target", "5").status == 2)
    }

    @Test("show traces each priority to what residents said: the agenda's own figures; without a matching agenda it says so and shows the rest")
    func tracedToResidents() throws {
        let sample = packageRoot + "/samples/kerkwijk/"
        let shown = wijkpeil("programme", "show", sample + "programma-2027.json", "--format", "json")
        #expect(shown.status == 0 && shown.err.isEmpty)
        let agenda = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: sample + "agenda.json")))
        guard case .object(let fields) = try JSONValue.parse(Data(shown.out.utf8)), case .array(let traced)? = fields["tracedToResidents"],
            case .object(let agendaFields) = agenda, case .array(let themes)? = agendaFields["themes"]
        else {
            Issue.record("no tracedToResidents")
            return
        }
        for case .object(let entry) in traced {
            guard case .string(let priority)? = entry["priority"], case .object(let evidence)? = entry["evidence"] else { continue }
            let theme = themes.first { $0.compactText.contains(#""theme":"\#(priority)""#) }
            guard case .object(let themeFields)? = theme, case .object(let signals)? = themeFields["signals"] else {
                Issue.record("no theme \(priority) in the agenda")
                continue
            }
            #expect(evidence["stickers"] == signals["residents"] && evidence["dissatisfied"] == signals["survey"], "\(priority)")
        }
        #expect(traced.count == 4)
        #expect(shown.out.contains("De woningbouwopgave van de stad vraagt het."))

        let folder = TemporaryFolder()
        let (agendaFile, programme) = drafted(in: folder)
        #expect(wijkpeil("agenda", "respond", agendaFile, "--theme", "veiligheid", "--decision", "adopted", "--date", "2026-12-01").status == 0)
        let stale = wijkpeil("programme", "show", programme, "--format", "md", "--lang", "en")
        #expect(stale.status == 0 && stale.err.contains("what residents said is left out") && stale.out.contains("## veiligheid"))
    }

    @Test("a milestone recorded as met is no longer overdue; an unknown one is named with those the programme has")
    func milestone() throws {
        let folder = TemporaryFolder()
        let (_, programme) = drafted(in: folder)
        let before = wijkpeil("programme", "check", programme, "--today", "2027-03-02", "--lang", "en")
        #expect(before.out.contains("calendar[0]: warning") && before.out.contains("calendar[1]: warning"))
        #expect(wijkpeil("programme", "milestone", programme, "--id", "concept", "--date", "2026-12-02").status == 0)
        let after = wijkpeil("programme", "check", programme, "--today", "2027-03-02", "--lang", "en")
        #expect(!after.out.contains("calendar[0]: warning") && after.out.contains("calendar[1]: warning"))
        #expect(wijkpeil("programme", "show", programme, "--today", "2027-03-02", "--lang", "en").out.contains("Draft action plan entered by the neighbourhood manager  done"))
        let unknown = wijkpeil("programme", "milestone", programme, "--id", "brieven", "--lang", "en")
        #expect(unknown.status == 1 && unknown.err.contains("the programme has concept, beoordeling, brief, aanbieding, vaststelling"))
    }

    @Test("a programme is never written over: draft and next-year refuse an existing file, which stays as it was")
    func neverOverwritten() throws {
        let folder = TemporaryFolder()
        let (agenda, programme) = drafted(in: folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: programme))
        let again = wijkpeil("programme", "draft", "--agenda", agenda, "--wijk", "K", "--year", "2027", "--budget", "1", "--out", programme, "--lang", "en")
        #expect(again.status == 1 && again.err.contains("exists already; a programme is never written over"))
        let existing = folder.write("programma-2028.json", "{}")
        let next = wijkpeil(
            "programme", "next-year", programme, "--decisions", folder.write("c.csv", "action,decision\n"), "--out", existing, "--lang", "en")
        #expect(next.status == 1 && next.err.contains("never written over"))
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "{}")
        #expect(try Data(contentsOf: URL(fileURLWithPath: programme)) == before)
    }

    @Test("usage errors exit 2", arguments: [["programme", "check"], ["programme", "draft", "--wijk", "K"], ["programme", "next-year", "p.json"]])
    func usage(_ arguments: [String]) {
        #expect(run(arguments).status == 2)
    }
}

extension JSONValue {
    var prettyTextForTests: String { String(decoding: encoded(pretty: true), as: UTF8.self) }
}
