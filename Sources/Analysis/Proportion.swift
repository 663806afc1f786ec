/// A share of a sample, such as the share of dissatisfied residents, with its Wilson interval.
public struct Proportion: Sendable, Hashable {
    public var count: Int
    public var n: Int

    public init(count: Int, n: Int) {
        precondition(count >= 0 && count <= n, "a proportion needs 0 ≤ count ≤ n")
        self.count = count
        self.n = n
    }

    /// count / n; nil when n = 0.
    public var share: Double? { n > 0 ? Double(count) / Double(n) : nil }

    /// The Wilson score interval at 95% (as `statsmodels.stats.proportion.proportion_confint(method="wilson")`).
    /// Unlike the textbook p ± z·√(p(1−p)/n), it stays inside [0, 1] and is defined for a share
    /// of 0 or 1 — common with thirty residents on an evening.
    public var wilson95: ClosedRange<Double>? {
        guard let p = share else { return nil }
        let z = Normal.z975, n = Double(n)
        let z2n = z * z / n
        let centre = (p + z2n / 2) / (1 + z2n)
        let half = z / (1 + z2n) * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
        return max(0, centre - half)...min(1, centre + half)
    }
}
