import WijkpeilCore

extension BudgetElection {
    /// Counts the vote by `rule`. Every decision is exact (integers and ``Rational``s).
    public func count(by rule: BudgetRule) -> BudgetOutcome {
        switch rule {
        case .greedy: countGreedy()
        case .mes: countEqualShares()
        }
    }

    // MARK: Greedy

    /// The proposals with approvals, most approvals first, ties by the tie rule.
    func byApprovals(_ approvals: [Int], excluding funded: Set<Int> = []) -> [Int] {
        proposals.indices.filter { approvals[$0] > 0 && !funded.contains($0) }.sorted { a, b in
            approvals[a] != approvals[b] ? approvals[a] > approvals[b] : breaksTie(a, before: b, approvals: approvals)
        }
    }

    func countGreedy() -> BudgetOutcome {
        let approvals = self.approvals
        var remaining = budget
        var ledger = Ledger(self, approvals: approvals)
        for (position, index) in byApprovals(approvals).enumerated() {
            let cost = proposals[index].cost
            if cost <= remaining {
                remaining -= cost
                ledger.fund(
                    index, stage: .greedy,
                    why: LocalizedText(
                        nl: "Gefinancierd: plaats \(position + 1) op het aantal stemmen (\(approvals[index])), en het paste nog in het budget.",
                        en: "Funded: number \(position + 1) by approvals (\(approvals[index])), and it still fitted the budget."))
            } else {
                ledger.results[index].why = LocalizedText(
                    nl:
                        "Niet gefinancierd: plaats \(position + 1) op het aantal stemmen (\(approvals[index])), maar er was nog \(Language.nl.grouped(remaining).euro) over en het kost \(Language.nl.grouped(cost).euro).",
                    en:
                        "Not funded: number \(position + 1) by approvals (\(approvals[index])), but \(Language.en.grouped(remaining).euro) remained and it costs \(Language.en.grouped(cost).euro)."
                )
            }
        }
        return BudgetOutcome(
            rule: .greedy, budget: budget, selected: ledger.selected, cost: budget - remaining, proposals: ledger.results, voterShare: nil, voters: ballots.count)
    }

    /// The result being written: every proposal not funded until it is, and the order of funding.
    struct Ledger {
        var results: [BudgetOutcome.ProposalResult]
        var selected: [String] = []

        init(_ election: BudgetElection, approvals: [Int]) {
            results = election.proposals.indices.map { index in
                BudgetOutcome.ProposalResult(
                    id: election.proposals[index].id, cost: election.proposals[index].cost, approvals: approvals[index], selected: false,
                    round: nil, stage: .notFunded, why: BudgetElection.noVotes)
            }
        }

        /// Funds proposal `index` next, by `stage`, for the reason `why`.
        mutating func fund(_ index: Int, stage: BudgetOutcome.Stage, why: LocalizedText) {
            selected.append(results[index].id)
            results[index].selected = true
            results[index].round = selected.count
            results[index].stage = stage
            results[index].why = why
        }
    }

    static let noVotes = LocalizedText(nl: "Niet gefinancierd: niemand stemde erop.", en: "Not funded: nobody voted for it.")

    // MARK: The Method of Equal Shares

    /// Identical ballots counted once, with their number: they pay alike throughout.
    struct Group {
        var proposals: [Int]
        var voters: Int
    }

    /// One run of equal shares with every voter's share `share`: who was funded, in which order,
    /// at what price, and what each group has left.
    struct EqualSharesRun {
        /// Funded proposals in order, with the price a supporter who could afford it paid, the
        /// supporters who paid that, and those who paid all they had left.
        var funded: [(proposal: Int, price: Rational, fullPayers: Int, partialPayers: Int)] = []
        /// What each group had left at the end.
        var left: [Rational] = []
    }

    func groups() -> [Group] {
        var index: [[Int]: Int] = [:]
        var groups: [Group] = []
        for ballot in ballots {
            let key = ballot.sorted()
            if let position = index[key] {
                groups[position].voters += 1
            } else {
                index[key] = groups.count
                groups.append(Group(proposals: key, voters: 1))
            }
        }
        return groups
    }

    func equalShares(groups: [Group], supporters: [[Int]], share: Rational) -> EqualSharesRun {
        // Groups with the same money left share a class; per proposal, its supporters are counted
        // per class and kept up to date as they pay, so a round touches classes, not voters.
        var classes: [Rational] = [share, .zero]
        // The classes' money as Doubles: to find the few proposals worth an exact look. Every
        // decision is then taken on exact values; a Double only rules out what is clearly worse.
        var approximate: [Double] = [share.doubleValue, 0]
        let zeroClass = 1
        var groupClass = [Int](repeating: 0, count: groups.count)
        var counts = [[Int: Int]](repeating: [:], count: proposals.count)
        var lowerBound = [Double](repeating: 0, count: proposals.count)
        var remaining = Set<Int>()
        for proposal in proposals.indices where !supporters[proposal].isEmpty {
            let voters = supporters[proposal].reduce(0) { $0 + groups[$1].voters }
            counts[proposal] = [0: voters]
            // Nobody can pay less than an equal share of the cost: a bound that only rises.
            lowerBound[proposal] = 1 / Double(voters)
            remaining.insert(proposal)
        }
        let margin = 1e-9

        /// The price per supporter who can afford it, exactly; nil when its supporters together
        /// have less than it costs.
        func exactPrice(_ proposal: Int) -> Rational? {
            let cost = Rational(proposals[proposal].cost)
            var contributed = Rational.zero
            var payers = counts[proposal].values.reduce(0, +)
            for (c, count) in counts[proposal].sorted(by: { classes[$0.key] < classes[$1.key] }) {
                let candidate = (cost - contributed) / Rational(payers)
                if candidate <= classes[c] { return candidate }
                if c != zeroClass { contributed += Rational(count) * classes[c] }
                payers -= count
            }
            return nil
        }

        var run = EqualSharesRun()
        let approvals = self.approvals
        while true {
            var rank = [Int](repeating: 0, count: classes.count)
            for (position, c) in classes.indices.sorted(by: { approximate[$0] < approximate[$1] }).enumerated() { rank[c] = position }
            var bestApproximate = Double.infinity
            var evaluated: [(proposal: Int, rho: Double)] = []
            for proposal in remaining.sorted(by: { lowerBound[$0] < lowerBound[$1] }) {
                if lowerBound[proposal] > bestApproximate * (1 + margin) { break }
                let cost = Double(proposals[proposal].cost)
                var contributed = 0.0
                var payers = counts[proposal].values.reduce(0, +)
                var available = 0.0
                for (c, count) in counts[proposal] { available += Double(count) * approximate[c] }
                if available < cost * (1 - margin) {
                    remaining.remove(proposal)
                    continue
                }
                if available < cost * (1 + margin), exactPrice(proposal) == nil {
                    remaining.remove(proposal)
                    continue
                }
                var price = cost / Double(payers)
                for (c, count) in counts[proposal].sorted(by: { rank[$0.key] < rank[$1.key] }) {
                    price = (cost - contributed) / Double(payers)
                    if price <= approximate[c] || payers == count { break }
                    contributed += Double(count) * approximate[c]
                    payers -= count
                }
                let rho = price / cost
                lowerBound[proposal] = max(lowerBound[proposal], rho * (1 - margin))
                evaluated.append((proposal, rho))
                bestApproximate = min(bestApproximate, rho)
            }
            // The exact count among those not clearly worse.
            var best: (proposal: Int, rho: Rational, price: Rational)?
            for (proposal, rho) in evaluated where rho <= bestApproximate * (1 + margin) {
                guard let price = exactPrice(proposal) else {
                    remaining.remove(proposal)
                    continue
                }
                let exactRho = price / Rational(proposals[proposal].cost)
                if let current = best {
                    if exactRho < current.rho
                        || (exactRho == current.rho && breaksTie(proposal, before: current.proposal, approvals: approvals))
                    {
                        best = (proposal, exactRho, price)
                    }
                } else {
                    best = (proposal, exactRho, price)
                }
            }
            guard let chosen = best else {
                if evaluated.isEmpty { break }
                continue
            }
            remaining.remove(chosen.proposal)
            var moved: [Int: Int] = [:]
            var full = 0, partial = 0
            for (c, count) in counts[chosen.proposal] {
                if classes[c] >= chosen.price { full += count } else { partial += count }
                if classes[c] > chosen.price {
                    let left = classes[c] - chosen.price
                    classes.append(left)
                    approximate.append(left.doubleValue)
                    moved[c] = classes.count - 1
                } else {
                    moved[c] = zeroClass
                }
            }
            for group in supporters[chosen.proposal] {
                let old = groupClass[group], new = moved[old]!
                groupClass[group] = new
                let voters = groups[group].voters
                for other in groups[group].proposals where remaining.contains(other) {
                    let left = counts[other][old]! - voters
                    counts[other][old] = left == 0 ? nil : left
                    counts[other][new, default: 0] += voters
                }
            }
            counts[chosen.proposal] = [:]
            run.funded.append((chosen.proposal, chosen.price, full, partial))
        }
        run.left = groupClass.map { classes[$0] }
        return run
    }

    func countEqualShares() -> BudgetOutcome {
        let approvals = self.approvals
        let groups = self.groups()
        var supporters = [[Int]](repeating: [], count: proposals.count)
        for (index, group) in groups.enumerated() { for proposal in group.proposals { supporters[proposal].append(index) } }
        let supported = proposals.indices.filter { approvals[$0] > 0 }
        func cost(_ run: EqualSharesRun) -> Int { run.funded.reduce(0) { $0 + proposals[$1.proposal].cost } }
        func exhaustive(_ run: EqualSharesRun) -> Bool {
            let spent = cost(run)
            let funded = Set(run.funded.map(\.proposal))
            return supported.allSatisfy { funded.contains($0) || spent + proposals[$0].cost > budget }
        }

        // Every voter's share starts at exactly B/n and rises by one euro while the outcome stays
        // within the budget; the first exhaustive outcome is kept (as pabutools' iterated MES).
        var share = ballots.isEmpty ? Rational.zero : Rational(BigInt(budget), BigInt(ballots.count))
        var kept = EqualSharesRun()
        var keptShare = share
        if !ballots.isEmpty {
            while true {
                let run = equalShares(groups: groups, supporters: supporters, share: share)
                if cost(run) > budget { break }
                kept = run
                keptShare = share
                if exhaustive(run) { break }
                share += Rational(1)
            }
        }

        var ledger = Ledger(self, approvals: approvals)
        for (round, funded) in kept.funded.enumerated() {
            let partial = funded.partialPayers
            ledger.fund(
                funded.proposal, stage: .equalShares,
                why: LocalizedText(
                    nl: "Gefinancierd in ronde \(round + 1) van gelijke delen: \(funded.fullPayers) voorstanders betaalden elk \(funded.price.euros(.nl))"
                        + (partial > 0 ? ", \(partial) gaven wat ze nog hadden." : "."),
                    en: "Funded in round \(round + 1) of equal shares: \(funded.fullPayers) supporters paid \(funded.price.euros(.en)) each"
                        + (partial > 0 ? ", \(partial) gave what they had left." : ".")))
        }
        // What remains is filled by approvals.
        var remaining = budget - cost(kept)
        let fundedSet = Set(kept.funded.map(\.proposal))
        for index in byApprovals(approvals, excluding: fundedSet) {
            let cost = proposals[index].cost
            // What its supporters had left in equal shares, of what it needed.
            var left = Rational.zero
            for group in supporters[index] { left += Rational(groups[group].voters) * kept.left[group] }
            if cost <= remaining {
                remaining -= cost
                ledger.fund(
                    index, stage: .completion,
                    why: LocalizedText(
                        nl:
                            "Gefinancierd bij het aanvullen: de voorstanders hadden nog \(left.euros(.nl)) van de \(Language.nl.grouped(cost).euro) nodig, maar met \(approvals[index]) stemmen paste het in wat over was.",
                        en:
                            "Funded when the rest was filled: its supporters had \(left.euros(.en)) left of the \(Language.en.grouped(cost).euro) needed, but with \(approvals[index]) approvals it fitted what remained."
                    ))
            } else {
                ledger.results[index].why = LocalizedText(
                    nl:
                        "Niet gefinancierd: de voorstanders hadden nog \(left.euros(.nl)) van de \(Language.nl.grouped(cost).euro) nodig, en daarna paste het niet meer in de \(Language.nl.grouped(remaining).euro) die over was.",
                    en:
                        "Not funded: its supporters had \(left.euros(.en)) left of the \(Language.en.grouped(cost).euro) needed, and it no longer fitted the \(Language.en.grouped(remaining).euro) that remained."
                )
            }
        }
        return BudgetOutcome(
            rule: .mes, budget: budget, selected: ledger.selected, cost: budget - remaining, proposals: ledger.results, voterShare: keptShare,
            voters: ballots.count)
    }
}

extension String {
    /// `12.500` → `€ 12.500`.
    var euro: String { "€\u{00A0}" + self }
}
