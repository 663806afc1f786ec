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
        var kept: EqualSharesRun?
        if !ballots.isEmpty {
            while true {
                let run = EqualSharesRun(self, groups: groups, supporters: supporters, share: share)
                if cost(run) > budget { break }
                kept = run
                if exhaustive(run) { break }
                share += Rational(1)
            }
        }

        var ledger = Ledger(self, approvals: approvals)
        let funded = kept?.funded ?? []
        for (round, funding) in funded.enumerated() {
            let partial = funding.partialPayers
            let price = kept!.price(of: round)
            ledger.fund(
                funding.proposal, stage: .equalShares,
                why: LocalizedText(
                    nl: "Gefinancierd in ronde \(round + 1) van gelijke delen: \(funding.fullPayers) voorstanders betaalden elk \(price.euros(.nl))"
                        + (partial > 0 ? ", \(partial) gaven wat ze nog hadden." : "."),
                    en: "Funded in round \(round + 1) of equal shares: \(funding.fullPayers) supporters paid \(price.euros(.en)) each"
                        + (partial > 0 ? ", \(partial) gave what they had left." : ".")))
        }
        // What remains is filled by approvals.
        var remaining = budget - funded.reduce(0) { $0 + proposals[$1.proposal].cost }
        let fundedSet = Set(funded.map(\.proposal))
        for index in byApprovals(approvals, excluding: fundedSet) {
            let cost = proposals[index].cost
            // What its supporters had left in equal shares, of what it needed.
            let supportersLeft = kept?.left(ofGroups: supporters[index].map { ($0, groups[$0].voters) }) ?? .zero
            if cost <= remaining {
                remaining -= cost
                ledger.fund(
                    index, stage: .completion,
                    why: LocalizedText(
                        nl:
                            "Gefinancierd bij het aanvullen: de voorstanders hadden nog \(supportersLeft.euros(.nl)) van de \(Language.nl.grouped(cost).euro) nodig, maar met \(approvals[index]) stemmen paste het in wat over was.",
                        en:
                            "Funded when the rest was filled: its supporters had \(supportersLeft.euros(.en)) left of the \(Language.en.grouped(cost).euro) needed, but with \(approvals[index]) approvals it fitted what remained."
                    ))
            } else {
                ledger.results[index].why = LocalizedText(
                    nl:
                        "Niet gefinancierd: de voorstanders hadden nog \(supportersLeft.euros(.nl)) van de \(Language.nl.grouped(cost).euro) nodig, en daarna paste het niet meer in de \(Language.nl.grouped(remaining).euro) die over was.",
                    en:
                        "Not funded: its supporters had \(supportersLeft.euros(.en)) left of the \(Language.en.grouped(cost).euro) needed, and it no longer fitted the \(Language.en.grouped(remaining).euro) that remained."
                )
            }
        }
        return BudgetOutcome(
            rule: .mes, budget: budget, selected: ledger.selected, cost: budget - remaining, proposals: ledger.results, voterShare: kept?.share ?? share,
            voters: ballots.count)
    }
}

extension String {
    /// `12.500` → `€ 12.500`.
    var euro: String { "€\u{00A0}" + self }
}
