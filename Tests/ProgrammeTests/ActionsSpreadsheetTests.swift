import Programme
import Testing
import WijkpeilCore

@Suite("The actions as a spreadsheet")
struct ActionsSpreadsheetTests {
    func apply(_ text: String, to programme: inout Programme, replace: Bool = false) throws(InvalidInput) -> ActionsSpreadsheet.Outcome {
        try ActionsSpreadsheet.apply(Array(text.utf8), file: "acties.csv", to: &programme, replace: replace, date: "2027-01-10", by: "wijkmanager")
    }

    @Test("exported and imported unchanged, nothing changes and no history is written")
    func roundTrip() throws {
        var programme = sampleProgramme()
        programme.actions[2].status = .notFeasible
        programme.actions[2].notFeasible = .init(reason: LocalizedText(nl: "Van de provincie", en: "The province's"), alternative: LocalizedText(nl: "Lantaarns"))
        programme.actions[0].partners = ["wijkraad", "politie"]
        programme.actions[0].title = LocalizedText(nl: "App, \"buurtpreventie\"", en: "Neighbourhood watch app")
        let before = programme
        let outcome = try apply(ActionsSpreadsheet.csv(programme.actions), to: &programme)
        #expect(outcome.unchanged == ["A-01", "A-02", "A-03"] && outcome.updated.isEmpty && outcome.added.isEmpty)
        #expect(programme == before)
    }

    @Test("a changed row updates its action and appends what changed; a new id adds one; --replace removes the rest")
    func updateAddReplace() throws {
        var programme = sampleProgramme()
        let text = "id;status;cost;title\nA-01;in-progress;4.500;Buurtpreventie-app uitbreiden\nA-09;;;Bankjes op het plein\n"
        // A new action without an owner or goal is refused: nothing changes.
        #expect(throws: InvalidInput.self) { try apply(text, to: &programme) }
        #expect(programme == sampleProgramme())

        let good =
            "\u{FEFF}id;status;cost;title;goals;owner\nA-01;in-progress;4.500;Buurtpreventie-app uitbreiden;veiligheid-1;politie\nA-09;;;Bankjes op het plein;verkeer-1;gemeente\n"
        let outcome = try apply(good, to: &programme)
        #expect(outcome.updated == ["A-01"] && outcome.added == ["A-09"])
        let first = try #require(programme.action("A-01"))
        #expect(first.status == .inProgress && first.cost == 4_500)
        #expect(first.history.last == Change(date: "2027-01-10", by: "wijkmanager", note: "bijgewerkt uit acties.csv", status: .inProgress, cost: 4_500))
        #expect(programme.action("A-09")?.history.map(\.note) == ["toegevoegd uit acties.csv"])
        #expect(programme.action("A-02") != nil)

        let removed = try apply("id,title\nA-01,Buurtpreventie-app uitbreiden\n", to: &programme, replace: true)
        #expect(removed.removed == ["A-02", "A-03", "A-09"] && programme.actions.map(\.id) == ["A-01"])
    }

    @Test("an unknown column, or a bad cell, is named with its line and column, and nothing changes")
    func badInput() throws {
        var programme = sampleProgramme()
        do {
            _ = try apply("id,stauts\nA-01,done\n", to: &programme)
            Issue.record("accepted an unknown column")
        } catch {
            #expect(error.findings.all.map { "\($0.location)" } == ["acties.csv:1: stauts"])
            #expect(error.findings.all[0].message.en?.contains("did you mean \"status\"?") == true)
        }
        do {
            _ = try apply("id,status,start,quickWin\nA-01,done,2027-13,ja\nA-02,klaar,,misschien\n", to: &programme)
            Issue.record("accepted bad cells")
        } catch {
            #expect(error.findings.all.map { "\($0.location)" } == ["acties.csv:2: start", "acties.csv:3: status", "acties.csv:3: quickWin"])
        }
        #expect(programme == sampleProgramme())
    }

    @Test("new actions for next year come with a history entry saying where they came from")
    func newActions() throws {
        let actions = try ActionsSpreadsheet.newActions(
            Array("id,title,goals,owner\nN-1,Speeltuin,verkeer-1,gemeente\n".utf8), file: "nieuw.csv", date: "2027-11-20", by: "wijkraad")
        #expect(actions.map(\.id) == ["N-1"] && actions[0].history.map(\.by) == ["wijkraad"])
    }
}
