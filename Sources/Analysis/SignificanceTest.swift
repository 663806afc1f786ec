/// The tests an analysis uses to compare a neighbourhood with its reference. Each returns nil
/// where the test is undefined (too few answers, no variation), as SciPy would return NaN.
public enum SignificanceTest {
    /// Welch's two-sample t-test, two-sided (`scipy.stats.ttest_ind(a, b, equal_var=False)`).
    public static func welch(_ a: MarkSummary, _ b: MarkSummary) -> Double? {
        guard let meanA = a.mean, let meanB = b.mean, let sdA = a.sd, let sdB = b.sd else { return nil }
        return welch(mean: meanA, sd: sdA, n: a.n, mean: meanB, sd: sdB, n: b.n)
    }

    /// Welch's test from two samples' means, standard deviations (n − 1) and sizes, as an
    /// earlier analysis records them.
    public static func welch(mean meanA: Double, sd sdA: Double, n nA: Int, mean meanB: Double, sd sdB: Double, n nB: Int) -> Double? {
        guard nA > 1, nB > 1 else { return nil }
        let varA = sdA * sdA / Double(nA), varB = sdB * sdB / Double(nB)
        let se2 = varA + varB
        guard se2 > 0 else { return nil }
        let t = (meanA - meanB) / se2.squareRoot()
        let df = se2 * se2 / (varA * varA / Double(nA - 1) + varB * varB / Double(nB - 1))
        return StudentT(degreesOfFreedom: df).twoSidedP(t)
    }

    /// The two-proportion z-test with a pooled proportion, two-sided
    /// (`statsmodels.stats.proportion.proportions_ztest([x1, x2], [n1, n2])`).
    public static func twoProportion(_ a: Proportion, _ b: Proportion) -> Double? {
        guard a.n > 0, b.n > 0, let shareA = a.share, let shareB = b.share else { return nil }
        let pooled = Double(a.count + b.count) / Double(a.n + b.n)
        let se = (pooled * (1 - pooled) * (1 / Double(a.n) + 1 / Double(b.n))).squareRoot()
        guard se > 0 else { return nil }
        return Normal.twoSidedP((shareA - shareB) / se)
    }

    /// Pearson's chi-square goodness of fit of observed counts to expected shares
    /// (`scipy.stats.chisquare(observed, expected)` with the expected counts scaled to the
    /// observed total). Returns the statistic, the degrees of freedom and the p-value.
    public static func chiSquareGoodnessOfFit(observed: [Int], expectedShares: [Double]) -> (statistic: Double, degreesOfFreedom: Int, p: Double)? {
        precondition(observed.count == expectedShares.count, "one expected share per category")
        let total = Double(observed.reduce(0, +))
        let shareTotal = expectedShares.reduce(0, +)
        guard observed.count > 1, total > 0, shareTotal > 0, expectedShares.allSatisfy({ $0 > 0 }) else { return nil }
        var statistic = 0.0
        for (count, share) in zip(observed, expectedShares) {
            let expected = total * share / shareTotal
            statistic += (Double(count) - expected) * (Double(count) - expected) / expected
        }
        let df = observed.count - 1
        return (statistic, df, ChiSquared.survival(statistic, degreesOfFreedom: Double(df)))
    }

    /// One-way analysis of variance over groups of marks (`scipy.stats.f_oneway`): are the
    /// buurten of a wijk different? Groups without marks are left out; nil with fewer than two
    /// groups, or no variation within the groups.
    public static func oneWayANOVA(_ groups: [MarkSummary]) -> Double? {
        let groups = groups.filter { $0.n > 0 }
        let total = groups.reduce(0) { $0 + $1.n }
        guard groups.count > 1, total > groups.count else { return nil }
        var weightedSum = 0.0
        for group in groups { weightedSum += (group.mean ?? 0) * Double(group.n) }
        let grandMean = weightedSum / Double(total)
        var between = 0.0, within = 0.0
        for group in groups {
            let deviation = (group.mean ?? 0) - grandMean
            between += Double(group.n) * deviation * deviation
            if let sd = group.sd { within += sd * sd * Double(group.n - 1) }
        }
        let d1 = Double(groups.count - 1), d2 = Double(total - groups.count)
        guard within > 0 else { return nil }
        return FisherF.survival((between / d1) / (within / d2), d1: d1, d2: d2)
    }

    /// Holm's step-down adjustment of a family of p-values
    /// (`statsmodels.stats.multitest.multipletests(p, method="holm")`); nils stay nil and are not
    /// counted in the family.
    public static func holm(_ pValues: [Double?]) -> [Double?] {
        var present: [(index: Int, p: Double)] = []
        for (index, p) in pValues.enumerated() {
            if let p { present.append((index, p)) }
        }
        present.sort { $0.p < $1.p || ($0.p == $1.p && $0.index < $1.index) }
        var adjusted = [Double?](repeating: nil, count: pValues.count)
        var running = 0.0
        for (rank, entry) in present.enumerated() {
            let scaled = Double(present.count - rank) * entry.p
            running = max(running, min(1, scaled))
            adjusted[entry.index] = running
        }
        return adjusted
    }
}
