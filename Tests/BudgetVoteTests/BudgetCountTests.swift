import Foundation
import BudgetVote
import Testing
import WijkpeilCore

/// An election from proposals `id=cost` and ballots as strings of ids.
func election(budget: Int, _ proposals: [(String, Int)], _ ballots: [[String]]) -> BudgetElection {
    let list = proposals.map { BudgetElection.Proposal(id: $0.0, cost: $0.1) }
    return BudgetElection(
        budget: budget, proposals: list, ballots: ballots.map { ballot in ballot.map { id in list.firstIndex { $0.id == id }! } })
}

/// The text with its no-break spaces (which keep `€` with its amount) as plain spaces.
func plain(_ text: String) -> String { text.replacingOccurrences(of: "\u{00A0}", with: " ") }

@Suite("Counting a budget vote")
struct BudgetCountTests {
    /// 60 residents want the A proposals, 40 the B proposals; five of each at 200, budget 1,000.
    let majorityAndMinority = election(
        budget: 1_000, (1...5).map { ("a\($0)", 200) } + (1...5).map { ("b\($0)", 200) },
        Array(repeating: (1...5).map { "a\($0)" }, count: 60) + Array(repeating: (1...5).map { "b\($0)" }, count: 40))

    @Test("the textbook case: greedy gives the majority everything, equal shares gives the minority its share")
    func textbook() {
        let greedy = majorityAndMinority.count(by: .greedy)
        #expect(greedy.selected == ["a1", "a2", "a3", "a4", "a5"])
        let shares = majorityAndMinority.count(by: .mes)
        // 60 voters with € 10 each pay for three A proposals; 40 pay for two B proposals.
        #expect(shares.selected == ["a1", "a2", "a3", "b1", "b2"])
        #expect(shares.cost == 1_000 && shares.voterShare == Rational(10))
        #expect(plain(shares.proposals[0].why.nl) == "Gefinancierd in ronde 1 van gelijke delen: 60 voorstanders betaalden elk € 3,33.")
        #expect(plain(shares.proposals[5].why.text(in: .en)) == "Funded in round 4 of equal shares: 40 supporters paid € 5.00 each.")
        #expect(plain(shares.proposals[9].why.nl).hasPrefix("Niet gefinancierd: de voorstanders hadden nog € 0,00 van de € 200 nodig"))
    }

    @Test("a hand-worked count: the share rises one euro at a time until the outcome is exhaustive; ties go to the cheaper")
    func handWorked() {
        // a=60 (v1, v2), b=50 (v1, v3), c=40 (v3, v4); budget 100, four voters: € 25 each.
        let vote = election(budget: 100, [("a", 60), ("b", 50), ("c", 40)], [["a", "b"], ["a"], ["b", "c"], ["c"]])
        // At € 25–29 a cannot be paid (two supporters), c is funded and b no longer can be: 40 spent,
        // a would still fit, so the share rises. At € 30 c and then a are funded: 100, exhaustive.
        let shares = vote.count(by: .mes)
        #expect(shares.selected == ["c", "a"] && shares.voterShare == Rational(30) && shares.cost == 100)
        #expect(plain(shares.proposals[1].why.text(in: .en)) == "Not funded: its supporters had € 10.00 left of the € 50 needed, and it no longer fitted the € 0 that remained.")
        // Greedy: all have two approvals; the cheaper first: c, b; then a no longer fits.
        let greedy = vote.count(by: .greedy)
        #expect(greedy.selected == ["c", "b"] && greedy.cost == 90)
        #expect(plain(greedy.proposals[0].why.nl) == "Niet gefinancierd: plaats 3 op het aantal stemmen (2), maar er was nog € 10 over en het kost € 60.")
    }

    @Test("what equal shares leaves is filled by approvals; a proposal nobody chose is never funded")
    func completion() {
        // Two voters with € 50 each: x (90) cannot be paid by its one supporter, y (30) can; then x
        // no longer fits (30 + 90 > 100), so the outcome is exhaustive at once. z has no votes.
        let vote = election(budget: 100, [("x", 90), ("y", 30), ("z", 10)], [["x"], ["y"]])
        let shares = vote.count(by: .mes)
        #expect(shares.selected == ["y"])
        #expect(plain(shares.proposals[2].why.nl) == "Niet gefinancierd: niemand stemde erop.")
        #expect(shares.proposals[0].stage == .notFunded)
    }

    @Test("the JSON names the rule, the budget, the selection, the tie rule and every proposal's reason")
    func json() {
        let json = majorityAndMinority.count(by: .mes).jsonValue.compactText
        #expect(json.contains(#""rule":"mes""#) && json.contains(#""selected":["a1","a2","a3","b1","b2"]"#))
        #expect(json.contains(#""round":4"#) && json.contains(#""stage":"equal-shares""#) && json.contains("Ties go to the cheaper proposal"))
    }
}

@Suite("Pabulib files")
struct PabulibTests {
    let file = #"""
        META
        key;value
        description;"Wijkbudget; Kerkwijk"
        num_projects;3
        num_votes;4
        budget;100.0
        vote_type;approval
        PROJECTS
        project_id;cost;name
        a;60;"Speeltuin ""De Hof"""
        b;50;Bankjes
        c;40;Bomen
        VOTES
        voter_id;vote
        1;a,b
        2;a
        3;b,c
        4;c

        """#

    @Test("read, counted, written and read again: the same election, with votes and selection per project")
    func roundTrip() throws {
        let read = try Pabulib.read(Array(file.utf8), file: "k.pb")
        #expect(read.budget == 100 && read.proposals.map(\.id) == ["a", "b", "c"] && read.proposals[0].name == "Speeltuin \"De Hof\"")
        #expect(read.ballots == [[0, 1], [0], [1, 2], [2]])
        let outcome = read.count(by: .mes)
        let written = Pabulib.write(read, outcome: outcome, description: "Wijkbudget; Kerkwijk")
        // Listed by approvals, ties by the tie rule (all have two: the cheaper first).
        #expect(written.contains("project_id;cost;votes;name;selected\nc;40;2;Bomen;1\nb;50;2;Bankjes;0\na;60;2;\"Speeltuin \"\"De Hof\"\"\";1\n"))
        #expect(written.hasPrefix("META\nkey;value\ndescription;\"Wijkbudget; Kerkwijk\"\ncountry;unknown\n"))
        #expect(written.contains("rule;unknown") && written.contains("comment;\"#1: Method of Equal Shares with cost utilities"))
        let again = try Pabulib.read(Array(written.utf8), file: "w.pb")
        func ids(_ election: BudgetElection) -> [Set<String>] { election.ballots.map { Set($0.map { election.proposals[$0].id }) } }
        #expect(again.budget == read.budget && Set(again.proposals) == Set(read.proposals) && ids(again) == ids(read))
        // Pabulib requires these; a vote that does not say them is written with "unknown".
        #expect(again.metadata["description"] == "Wijkbudget; Kerkwijk" && again.metadata["country"] == "unknown")
    }

    @Test(
        "bad files get a finding with the file and line",
        arguments: [
            ("b;50;Bankjes", "b;500;Bankjes", "k.pb:11", "cost-over-budget"),
            ("4;c", "4;c,d", "k.pb:18", "unknown-project"),
            ("vote_type;approval", "vote_type;ordinal", "k.pb:7", "not-approval"),
            ("b;50;Bankjes", "b;50;\"Bankjes", "k.pb:11", "invalid-csv"),
        ])
    func badFiles(from: String, to: String, place: String, code: String) {
        do {
            _ = try Pabulib.read(Array(file.replacingOccurrences(of: from, with: to).utf8), file: "k.pb")
            Issue.record("accepted \(to)")
        } catch {
            #expect(error.findings.all.map(\.code) == [code])
            #expect(error.findings.all.first.map { "\($0.location)" } == place)
        }
    }
}
