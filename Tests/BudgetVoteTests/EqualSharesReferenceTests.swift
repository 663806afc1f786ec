import BudgetVote
import Testing
import WijkpeilCore

/// Equal shares as its definition reads: voter by voter, every amount an exact fraction, the
/// share raised a euro at a time, then completed by approvals. The count, which decides on
/// `Double`s where their error bounds allow, must select what this selects, in the same order.
func referenceEqualShares(_ vote: BudgetElection) -> [String] {
    let approvals = vote.approvals
    let voters = vote.ballots.count
    let supported = vote.proposals.indices.filter { approvals[$0] > 0 }
    func cost(_ funded: [Int]) -> Int { funded.reduce(0) { $0 + vote.proposals[$1].cost } }

    func run(share: Rational) -> [Int] {
        var money = [Rational](repeating: share, count: voters)
        var funded: [Int] = []
        var open = Set(supported)
        while true {
            var best: (proposal: Int, rho: Rational, price: Rational)?
            for proposal in open.sorted() {
                let cost = Rational(vote.proposals[proposal].cost)
                let supporters = vote.ballots.indices.filter { vote.ballots[$0].contains(proposal) }
                let amounts = supporters.map { money[$0] }.sorted()
                var paid = Rational.zero
                var price: Rational?
                for (position, amount) in amounts.enumerated() {
                    let candidate = (cost - paid) / Rational(amounts.count - position)
                    if candidate <= amount {
                        price = candidate
                        break
                    }
                    paid += amount
                }
                guard let price else {
                    open.remove(proposal)
                    continue
                }
                let rho = price / cost
                if let current = best, rho > current.rho || (rho == current.rho && !vote.breaksTie(proposal, before: current.proposal, approvals: approvals)) {
                    continue
                }
                best = (proposal, rho, price)
            }
            guard let chosen = best else { return funded }
            for voter in vote.ballots.indices where vote.ballots[voter].contains(chosen.proposal) {
                money[voter] = money[voter] < chosen.price ? .zero : money[voter] - chosen.price
            }
            open.remove(chosen.proposal)
            funded.append(chosen.proposal)
        }
    }

    var share = Rational(BigInt(vote.budget), BigInt(voters))
    var kept: [Int] = []
    while true {
        let funded = run(share: share)
        if cost(funded) > vote.budget { break }
        kept = funded
        if supported.allSatisfy({ funded.contains($0) || cost(funded) + vote.proposals[$0].cost > vote.budget }) { break }
        share += Rational(1)
    }
    var remaining = vote.budget - cost(kept)
    let rest = supported.filter { !kept.contains($0) }.sorted { a, b in
        approvals[a] != approvals[b] ? approvals[a] > approvals[b] : vote.breaksTie(a, before: b, approvals: approvals)
    }
    for proposal in rest where vote.proposals[proposal].cost <= remaining {
        remaining -= vote.proposals[proposal].cost
        kept.append(proposal)
    }
    return kept.map { vote.proposals[$0].id }
}

/// A random vote: `costs` to choose from, up to `maxVoters` ballots of one to four proposals.
func randomVote(seed: UInt64, costs: [Int], maxVoters: Int) -> BudgetElection {
    var random = SplitMix64(seed: seed)
    let count = Int.random(in: 3...8, using: &random)
    let proposals = (0..<count).map { BudgetElection.Proposal(id: "p\($0)", cost: costs.randomElement(using: &random)!) }
    let total = proposals.reduce(0) { $0 + $1.cost }
    let budget = max(proposals.map(\.cost).max()!, total * Int.random(in: 25...60, using: &random) / 100)
    let ballots = (0..<Int.random(in: 2...maxVoters, using: &random)).map { _ in
        Array(Set((0..<Int.random(in: 1...4, using: &random)).map { _ in Int.random(in: 0..<count, using: &random) })).sorted()
    }
    return BudgetElection(budget: budget, proposals: proposals, ballots: ballots)
}

@Suite("Equal shares against its definition, in exact fractions")
struct EqualSharesReferenceTests {
    @Test(
        "the count selects what the definition selects, in the same order",
        arguments: [
            // Round costs and few voters: shares and prices meet exactly, and ties are everywhere.
            ("ties", [10, 20, 30, 40, 60], 12),
            // Uneven costs and more voters: prices with long fractions, decided on Doubles.
            ("uneven", [97, 113, 250, 333, 401, 999, 1_207], 40),
        ])
    func againstTheDefinition(name: String, costs: [Int], maxVoters: Int) {
        for seed in 1...150 {
            let vote = randomVote(seed: UInt64(seed) * 7_919, costs: costs, maxVoters: maxVoters)
            let counted = vote.count(by: .mes).selected
            let expected = referenceEqualShares(vote)
            #expect(counted == expected, "\(name) \(seed): budget \(vote.budget), costs \(vote.proposals.map(\.cost)), ballots \(vote.ballots)")
        }
    }

    @Test("a price of exactly half a cent is rounded up, from the exact amount")
    func halfACent() {
        // 200 voters with € 1 each share a proposal of € 1: € 0.005 each, which no Double holds.
        let vote = BudgetElection(budget: 200, proposals: [.init(id: "a", cost: 1)], ballots: Array(repeating: [0], count: 200))
        let outcome = vote.count(by: .mes)
        #expect(plain(outcome.proposals[0].why.nl) == "Gefinancierd in ronde 1 van gelijke delen: 200 voorstanders betaalden elk € 0,01.")
    }
}
