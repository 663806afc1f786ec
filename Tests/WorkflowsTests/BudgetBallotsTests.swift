import BudgetVote
import Foundation
import Store
import Surveys
import Testing
import WijkpeilCore
import Workflows

@Suite("Use cases: counting stored budget ballots")
struct BudgetBallotsTests {
    @Test("the bundled wijkbudget survey's stored ballots count as the same vote in a Pabulib file does")
    func storedBallotsCountAsThePabulibFile() throws {
        let folder = Folder()
        var configuration = Store.Configuration()
        configuration.inviteIterations = 10  // the codes' hashing is tested in StoreTests
        let store = try Store(path: folder.path + "/w.sqlite", configuration: configuration)
        let survey = try survey("wijkbudget")
        let filed = try store.registered(survey)
        let sample = try Pabulib.read([UInt8](Data(contentsOf: URL(fileURLWithPath: packageRoot + "/samples/kerkwijk/wijkbudget-2027.pb"))), file: "s.pb")
        // One resident, one code, one ballot: the store refuses a ballot without a valid code.
        let codes = try store.createInvites(survey: "wijkbudget", count: sample.ballots.count)
        for (number, ballot) in sample.ballots.enumerated() {
            let chosen: JSONValue = .array(ballot.map { .string(sample.proposals[$0].id) })
            let response = try AnswerValidator.validate(["voorstellen": chosen], against: survey)
            _ = try store.submit(Intake.submission(response, to: filed, key: "stem-\(number)", source: .api, invite: codes[number]))
        }
        let election = try BudgetBallots.election(survey, store: store.reader)
        #expect(election.ballots.count == 180 && election.budget == 50_000)
        for rule in BudgetRule.allCases {
            #expect(election.count(by: rule).selected == sample.count(by: rule).selected, "\(rule)")
        }
    }

    @Test("a survey without a budget vote is named, not counted")
    func notABudgetVote() throws {
        let folder = Folder()
        let store = try Store(path: folder.path + "/w.sqlite")
        #expect(throws: WorkflowError.self) { try BudgetBallots.election(try survey("wijkanalyse"), store: store.reader) }
    }
}
