import Testing
import WijkpeilCore

@Suite("Exact numbers: BigInt and Rational")
struct ExactNumberTests {
    @Test("small values agree with Int for every operation, signs included")
    func agreesWithInt() {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<5_000 {
            let a = Int(truncatingIfNeeded: generator.next()) >> 33, b = Int(truncatingIfNeeded: generator.next()) >> 35
            let (x, y) = (BigInt(a), BigInt(b))
            #expect((x + y).intValue == a + b && (x - y).intValue == a - b && (x * y).intValue == a * b)
            if b != 0 {
                let (quotient, remainder) = x.quotientAndRemainder(dividingBy: y)
                #expect(quotient.intValue == a / b && remainder.intValue == a % b, "\(a) / \(b)")
            }
            #expect((x < y) == (a < b) && (x == y) == (a == b))
        }
    }

    @Test("large values: (a·b + r) / b gives back a and r, and text round-trips", arguments: [1, 2, 3, 5, 9, 17])
    func largeDivision(limbs: Int) throws {
        var generator = SplitMix64(seed: UInt64(limbs))
        func random(_ digits: Int) -> BigInt {
            var text = String(generator.next() % 9 + 1)
            for _ in 1..<digits { text += String(generator.next() % 10) }
            return BigInt(text)!
        }
        for _ in 0..<200 {
            let a = random(limbs * 9 + 3), b = random(limbs * 5 + 2)
            let r = random(limbs * 5 + 1) % b
            let (quotient, remainder) = (a * b + r).quotientAndRemainder(dividingBy: b)
            #expect(quotient == a && remainder == r)
            #expect(BigInt(a.description) == a && BigInt((-a).description) == -a)
        }
        // A case that needs Knuth's add-back step: the estimated quotient digit is one too large.
        let dividend = BigInt("340282366920938463463374607431768211455")!  // 2^128 - 1
        let divisor = BigInt("18446744073709551617")!  // 2^64 + 1
        #expect(dividend / divisor == BigInt("18446744073709551615")! && dividend % divisor == 0)
        #expect(BigInt.gcd(BigInt(462), BigInt(1071)) == BigInt(21))
    }

    @Test("fractions are kept reduced with a positive denominator, and compare exactly")
    func rationals() {
        let third = Rational(BigInt(1), BigInt(3))
        #expect(third + third + third == 1)
        #expect(Rational(BigInt(6), BigInt(-8)).description == "-3/4")
        #expect(Rational(BigInt(2), BigInt(4)) == Rational(BigInt(1), BigInt(2)))
        #expect(Rational(BigInt(1), BigInt(3)) < Rational(BigInt(334), BigInt(1001)))
        #expect(Rational(BigInt(333), BigInt(1000)) < third)
        // Denominators past 128 bits stay exact.
        var sum = Rational.zero
        for prime in [3, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97] {
            sum += Rational(BigInt(1), BigInt(prime))
            sum -= Rational(BigInt(1), BigInt(prime * 2))
        }
        #expect(sum.denominator.description.count == 36)  // as Python's fractions.Fraction gives
        #expect(abs(sum.doubleValue - 0.5514086005244355) < 1e-12)
    }

    @Test("past Int's range a fraction moves to big integers and back, with the same value as exact arithmetic gives")
    func smallAndBig() {
        let max = Rational(Int.max)
        let past = max + 1
        #expect(past.description == "9223372036854775808" && past > max)
        #expect(past - 1 == max)  // back in Int storage, equal as values and as storage
        let tiny = Rational(BigInt(1), BigInt(Int.max)) * Rational(BigInt(1), BigInt(3))
        #expect(tiny.denominator == BigInt(Int.max) * BigInt(3) && tiny * Rational(3) == Rational(BigInt(1), BigInt(Int.max)))
        var generator = SplitMix64(seed: 11)
        for _ in 0..<2_000 {
            let a = Rational(BigInt(Int(truncatingIfNeeded: generator.next())), BigInt(Int(generator.next() >> 2) + 1))
            let b = Rational(BigInt(Int(truncatingIfNeeded: generator.next())), BigInt(Int(generator.next() >> 2) + 1))
            let sum = a + b
            #expect(sum.numerator * a.denominator * b.denominator == (a.numerator * b.denominator + b.numerator * a.denominator) * sum.denominator)
            #expect((a < b) == (a.numerator * b.denominator < b.numerator * a.denominator))
            #expect((a * b) / b == a)
        }
    }
}
