/// An invitation code for a binding vote: one code, one response.
///
/// Codes are easy to read aloud and type: 14 random symbols from an alphabet without the
/// look-alikes 0/O, 1/I/L and U (30 symbols, so 14 × log2(30) ≈ 68.7 bits from the system's
/// secure generator), one check symbol (Luhn mod 30) that catches every single mistyped symbol
/// and every swap of two neighbours, shown in groups of five: `K7M2P-QX4RT-9HWCZ`.
public struct InviteCode: Sendable, Hashable, CustomStringConvertible {
    static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTVWXYZ".unicodeScalars)
    static let randomLength = 14

    /// The 15 symbols without separators.
    public let symbols: String

    /// Why a typed code was refused.
    public enum ParseError: Error, Sendable, Hashable {
        /// Wrong length or symbols that codes never use.
        case format
        /// The check symbol does not match: most likely a typo.
        case checkSymbol
    }

    /// Reads a typed or pasted code, ignoring spaces, dashes and case.
    public init(parsing text: String) throws(ParseError) {
        let scalars = text.uppercased().unicodeScalars.filter { !($0 == " " || $0 == "-" || $0 == "\t" || $0 == "\u{00A0}") }
        guard scalars.count == Self.randomLength + 1 else { throw .format }
        var values: [Int] = []
        for scalar in scalars {
            guard let value = Self.alphabet.firstIndex(of: scalar) else { throw .format }
            values.append(value)
        }
        guard Self.isValid(values) else { throw .checkSymbol }
        symbols = String(String.UnicodeScalarView(scalars))
    }

    /// A new random code.
    public static func generate() -> InviteCode {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// A new code from `generator` (tests pass a seeded one; real codes use the system's).
    public static func generate(using generator: inout some RandomNumberGenerator) -> InviteCode {
        var values = (0..<randomLength).map { _ in Int.random(in: 0..<alphabet.count, using: &generator) }
        values.append(checkValue(for: values))
        return InviteCode(values: values)
    }

    private init(values: [Int]) {
        symbols = String(String.UnicodeScalarView(values.map { Self.alphabet[$0] }))
    }

    /// `XXXXX-XXXXX-XXXXX`.
    public var description: String {
        let characters = Array(symbols)
        return stride(from: 0, to: characters.count, by: 5).map { String(characters[$0..<min($0 + 5, characters.count)]) }
            .joined(separator: "-")
    }

    /// Luhn mod N: the check value that makes the weighted sum divisible by N.
    static func checkValue(for values: [Int]) -> Int {
        let n = alphabet.count
        return (n - luhnSum(values, firstFactor: 2) % n) % n
    }

    static func isValid(_ values: [Int]) -> Bool {
        luhnSum(values, firstFactor: 1) % alphabet.count == 0
    }

    /// The Luhn mod N sum, weighting from the right with `firstFactor`, then alternately 2 and 1.
    private static func luhnSum(_ values: [Int], firstFactor: Int) -> Int {
        let n = alphabet.count
        var factor = firstFactor, sum = 0
        for value in values.reversed() {
            let addend = factor * value
            sum += addend / n + addend % n
            factor = factor == 2 ? 1 : 2
        }
        return sum
    }
}
