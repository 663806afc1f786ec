/// An exact fraction of two ``BigInt``s, always reduced, with a positive denominator: for
/// decisions that must not depend on rounding (who pays how much for which proposal).
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    public private(set) var numerator: BigInt
    public private(set) var denominator: BigInt

    public init(_ numerator: BigInt, _ denominator: BigInt = .one) {
        precondition(!denominator.isZero, "a fraction with denominator 0")
        var (n, d) = denominator.isNegative ? (-numerator, -denominator) : (numerator, denominator)
        if d != .one {
            let divisor = BigInt.gcd(n, d)
            if divisor != .one {
                n = n / divisor
                d = d / divisor
            }
        }
        self.numerator = n
        self.denominator = d
    }

    public init(_ value: Int) {
        numerator = BigInt(value)
        denominator = .one
    }

    public init(integerLiteral value: Int) { self.init(value) }

    public static let zero = Rational(0)

    public var isZero: Bool { numerator.isZero }
    public var isNegative: Bool { numerator.isNegative }

    public static func + (a: Rational, b: Rational) -> Rational {
        if a.denominator == b.denominator { return Rational(a.numerator + b.numerator, a.denominator) }
        return Rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }

    public static prefix func - (a: Rational) -> Rational {
        var negated = a
        negated.numerator = -a.numerator
        return negated
    }

    public static func - (a: Rational, b: Rational) -> Rational { a + (-b) }

    public static func * (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.numerator, a.denominator * b.denominator)
    }

    public static func / (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.denominator, a.denominator * b.numerator)
    }

    public static func += (a: inout Rational, b: Rational) { a = a + b }
    public static func -= (a: inout Rational, b: Rational) { a = a - b }

    public static func < (a: Rational, b: Rational) -> Bool {
        if a.denominator == b.denominator { return a.numerator < b.numerator }
        return a.numerator * b.denominator < b.numerator * a.denominator
    }

    /// A close `Double`, for display only.
    public var doubleValue: Double {
        // Scaled so that very large numerators and denominators still divide sensibly.
        let shift = max(0, max(numerator.limbs.count, denominator.limbs.count) - 30)
        func scaled(_ value: BigInt) -> Double {
            BigInt(limbs: Array(value.limbs.dropFirst(shift)), negative: value.negative).doubleValue
        }
        return scaled(numerator) / scaled(denominator)
    }

    public var description: String { denominator == .one ? numerator.description : "\(numerator)/\(denominator)" }
}
