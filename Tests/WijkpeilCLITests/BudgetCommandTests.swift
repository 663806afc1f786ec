import Foundation
import Testing
import WijkpeilCore

/// The counting rules are tested in Tests/BudgetVoteTests; here: the command's arguments, exit
/// codes and what it prints.
@Suite("wijkpeil budget count")
struct BudgetCommandTests {
    let sample = packageRoot + "/samples/kerkwijk/wijkbudget-2027.pb"

    @Test("the sample: greedy and equal shares fund different proposals, and JSON says which and why")
    func sampleVote() throws {
        let greedy = wijkpeil("budget", "count", "--pb", sample, "--rule", "greedy", "--format", "json")
        let shares = wijkpeil("budget", "count", "--pb", sample, "--format", "json")
        #expect(greedy.status == 0 && shares.status == 0)
        func selected(_ text: String) throws -> [String] {
            guard case .object(let fields) = try JSONValue.parse(Data(text.utf8)), case .array(let list)? = fields["selected"] else { return [] }
            return list.compactMap { if case .string(let id) = $0 { id } else { nil } }
        }
        #expect(try selected(greedy.out) == ["hekwerk-noord", "speeltuin-noord", "parkeren-noord", "verlichting-noord", "bankjes-zuid"])
        #expect(try selected(shares.out) == ["hekwerk-noord", "speeltuin-noord", "kunst-zuid", "bankjes-zuid", "buurtfeest", "afvalbakken"])
        let page = wijkpeil("budget", "count", "--pb", sample, "--format", "html", "--lang", "en")
        #expect(page.out.contains("<svg") && page.out.contains("Funded in round 1 of equal shares"))
    }

    @Test("a file that is not an approval vote, or names an unknown project, is named with its line; exit 1")
    func badFiles() {
        let folder = TemporaryFolder()
        let text = (try? String(contentsOfFile: sample, encoding: .utf8)) ?? ""
        let ordinal = folder.write("ordinaal.pb", text.replacingOccurrences(of: "vote_type;approval", with: "vote_type;ordinal"))
        let result = wijkpeil("budget", "count", "--pb", ordinal, "--lang", "en")
        #expect(result.status == 1 && result.err.contains("ordinaal.pb:10: error: this file's votes are of type ordinal") && result.out.isEmpty)
        let unknown = folder.write("onbekend.pb", text.replacingOccurrences(of: "\n1;", with: "\n1;speeltuin-oost,"))
        let named = wijkpeil("budget", "count", "--pb", unknown, "--lang", "en")
        #expect(named.status == 1 && named.err.contains("the vote names an unknown project speeltuin-oost"))
    }

    @Test("paper ballots with their codes are imported, and the stored vote is counted and says how many came on paper")
    func paperBallots() throws {
        let folder = TemporaryFolder()
        let db = folder.path + "/b.sqlite"
        let codes = folder.path + "/codes.csv"
        #expect(wijkpeil("invites", "create", "--survey", "wijkbudget", "--surveys", bundledSurveys, "--db", db, "--count", "2", "--out", codes).status == 0)
        let lines = try String(contentsOfFile: codes, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        try #require(lines.count == 3)
        let ballots = folder.write("stembiljetten.csv", "formulier,invite,voorstellen\n1,\(lines[1]),kunst-zuid;bankjes-zuid\n2,\(lines[2]),speeltuin-noord\n")
        #expect(wijkpeil("responses", "import", "--survey", "wijkbudget", "--surveys", bundledSurveys, "--db", db, ballots).status == 0)
        let counted = wijkpeil("budget", "count", "--survey", "wijkbudget", "--surveys", bundledSurveys, "--db", db, "--lang", "en")
        #expect(counted.status == 0 && counted.out.contains("2 of the 2 ballots came on paper."))
        let reused = folder.write("opnieuw.csv", "formulier,invite,voorstellen\n3,\(lines[1]),deelauto\n")
        let refused = wijkpeil("responses", "import", "--survey", "wijkbudget", "--surveys", bundledSurveys, "--db", db, reused, "--lang", "en")
        #expect(refused.status == 1 && refused.err.contains("opnieuw.csv:2: invite: this invitation code is unknown or was used already"))
    }

    @Test("usage errors exit 2", arguments: [["budget", "count"], ["budget", "count", "--pb", "x.pb", "--rule", "borda"]])
    func usage(_ arguments: [String]) {
        #expect(run(arguments).status == 2)
    }
}
