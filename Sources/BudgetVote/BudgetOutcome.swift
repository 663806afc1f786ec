public import WijkpeilCore

/// How a budget vote is counted.
public enum BudgetRule: String, Sendable, Hashable, CaseIterable {
    /// Proposals by approvals, highest first; one that no longer fits is skipped and later ones
    /// are still considered (Pabulib's "greedy").
    case greedy
    /// The Method of Equal Shares with cost utilities, raised one euro per voter at a time until
    /// exhaustive, then completed greedily.
    case mes
}

/// The result of counting: what is funded, and for every proposal why or why not.
public struct BudgetOutcome: Sendable, Hashable {
    public enum Stage: String, Sendable, Hashable {
        /// Funded by equal shares: its supporters paid for it.
        case equalShares = "equal-shares"
        /// Funded when what remained was filled by approvals.
        case completion
        /// Funded by the greedy rule.
        case greedy
        case notFunded = "not-funded"
    }

    public struct ProposalResult: Sendable, Hashable {
        public var id: String
        public var cost: Int
        public var approvals: Int
        public var selected: Bool
        /// The order in which it was funded (1 = first), nil if not funded.
        public var round: Int?
        public var stage: Stage
        public var why: LocalizedText
    }

    public var rule: BudgetRule
    public var budget: Int
    /// Funded proposals' ids, in the order they were funded.
    public var selected: [String]
    public var cost: Int
    /// In the election's order.
    public var proposals: [ProposalResult]
    /// With `mes`: each voter's share (in euros, exact) in the equal-shares run that was kept.
    public var voterShare: Rational?
    public var voters: Int

    public var jsonValue: JSONValue {
        var fields: [String: JSONValue] = [
            "rule": .string(rule.rawValue), "budget": .number(Double(budget)), "selected": .array(selected.map { .string($0) }),
            "cost": .number(Double(cost)), "voters": .number(Double(voters)),
            "tieBreaking": BudgetElection.tieRule.jsonValue,
            "proposals": .array(
                proposals.map { result in
                    .object([
                        "id": .string(result.id), "cost": .number(Double(result.cost)), "approvals": .number(Double(result.approvals)),
                        "selected": .bool(result.selected), "round": result.round.map { .number(Double($0)) } ?? .null,
                        "stage": .string(result.stage.rawValue), "why": result.why.jsonValue,
                    ])
                }),
        ]
        if let voterShare { fields["voterShare"] = .string(voterShare.description) }
        return .object(fields)
    }
}

extension Rational {
    /// Euros with two decimals, rounded half up, for the reasons people read (never for deciding).
    func euros(_ language: Language) -> String {
        // Cents, rounded: ⌊(100·n + d/2) / d⌋ for non-negative values.
        let cents = (numerator * BigInt(100) + denominator / BigInt(2)) / denominator
        let whole = cents / BigInt(100), rest = (cents % BigInt(100)).intValue ?? 0
        let wholeText = whole.intValue.map { language.grouped($0) } ?? whole.description
        // A no-break space keeps the sign with the amount when a sentence is wrapped.
        return "€\u{00A0}" + wholeText + (language == .nl ? "," : ".") + (rest < 10 ? "0" : "") + String(rest)
    }
}
