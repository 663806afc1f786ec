/// A signed integer of any size, for exact arithmetic where 64 (or 128) bits run out: the
/// fractions of the Method of Equal Shares grow past them within a few rounds, and the
/// toolchain has no big integers. Small and plain: schoolbook multiplication and Knuth's long
/// division over 32-bit limbs; values are normalised (no leading zero limbs, zero is not negative).
public struct BigInt: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// Little-endian magnitude.
    @usableFromInline var limbs: [UInt32]
    @usableFromInline var negative: Bool

    public init(_ value: Int) {
        negative = value < 0
        var magnitude = value.magnitude
        limbs = []
        while magnitude > 0 {
            limbs.append(UInt32(truncatingIfNeeded: magnitude))
            magnitude >>= 32
        }
    }

    public init(integerLiteral value: Int) { self.init(value) }

    init(limbs: [UInt32], negative: Bool) {
        var limbs = limbs
        while limbs.last == 0 { limbs.removeLast() }
        self.limbs = limbs
        self.negative = negative && !limbs.isEmpty
    }

    public static let zero = BigInt(0)
    public static let one = BigInt(1)

    public var isZero: Bool { limbs.isEmpty }
    public var isNegative: Bool { negative }
    public var magnitude: BigInt { BigInt(limbs: limbs, negative: false) }

    /// The value as an `Int`, when it fits.
    public var intValue: Int? {
        guard limbs.count <= 2 else { return nil }
        var value: UInt64 = 0
        for (index, limb) in limbs.enumerated() { value |= UInt64(limb) << (32 * UInt64(index)) }
        if negative {
            return value <= UInt64(Int.max) + 1 ? Int(truncatingIfNeeded: 0 &- value) : nil
        }
        return value <= UInt64(Int.max) ? Int(value) : nil
    }

    /// A close `Double`, for display only.
    public var doubleValue: Double {
        var value = 0.0
        for limb in limbs.reversed() { value = value * 4_294_967_296 + Double(limb) }
        return negative ? -value : value
    }

    // MARK: Magnitudes

    static func compareMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        var index = a.count - 1
        while index >= 0 {
            if a[index] != b[index] { return a[index] < b[index] ? -1 : 1 }
            index -= 1
        }
        return 0
    }

    static func addMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        var result = [UInt32]()
        result.reserveCapacity(long.count + 1)
        var carry: UInt64 = 0
        for index in 0..<long.count {
            let sum = UInt64(long[index]) + (index < short.count ? UInt64(short[index]) : 0) + carry
            result.append(UInt32(truncatingIfNeeded: sum))
            carry = sum >> 32
        }
        if carry > 0 { result.append(UInt32(carry)) }
        return result
    }

    /// `a - b` where `a >= b`.
    static func subtractMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var result = [UInt32]()
        result.reserveCapacity(a.count)
        var borrow: Int64 = 0
        for index in 0..<a.count {
            var difference = Int64(a[index]) - (index < b.count ? Int64(b[index]) : 0) - borrow
            if difference < 0 {
                difference += 1 << 32
                borrow = 1
            } else {
                borrow = 0
            }
            result.append(UInt32(difference))
        }
        while result.last == 0 { result.removeLast() }
        return result
    }

    static func multiplyMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        if a.isEmpty || b.isEmpty { return [] }
        var result = [UInt32](repeating: 0, count: a.count + b.count)
        for i in 0..<a.count {
            var carry: UInt64 = 0
            let ai = UInt64(a[i])
            if ai == 0 { continue }
            for j in 0..<b.count {
                let product = ai * UInt64(b[j]) + UInt64(result[i + j]) + carry
                result[i + j] = UInt32(truncatingIfNeeded: product)
                carry = product >> 32
            }
            var k = i + b.count
            while carry > 0 {
                let sum = UInt64(result[k]) + carry
                result[k] = UInt32(truncatingIfNeeded: sum)
                carry = sum >> 32
                k += 1
            }
        }
        while result.last == 0 { result.removeLast() }
        return result
    }

    /// Quotient and remainder of magnitudes (`b` not empty): Knuth's algorithm D.
    static func divideMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> (quotient: [UInt32], remainder: [UInt32]) {
        precondition(!b.isEmpty, "division by zero")
        if compareMagnitudes(a, b) < 0 { return ([], a) }
        if b.count == 1 {
            let divisor = UInt64(b[0])
            var quotient = [UInt32](repeating: 0, count: a.count)
            var remainder: UInt64 = 0
            for index in stride(from: a.count - 1, through: 0, by: -1) {
                let current = (remainder << 32) | UInt64(a[index])
                quotient[index] = UInt32(current / divisor)
                remainder = current % divisor
            }
            while quotient.last == 0 { quotient.removeLast() }
            return (quotient, remainder == 0 ? [] : [UInt32(remainder)])
        }
        // Normalise so the divisor's top limb has its high bit set.
        let shift = UInt32(b.last!.leadingZeroBitCount)
        let v = shiftLeft(b, by: shift)
        var u = shiftLeft(a, by: shift)
        if u.count == a.count { u.append(0) }
        let n = v.count, m = u.count - n
        var quotient = [UInt32](repeating: 0, count: m)
        let vTop = UInt64(v[n - 1]), vNext = UInt64(v[n - 2])
        for j in stride(from: m - 1, through: 0, by: -1) {
            let numerator = (UInt64(u[j + n]) << 32) | UInt64(u[j + n - 1])
            var qhat = numerator / vTop
            var rhat = numerator % vTop
            while qhat >= (1 << 32) || qhat * vNext > ((rhat << 32) | UInt64(u[j + n - 2])) {
                qhat -= 1
                rhat += vTop
                if rhat >= (1 << 32) { break }
            }
            // Multiply and subtract.
            var borrow: Int64 = 0
            var carry: UInt64 = 0
            for i in 0..<n {
                let product = qhat * UInt64(v[i]) + carry
                carry = product >> 32
                let difference = Int64(u[i + j]) - borrow - Int64(product & 0xFFFF_FFFF)
                u[i + j] = UInt32(truncatingIfNeeded: difference)
                borrow = difference < 0 ? 1 : 0
            }
            let difference = Int64(u[j + n]) - borrow - Int64(carry)
            u[j + n] = UInt32(truncatingIfNeeded: difference)
            if difference < 0 {
                // qhat was one too large: add the divisor back.
                qhat -= 1
                var carry: UInt64 = 0
                for i in 0..<n {
                    let sum = UInt64(u[i + j]) + UInt64(v[i]) + carry
                    u[i + j] = UInt32(truncatingIfNeeded: sum)
                    carry = sum >> 32
                }
                u[j + n] = UInt32(truncatingIfNeeded: UInt64(u[j + n]) + carry)
            }
            quotient[j] = UInt32(qhat)
        }
        while quotient.last == 0 { quotient.removeLast() }
        var remainder = shiftRight(Array(u[0..<n]), by: shift)
        while remainder.last == 0 { remainder.removeLast() }
        return (quotient, remainder)
    }

    static func shiftLeft(_ a: [UInt32], by shift: UInt32) -> [UInt32] {
        guard shift > 0 else { return a }
        var result = [UInt32]()
        result.reserveCapacity(a.count + 1)
        var carry: UInt32 = 0
        for limb in a {
            result.append((limb << shift) | carry)
            carry = limb >> (32 - shift)
        }
        if carry > 0 { result.append(carry) }
        return result
    }

    static func shiftRight(_ a: [UInt32], by shift: UInt32) -> [UInt32] {
        guard shift > 0 else { return a }
        var result = [UInt32](repeating: 0, count: a.count)
        for index in 0..<a.count {
            let high: UInt32 = index + 1 < a.count ? a[index + 1] << (32 - shift) : 0
            result[index] = (a[index] >> shift) | high
        }
        return result
    }

    // MARK: Arithmetic

    public static func + (a: BigInt, b: BigInt) -> BigInt {
        if a.negative == b.negative { return BigInt(limbs: addMagnitudes(a.limbs, b.limbs), negative: a.negative) }
        let order = compareMagnitudes(a.limbs, b.limbs)
        if order == 0 { return .zero }
        return order > 0
            ? BigInt(limbs: subtractMagnitudes(a.limbs, b.limbs), negative: a.negative)
            : BigInt(limbs: subtractMagnitudes(b.limbs, a.limbs), negative: b.negative)
    }

    public static prefix func - (a: BigInt) -> BigInt { BigInt(limbs: a.limbs, negative: !a.negative) }

    public static func - (a: BigInt, b: BigInt) -> BigInt { a + (-b) }

    public static func * (a: BigInt, b: BigInt) -> BigInt {
        BigInt(limbs: multiplyMagnitudes(a.limbs, b.limbs), negative: a.negative != b.negative)
    }

    /// Truncating division, as `Int`'s: the remainder has the dividend's sign.
    public func quotientAndRemainder(dividingBy divisor: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        let (quotient, remainder) = Self.divideMagnitudes(limbs, divisor.limbs)
        return (BigInt(limbs: quotient, negative: negative != divisor.negative), BigInt(limbs: remainder, negative: negative))
    }

    public static func / (a: BigInt, b: BigInt) -> BigInt { a.quotientAndRemainder(dividingBy: b).quotient }
    public static func % (a: BigInt, b: BigInt) -> BigInt { a.quotientAndRemainder(dividingBy: b).remainder }

    public static func += (a: inout BigInt, b: BigInt) { a = a + b }
    public static func -= (a: inout BigInt, b: BigInt) { a = a - b }

    /// The greatest common divisor of the magnitudes (Euclid).
    public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
        var (x, y) = (a.limbs, b.limbs)
        while !y.isEmpty { (x, y) = (y, divideMagnitudes(x, y).remainder) }
        return BigInt(limbs: x, negative: false)
    }

    public static func < (a: BigInt, b: BigInt) -> Bool {
        if a.negative != b.negative { return a.negative }
        let order = compareMagnitudes(a.limbs, b.limbs)
        return a.negative ? order > 0 : order < 0
    }

    // MARK: Text

    public var description: String {
        if limbs.isEmpty { return "0" }
        var digits: [String] = []
        var rest = limbs
        let chunk: [UInt32] = [1_000_000_000]
        while !rest.isEmpty {
            let (quotient, remainder) = Self.divideMagnitudes(rest, chunk)
            digits.append(String(remainder.first ?? 0))
            rest = quotient
        }
        var text = digits.last!
        for part in digits.dropLast().reversed() { text += String(repeating: "0", count: 9 - part.count) + part }
        return (negative ? "-" : "") + text
    }

    /// Reads decimal digits with an optional sign.
    public init?(_ text: String) {
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" || digits.first == "+" {
            negative = digits.first == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var value = BigInt.zero
        let billion = BigInt(1_000_000_000)
        var index = digits.startIndex
        let firstLength = digits.count % 9 == 0 ? 9 : digits.count % 9
        var end = digits.index(index, offsetBy: firstLength)
        while index < digits.endIndex {
            value = value * billion + BigInt(Int(digits[index..<end])!)
            index = end
            end = digits.index(index, offsetBy: min(9, digits.distance(from: index, to: digits.endIndex)))
        }
        self = negative ? -value : value
    }
}
