/// The marks given on one scale (a rating question, or every rating question of one theme), kept
/// as a count per mark so that a million responses take a few bytes and every statistic is
/// exact.
public struct MarkSummary: Sendable, Hashable {
    /// The scale, e.g. 1…10 for a school mark (rapportcijfer).
    public let scale: ClosedRange<Int>
    /// `counts[i]` is how often the mark `scale.lowerBound + i` was given.
    public private(set) var counts: [Int]

    public init(scale: ClosedRange<Int>) {
        self.scale = scale
        counts = Array(repeating: 0, count: scale.count)
    }

    /// Adds one mark; a mark off the scale is not counted (validation keeps them out).
    public mutating func add(_ mark: Int) {
        guard scale.contains(mark) else { return }
        counts[mark - scale.lowerBound] += 1
    }

    /// Adds marks given as numbers; ratings are whole, so `7.0` is the mark 7.
    public mutating func add(_ mark: Double) {
        guard let whole = Int(exactly: mark) else { return }
        add(whole)
    }

    public mutating func merge(_ other: MarkSummary) {
        precondition(scale == other.scale, "marks on different scales cannot be merged")
        for index in counts.indices { counts[index] += other.counts[index] }
    }

    public var n: Int { counts.reduce(0, +) }

    /// The mean mark; nil without marks.
    public var mean: Double? {
        let n = n
        guard n > 0 else { return nil }
        var sum = 0
        for (index, count) in counts.enumerated() { sum += count * (scale.lowerBound + index) }
        return Double(sum) / Double(n)
    }

    /// The sample standard deviation (divisor n − 1); nil with fewer than two marks.
    public var sd: Double? {
        let n = n
        guard n > 1, let mean else { return nil }
        var squares = 0.0
        for (index, count) in counts.enumerated() where count > 0 {
            let deviation = Double(scale.lowerBound + index) - mean
            squares += Double(count) * deviation * deviation
        }
        return (squares / Double(n - 1)).squareRoot()
    }

    /// mean ± t(0.975, n − 1) · sd / √n; nil with fewer than two marks, and nil when every mark
    /// is the same (as SciPy: a zero-width interval would claim a certainty a handful of equal
    /// marks does not give).
    public var ci95: ClosedRange<Double>? {
        guard let mean, let sd, sd > 0 else { return nil }
        let half = StudentT(degreesOfFreedom: Double(n - 1)).quantile(0.975) * sd / Double(n).squareRoot()
        return (mean - half)...(mean + half)
    }

    /// The scale's midpoint, (min + max) / 2: 5.5 on 1–10, 3 on 1–5.
    public var midpoint: Double { Double(scale.lowerBound + scale.upperBound) / 2 }

    /// How many marks lie below the midpoint (≤ 5 on 1–10, ≤ 2 on 1–5): dissatisfied residents.
    public var dissatisfied: Int {
        var total = 0
        for (index, count) in counts.enumerated() where Double(scale.lowerBound + index) < midpoint { total += count }
        return total
    }
}
