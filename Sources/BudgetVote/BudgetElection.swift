public import WijkpeilCore

/// A residents' budget vote (wijkbudget): costed proposals, a budget, and approval ballots — each
/// ballot the set of proposals one resident would fund. Read from a survey's stored ballots or
/// from a Pabulib file; counted by ``BudgetRule``.
public struct BudgetElection: Sendable, Hashable {
    public struct Proposal: Sendable, Hashable {
        /// As in the survey or the Pabulib file.
        public var id: String
        /// Whole euros, above 0.
        public var cost: Int
        public var name: String?

        public init(id: String, cost: Int, name: String? = nil) {
            self.id = id
            self.cost = cost
            self.name = name
        }
    }

    /// Whole euros.
    public var budget: Int
    public var proposals: [Proposal]
    /// Each ballot as indices into `proposals`, without repeats.
    public var ballots: [[Int]]
    /// What is known of the vote, with Pabulib's META keys: `country`, `unit` (the neighbourhood
    /// or city), `instance` (the year or round), `date_begin` and `date_end` (`dd.mm.yyyy`), …
    public var metadata: [String: String]

    public init(budget: Int, proposals: [Proposal], ballots: [[Int]], metadata: [String: String] = [:]) {
        self.budget = budget
        self.proposals = proposals
        self.ballots = ballots
        self.metadata = metadata
    }

    /// Approvals per proposal.
    public var approvals: [Int] {
        var counts = [Int](repeating: 0, count: proposals.count)
        for ballot in ballots { for index in ballot { counts[index] += 1 } }
        return counts
    }

    /// The tie rule, stated in every result: the cheaper proposal first, then the one with more
    /// approvals, then the proposal id compared as text.
    public func breaksTie(_ a: Int, before b: Int, approvals: [Int]) -> Bool {
        let (x, y) = (proposals[a], proposals[b])
        if x.cost != y.cost { return x.cost < y.cost }
        if approvals[a] != approvals[b] { return approvals[a] > approvals[b] }
        return x.id < y.id
    }

    public static let tieRule = LocalizedText(
        nl: "Bij een gelijke stand gaat het goedkopere voorstel voor, dan het voorstel met meer stemmen, dan het id in alfabetische volgorde.",
        en: "Ties go to the cheaper proposal, then to the one with more approvals, then to the id in alphabetical order.")
}
