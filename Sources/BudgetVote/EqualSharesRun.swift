import WijkpeilCore

/// One run of the Method of Equal Shares with every voter's share fixed: who is funded, in which
/// order, at what price, and what each group of voters has left.
///
/// Every decision is the one exact arithmetic takes. Amounts of money are kept as `Double`s with a
/// proven bound on their error, beside a recipe that computes them exactly. A comparison is decided
/// on the `Double`s only when the bounds separate its two sides; otherwise the amounts involved are
/// computed as ``Rational``s and the comparison is made on those. Exact ties (two proposals whose
/// cost is shared by the same number of supporters, a voter left with exactly the price) always
/// take the exact way; in the rest, which is nearly everything, no fraction is ever built.
struct EqualSharesRun {
    /// A proposal funded in this run.
    struct Funding {
        var proposal: Int
        /// Index into `prices`.
        var price: Int
        /// Voters who paid the price, and voters who paid all they had left.
        var fullPayers: Int
        var partialPayers: Int
    }

    /// How a class's money came about: the share, nothing, or another class's money minus a price.
    enum Recipe {
        case share
        case nothing
        case paid(from: Int, price: Int)
    }

    /// What every supporter who could afford a proposal paid: its cost, less what the supporters
    /// who could not afford it gave (all they had), shared by the others.
    struct Price {
        var cost: Int
        /// The classes (class, voters) that paid all they had, and the number who paid the price.
        var partial: [(id: Int, voters: Int)]
        var payers: Int
        var value: Double
        var error: Double
        var exact: Rational?
    }

    /// What a proposal would cost its supporters now: the price per paying supporter, and which of
    /// its classes (sorted by their money) pay all they have.
    struct Quote {
        var proposal: Int
        /// The price, and a bound on its error.
        var price: Double
        var error: Double
        /// The supporters' classes (class, voters), with what they have: least first.
        var classes: [(id: Int, voters: Int)]
        /// The first `partial` of `classes` pay all they have; the others pay the price.
        var partial: Int
        /// The exact price, once the quote was made on the exact way or settled a tie.
        var exact: Rational?
        var cost: Int
        /// Supporters with nothing left: they give what they have, nothing.
        var broke: Int
        /// Classes with exactly the price (found only on the exact way): they are left with nothing.
        var exactlyThePrice: Set<Int> = []

        /// Bounds on the price per euro of the proposal.
        var rhoLow: Double { (price - error) / Double(cost) * (1 - 2 * EqualSharesRun.unit) }
        var rhoHigh: Double { (price + error) / Double(cost) * (1 + 2 * EqualSharesRun.unit) }
    }

    /// Twice the unit round-off of a `Double`: a bound on the relative error of one operation.
    static let unit = 0x1p-52
    var unit: Double { Self.unit }

    let share: Rational
    private(set) var funded: [Funding] = []
    private(set) var prices: [Price] = []
    /// Each group's class: voters whose money is the same amount, reached the same way.
    private(set) var groupClass: [Int]

    // The classes' money.
    private var value: [Double]
    private var error: [Double]
    private var recipe: [Recipe]
    private var exact: [Rational?]
    /// Where a class stands in the list being counted; -1 outside counting.
    private var listed: [Int]
    private static let shareClass = 0
    private static let zeroClass = 1

    /// Runs equal shares for `election` with every voter's share `share`.
    init(_ election: BudgetElection, groups: [BudgetElection.Group], supporters: [[Int]], share: Rational) {
        self.share = share
        let shareValue = share.doubleValue
        value = [shareValue, 0]
        error = [abs(shareValue) * 2 * Self.unit, 0]
        recipe = [.share, .nothing]
        exact = [share, .zero]
        listed = [-1, -1]
        groupClass = [Int](repeating: Self.shareClass, count: groups.count)
        run(election, groups: groups, supporters: supporters)
    }

    /// What the voters of `groups` (group, number of voters) had left together at the end, to the
    /// cent as ``Rational/euros(_:)`` rounds it.
    mutating func left(ofGroups groups: [(group: Int, voters: Int)]) -> Rational {
        var perClass: [Int: Int] = [:]
        for (group, voters) in groups { perClass[groupClass[group], default: 0] += voters }
        var sum = 0.0, sumError = 0.0
        for (c, voters) in perClass {
            sum += Double(voters) * value[c]
            sumError += Double(voters) * error[c]
        }
        sumError += Double(perClass.count + 2) * unit * abs(sum)
        return toTheCent(sum, error: sumError) {
            var total = Rational.zero
            for (c, voters) in perClass { total += Rational(voters) * $0.exactValue(ofClass: c) }
            return total
        }
    }

    /// The price paid for funding `index` (in order of funding), to the cent.
    mutating func price(of index: Int) -> Rational {
        let price = funded[index].price
        return toTheCent(prices[price].value, error: prices[price].error) { $0.exactPrice(price) }
    }

    /// An amount rounded to the cent (half a cent up), from its `Double` when the bound settles the
    /// cent, else from the exact amount.
    private mutating func toTheCent(_ amount: Double, error: Double, exactly: (inout EqualSharesRun) -> Rational) -> Rational {
        // Widened by what rounding in this line itself could add.
        let bound = error + 8 * unit * abs(amount) + 1e-9
        let low = (100 * (amount - bound) + 0.5).rounded(.down), high = (100 * (amount + bound) + 0.5).rounded(.down)
        if low == high, abs(low) < 0x1p52 { return Rational(Int(low)) / Rational(100) }
        return exactly(&self)
    }

    // MARK: The run

    private mutating func run(_ election: BudgetElection, groups: [BudgetElection.Group], supporters: [[Int]]) {
        let proposals = election.proposals
        let approvals = election.approvals
        // A bound below what a supporter would pay per euro of the proposal; it only rises.
        var lowerBound = [Double](repeating: 0, count: proposals.count)
        var remaining = [Bool](repeating: false, count: proposals.count)
        for proposal in proposals.indices where !supporters[proposal].isEmpty {
            let voters = supporters[proposal].reduce(0) { $0 + groups[$1].voters }
            lowerBound[proposal] = 1 / Double(voters) * (1 - 2 * unit)
            remaining[proposal] = true
        }

        while true {
            var bestHigh = Double.infinity
            var quotes: [Quote] = []
            for proposal in proposals.indices.filter({ remaining[$0] }).sorted(by: { lowerBound[$0] < lowerBound[$1] }) {
                if lowerBound[proposal] > bestHigh { break }
                guard let quote = quote(proposal, cost: proposals[proposal].cost, supporters: supporters[proposal], groups: groups) else {
                    remaining[proposal] = false
                    continue
                }
                lowerBound[proposal] = max(lowerBound[proposal], quote.rhoLow)
                quotes.append(quote)
                bestHigh = min(bestHigh, quote.rhoHigh)
            }
            guard !quotes.isEmpty else { break }
            var contenders = quotes.filter { $0.rhoLow <= bestHigh }
            if contenders.count > 1 {
                // Too close to call on Doubles: the cheapest per euro exactly, then the tie rule.
                for index in contenders.indices where contenders[index].exact == nil {
                    contenders[index].exact = exactPrice(of: contenders[index])
                }
                contenders.sort { a, b in
                    let (x, y) = (a.exact! / Rational(a.cost), b.exact! / Rational(b.cost))
                    return x != y ? x < y : election.breaksTie(a.proposal, before: b.proposal, approvals: approvals)
                }
            }
            let chosen = contenders[0]
            remaining[chosen.proposal] = false
            fund(chosen, supporters: supporters[chosen.proposal])
        }
    }

    /// What `proposal` would cost its supporters now; nil when together they have less than it
    /// costs.
    private mutating func quote(_ proposal: Int, cost: Int, supporters: [Int], groups: [BudgetElection.Group]) -> Quote? {
        // Its supporters counted per class.
        var classes: [(id: Int, voters: Int)] = []
        var broke = 0
        for group in supporters {
            let c = groupClass[group], voters = groups[group].voters
            if c == Self.zeroClass {
                broke += voters
            } else if listed[c] < 0 {
                listed[c] = classes.count
                classes.append((c, voters))
            } else {
                classes[listed[c]].voters += voters
            }
        }
        for (c, _) in classes { listed[c] = -1 }
        classes.sort { value[$0.id] < value[$1.id] }
        let total = Double(cost)
        var payers = classes.reduce(0) { $0 + $1.voters }
        var contributed = 0.0
        var contributedError = 0.0
        // The largest that the money of a class paying all it has can be.
        var partialHigh = -Double.infinity
        for (position, (c, voters)) in classes.enumerated() {
            let n = total - contributed
            let price = n / Double(payers)
            if price <= value[c] {
                // The bound on the price: what was contributed (each term's error, and rounding
                // in the sum), the subtraction, the division.
                let sumError = contributedError + Double(position + 2) * unit * contributed
                let priceError = (sumError + unit * abs(n)) / Double(payers) + unit * abs(price)
                // The split is certain when every class paying all it has has less than the price
                // and every other class more, bounds included.
                var othersLow = Double.infinity
                for (other, _) in classes[position...] { othersLow = min(othersLow, value[other] - error[other]) }
                if partialHigh < price - priceError && othersLow > price + priceError {
                    return Quote(
                        proposal: proposal, price: price, error: priceError, classes: classes, partial: position, exact: nil, cost: cost,
                        broke: broke)
                }
                return exactQuote(proposal, cost: cost, classes: classes, broke: broke)
            }
            contributed += Double(voters) * value[c]
            contributedError += Double(voters) * error[c]
            partialHigh = max(partialHigh, value[c] + error[c])
            payers -= voters
        }
        // All together have less than the cost, unless the bound cannot tell.
        let sumError = contributedError + Double(classes.count + 2) * unit * contributed
        if contributed + sumError < total { return nil }
        return exactQuote(proposal, cost: cost, classes: classes, broke: broke)
    }

    /// The quote computed on exact amounts.
    private mutating func exactQuote(_ proposal: Int, cost: Int, classes: [(id: Int, voters: Int)], broke: Int) -> Quote? {
        var amounts: [Rational] = []
        for (c, _) in classes { amounts.append(exactValue(ofClass: c)) }
        let order = classes.indices.sorted { amounts[$0] < amounts[$1] }
        let sorted = order.map { classes[$0] }
        var payers = classes.reduce(0) { $0 + $1.voters }
        var contributed = Rational.zero
        for (position, index) in order.enumerated() {
            let price = (Rational(cost) - contributed) / Rational(payers)
            if price <= amounts[index] {
                let approximate = price.doubleValue
                return Quote(
                    proposal: proposal, price: approximate, error: 8 * unit * abs(approximate), classes: sorted, partial: position,
                    exact: price, cost: cost, broke: broke,
                    exactlyThePrice: Set(order[position...].filter { amounts[$0] == price }.map { classes[$0].id }))
            }
            contributed += Rational(classes[index].voters) * amounts[index]
            payers -= classes[index].voters
        }
        return nil
    }

    /// The exact price of a quote whose split is known.
    private mutating func exactPrice(of quote: Quote) -> Rational {
        var contributed = Rational.zero
        var payers = 0
        for (position, (c, voters)) in quote.classes.enumerated() {
            if position < quote.partial { contributed += Rational(voters) * exactValue(ofClass: c) } else { payers += voters }
        }
        return (Rational(quote.cost) - contributed) / Rational(payers)
    }

    /// Funds the quoted proposal: supporters who can pay the price move to a class with that much
    /// less, the others to the class with nothing.
    private mutating func fund(_ quote: Quote, supporters: [Int]) {
        let priceIndex = prices.count
        prices.append(
            Price(
                cost: quote.cost, partial: Array(quote.classes[..<quote.partial]), payers: quote.classes[quote.partial...].reduce(0) { $0 + $1.voters },
                value: quote.price, error: quote.error, exact: quote.exact))
        var moved: [Int: Int] = [Self.zeroClass: Self.zeroClass]
        var full = 0, partial = quote.broke
        for (position, (c, voters)) in quote.classes.enumerated() {
            guard position >= quote.partial else {
                partial += voters
                moved[c] = Self.zeroClass
                continue
            }
            full += voters
            if quote.exactlyThePrice.contains(c) {
                moved[c] = Self.zeroClass
                continue
            }
            let left = value[c] - quote.price
            value.append(left)
            error.append(error[c] + quote.error + unit * abs(left))
            recipe.append(.paid(from: c, price: priceIndex))
            exact.append(nil)
            listed.append(-1)
            moved[c] = value.count - 1
        }
        for group in supporters { groupClass[group] = moved[groupClass[group]]! }
        funded.append(Funding(proposal: quote.proposal, price: priceIndex, fullPayers: full, partialPayers: partial))
    }

    // MARK: Exact amounts, computed when needed

    private mutating func exactValue(ofClass c: Int) -> Rational {
        if let known = exact[c] { return known }
        guard case .paid(let from, let price) = recipe[c] else { preconditionFailure("the share and nothing are always known") }
        let amount = exactValue(ofClass: from) - exactPrice(price)
        exact[c] = amount
        return amount
    }

    private mutating func exactPrice(_ index: Int) -> Rational {
        if let known = prices[index].exact { return known }
        var contributed = Rational.zero
        for (c, voters) in prices[index].partial { contributed += Rational(voters) * exactValue(ofClass: c) }
        let amount = (Rational(prices[index].cost) - contributed) / Rational(prices[index].payers)
        prices[index].exact = amount
        return amount
    }
}
