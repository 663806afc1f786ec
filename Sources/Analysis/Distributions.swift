import Foundation

/// The standard normal distribution.
public enum Normal {
    /// Φ⁻¹(0.975): the z of a two-sided 95% interval (`scipy.stats.norm.ppf(0.975)`).
    public static let z975 = 1.959963984540054

    /// P(Z ≤ z).
    public static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }

    /// P(|Z| ≥ |z|): the two-sided p-value of a z statistic.
    public static func twoSidedP(_ z: Double) -> Double {
        erfc(abs(z) / 2.0.squareRoot())
    }
}

/// Student's t distribution with `degreesOfFreedom` > 0 (not necessarily whole: Welch's test
/// uses fractional degrees of freedom).
public struct StudentT: Sendable, Hashable {
    public var degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0, "a t distribution needs degrees of freedom > 0")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// P(|T| ≥ |t|): the two-sided p-value of a t statistic.
    public func twoSidedP(_ t: Double) -> Double {
        guard t.isFinite else { return t.isNaN ? .nan : 0 }
        let nu = degreesOfFreedom
        return IncompleteFunctions.beta(nu / (nu + t * t), a: nu / 2, b: 0.5)
    }

    /// P(T ≤ t).
    public func cdf(_ t: Double) -> Double {
        let tail = twoSidedP(t) / 2
        return t > 0 ? 1 - tail : tail
    }

    /// The t with P(T ≤ t) = p, for 0 < p < 1, found by bisection on the cdf (to within 1e-12).
    public func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "a quantile needs 0 < p < 1")
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p) }
        // For p > ½ the quantile is positive; two-sided tail probability 2(1 − p).
        let target = 2 * (1 - p)
        var low = 0.0, high = 2.0
        while twoSidedP(high) > target { low = high; high *= 2 }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if twoSidedP(middle) > target { low = middle } else { high = middle }
            if high - low <= 1e-13 * high { break }
        }
        return (low + high) / 2
    }
}

/// The chi-square distribution.
public enum ChiSquared {
    /// P(X ≥ x) with `degreesOfFreedom` > 0.
    public static func survival(_ x: Double, degreesOfFreedom: Double) -> Double {
        IncompleteFunctions.gammaUpper(degreesOfFreedom / 2, x / 2)
    }
}

/// The F distribution.
public enum FisherF {
    /// P(F ≥ f) with `d1`, `d2` degrees of freedom.
    public static func survival(_ f: Double, d1: Double, d2: Double) -> Double {
        guard f > 0 else { return 1 }
        return IncompleteFunctions.beta(d2 / (d2 + d1 * f), a: d2 / 2, b: d1 / 2)
    }
}
