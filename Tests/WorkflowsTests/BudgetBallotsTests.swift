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
        let (election, paper) = try BudgetBallots.election(survey, store: store.reader)
        #expect(election.ballots.count == 180 && election.budget == 50_000 && paper == 0)
        for rule in BudgetRule.allCases {
            #expect(election.count(by: rule).selected == sample.count(by: rule).selected, "\(rule)")
        }
    }

    @Test("paper ballots with their invitation codes: each code checked and spent as on the form, never stored; a used, unknown or mistyped code refuses its ballot")
    func paperBallots() throws {
        let folder = Folder()
        var configuration = Store.Configuration()
        configuration.inviteIterations = 10
        let store = try Store(path: folder.path + "/w.sqlite", configuration: configuration)
        let survey = try survey("wijkbudget")
        _ = try store.registered(survey)
        let codes = try store.createInvites(survey: "wijkbudget", count: 4)
        // Ballot 4 reuses ballot 1's code; ballot 5's code is mistyped; ballot 6's is another survey's.
        let foreign = InviteCode.generate()
        let text = """
            formulier,invite,voorstellen
            1,\(codes[0]),speeltuin-noord;bankjes-zuid
            2,\(codes[1].description.lowercased()),kunst-zuid
            3,\(codes[2]),buurtfeest
            4,\(codes[0]),deelauto
            5,XXXX,jongeren
            6,\(foreign),afvalbakken

            """
        let prepared = try PaperImport.prepare(Array(text.utf8), fileName: "stembiljetten.csv", survey: survey)
        #expect(prepared.invalid.map(\.line) == [6] && prepared.submissions.count == 5)
        let outcome = try PaperImport.store(prepared, into: store, skippingInvalid: true)
        #expect(outcome.stored == 3 && outcome.invalid.map(\.line) == [5, 6, 7])
        #expect(outcome.invalid.filter { $0.error == PaperImport.codeRefused }.map(\.line) == [5, 7])
        let counts = try store.inviteCounts(survey: "wijkbudget")
        #expect(counts.total == 4 && counts.used == 3)
        #expect(try BudgetBallots.election(survey, store: store.reader).paperBallots == 3)
        // What is stored is the ballot, not the code that cast it.
        var stored = ""
        try store.reader.forEachResponse(survey: "wijkbudget") { stored += $0.answers.compactText }
        #expect(!codes.contains { stored.contains($0.symbols) || stored.contains($0.description) })
        // Without the codes' column the ballots are refused as a whole.
        #expect(throws: WorkflowError.self) {
            try PaperImport.prepare(Array("formulier,voorstellen\n1,kunst-zuid\n".utf8), fileName: "zonder.csv", survey: survey)
        }
    }

    @Test("a survey without a budget vote is named, not counted")
    func notABudgetVote() throws {
        let folder = Folder()
        let store = try Store(path: folder.path + "/w.sqlite")
        #expect(throws: WorkflowError.self) { try BudgetBallots.election(try survey("wijkanalyse"), store: store.reader) }
    }
}
