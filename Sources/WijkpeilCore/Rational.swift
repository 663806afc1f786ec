/// An exact fraction, always reduced, with a positive denominator: for decisions that must not
/// depend on rounding (who pays how much for which proposal).
///
/// Kept in two `Int`s while it fits — most fractions of a count do, and then arithmetic costs a few
/// machine instructions — and in ``BigInt``s when an operation would overflow.
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// Canonical: a value that fits in `Int`s is always `.small`, so equal values are equal storage.
    @usableFromInline enum Storage: Sendable, Hashable {
        case small(Int, Int)
        case big(BigInt, BigInt)
    }

    @usableFromInline var storage: Storage

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
        storage = Self.canonical(n, d)
    }

    public init(_ value: Int) { storage = .small(value, 1) }

    public init(integerLiteral value: Int) { self.init(value) }

    /// From an `Int` fraction, reduced (through ``BigInt`` only for `Int.min`).
    init(small numerator: Int, _ denominator: Int) {
        if numerator == Int.min || denominator == Int.min {
            self.init(BigInt(numerator), BigInt(denominator))
            return
        }
        let sign = denominator < 0 ? -1 : 1
        let divisor = Self.gcd(numerator.magnitude, denominator.magnitude)
        self.init(storage: .small(sign * numerator / Int(divisor), sign * denominator / Int(divisor)))
    }

    static func canonical(_ n: BigInt, _ d: BigInt) -> Storage {
        if let small = n.intValue, let smallDenominator = d.intValue, small != Int.min { return .small(small, smallDenominator) }
        return .big(n, d)
    }

    static func gcd(_ a: UInt, _ b: UInt) -> UInt {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : x
    }

    public static let zero = Rational(0)

    public var numerator: BigInt {
        switch storage {
        case .small(let n, _): BigInt(n)
        case .big(let n, _): n
        }
    }

    public var denominator: BigInt {
        switch storage {
        case .small(_, let d): BigInt(d)
        case .big(_, let d): d
        }
    }

    public var isZero: Bool {
        if case .small(0, _) = storage { return true }
        return false
    }

    public var isNegative: Bool {
        switch storage {
        case .small(let n, _): n < 0
        case .big(let n, _): n.isNegative
        }
    }

    // MARK: Arithmetic

    public static func + (a: Rational, b: Rational) -> Rational {
        if case .small(let n1, let d1) = a.storage, case .small(let n2, let d2) = b.storage {
            if d1 == d2 {
                let (sum, overflow) = n1.addingReportingOverflow(n2)
                if !overflow { return Rational(small: sum, d1) }
            } else {
                let (x, o1) = n1.multipliedReportingOverflow(by: d2)
                let (y, o2) = n2.multipliedReportingOverflow(by: d1)
                let (d, o3) = d1.multipliedReportingOverflow(by: d2)
                if !(o1 || o2 || o3) {
                    let (sum, o4) = x.addingReportingOverflow(y)
                    if !o4 { return Rational(small: sum, d) }
                }
            }
        }
        let (n1, d1, n2, d2) = (a.numerator, a.denominator, b.numerator, b.denominator)
        if d1 == d2 { return Rational(n1 + n2, d1) }
        return Rational(n1 * d2 + n2 * d1, d1 * d2)
    }

    public static prefix func - (a: Rational) -> Rational {
        switch a.storage {
        case .small(let n, let d) where n != Int.min: Rational(storage: .small(-n, d))
        default: Rational(-a.numerator, a.denominator)
        }
    }

    init(storage: Storage) { self.storage = storage }

    public static func - (a: Rational, b: Rational) -> Rational { a + (-b) }

    public static func * (a: Rational, b: Rational) -> Rational {
        if case .small(let n1, let d1) = a.storage, case .small(let n2, let d2) = b.storage, n1 != Int.min, n2 != Int.min {
            // Cross-reduce first, so fewer products overflow.
            let g1 = Int(gcd(n1.magnitude, d2.magnitude)), g2 = Int(gcd(n2.magnitude, d1.magnitude))
            let (n, o1) = (n1 / g1).multipliedReportingOverflow(by: n2 / g2)
            let (d, o2) = (d1 / g2).multipliedReportingOverflow(by: d2 / g1)
            if !(o1 || o2) { return Rational(small: n, d) }
        }
        return Rational(a.numerator * b.numerator, a.denominator * b.denominator)
    }

    public static func / (a: Rational, b: Rational) -> Rational {
        precondition(!b.isZero, "division by 0")
        let reciprocal: Rational
        switch b.storage {
        case .small(let n, let d) where n != Int.min: reciprocal = Rational(small: d, n)
        default: reciprocal = Rational(b.denominator, b.numerator)
        }
        return a * reciprocal
    }

    public static func += (a: inout Rational, b: Rational) { a = a + b }
    public static func -= (a: inout Rational, b: Rational) { a = a - b }

    public static func < (a: Rational, b: Rational) -> Bool {
        if case .small(let n1, let d1) = a.storage, case .small(let n2, let d2) = b.storage {
            if d1 == d2 { return n1 < n2 }
            // 128-bit products never overflow.
            let x = n1.multipliedFullWidth(by: d2), y = n2.multipliedFullWidth(by: d1)
            return x.high != y.high ? x.high < y.high : x.low < y.low
        }
        return a.numerator * b.denominator < b.numerator * a.denominator
    }

    /// A close `Double`, for display only.
    public var doubleValue: Double {
        switch storage {
        case .small(let n, let d): return Double(n) / Double(d)
        case .big(let numerator, let denominator):
            // Scaled so that very large numerators and denominators still divide sensibly.
            let shift = max(0, max(numerator.limbs.count, denominator.limbs.count) - 30)
            func scaled(_ value: BigInt) -> Double {
                BigInt(limbs: Array(value.limbs.dropFirst(shift)), negative: value.negative).doubleValue
            }
            return scaled(numerator) / scaled(denominator)
        }
    }

    public var description: String {
        switch storage {
        case .small(let n, let d): d == 1 ? String(n) : "\(n)/\(d)"
        case .big(let n, let d): d == .one ? n.description : "\(n)/\(d)"
        }
    }
}
