import Foundation

/// The regularised incomplete beta and gamma functions, from which the t, F and chi-square
/// distributions follow. Continued fractions evaluated with the modified Lentz method
/// (Numerical Recipes, 3rd ed., §6.2 and §6.4); accurate to about 1e-13 for the arguments an
/// analysis meets, which the tests check against SciPy.
enum IncompleteFunctions {
    private static let epsilon = 1e-15
    private static let tiny = 1e-300
    private static let maxIterations = 100_000

    /// I_x(a, b), for a, b > 0 and 0 ≤ x ≤ 1.
    static func beta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        // The fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaFraction(x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * betaFraction(1 - x, a: b, b: a) / b
    }

    private static func betaFraction(_ x: Double, a: Double, b: Double) -> Double {
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...maxIterations {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
        }
        return h
    }

    /// Q(a, x) = Γ(a, x) / Γ(a), the upper regularised incomplete gamma function, for a > 0, x ≥ 0.
    static func gammaUpper(_ a: Double, _ x: Double) -> Double {
        if x <= 0 { return 1 }
        let logFront = -x + a * log(x) - lgamma(a)
        if x < a + 1 {
            // Series for P(a, x).
            var term = 1 / a, sum = term, ap = a
            for _ in 0..<maxIterations {
                ap += 1
                term *= x / ap
                sum += term
                if abs(term) < abs(sum) * epsilon { break }
            }
            return 1 - sum * exp(logFront)
        }
        // Continued fraction for Q(a, x).
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1...maxIterations {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
        }
        return exp(logFront) * h
    }
}
