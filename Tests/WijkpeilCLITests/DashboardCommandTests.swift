import Foundation
import Testing
import WijkpeilCore

/// The dashboard's figures are tested in Tests/DashboardTests and Tests/WorkflowsTests (and
/// recorded in the walk-through); here: its arguments and exit codes.
@Suite("wijkpeil dashboard")
struct DashboardCommandTests {
    let samples = packageRoot + "/samples/kerkwijk/"

    @Test("without a programme, or an evaluation wave without its year, it is a usage error; a missing file is named")
    func usage() {
        #expect(wijkpeil("dashboard").status == 2)
        let noYear = wijkpeil("dashboard", "--programme", samples + "programma-2027.json", "--evaluation", samples + "evaluatie-antwoorden-2027.csv")
        #expect(noYear.status == 2 && noYear.err.contains("--evaluation heeft het jaar van de meting nodig"))
        let missing = wijkpeil("dashboard", "--programme", samples + "programma-2027.json", "--stickers", "/nonexistent/uitslag.json")
        #expect(missing.status == 2 && missing.err.contains("kan '/nonexistent/uitslag.json' niet lezen"))
    }

    @Test("the page for the sample: the five questions, in English when asked")
    func page() {
        let result = wijkpeil(
            "dashboard", "--programme", samples + "programma-2027.json", "--evaluation", "2027=" + samples + "evaluatie-antwoorden-2027.csv", "--surveys",
            bundledSurveys, "--today", "2027-11-30", "--lang", "en")
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("<h2>Is there trust?</h2>") && result.out.contains("<h2>Do we do the right things?</h2>"))
        #expect(result.out.contains("<html lang=\"en\">"))
    }
}
