#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Hashing
import Synchronization

/// The hidden fields of a form: a fresh submission key (a double tap or a resubmitted page
/// stores once) and a CSRF token that binds the key to the survey with a server secret.
struct FormTokens: Sendable {
    private let mac: HMAC

    init(secret: [UInt8]) {
        mac = HMAC(key: secret)
    }

    /// Random bits from the system, fetched 4 KiB at a time in 256-byte `getentropy` calls
    /// (one call per 16 forms; `SystemRandomNumberGenerator` would make one per 8 bytes).
    private static let randomPool = Mutex<(bytes: [UInt64], next: Int)>(([], 0))

    private static func randomPair() -> (UInt64, UInt64) {
        randomPool.withLock { pool in
            if pool.next + 2 > pool.bytes.count {
                pool.bytes = [UInt64](repeating: 0, count: 512)
                pool.bytes.withUnsafeMutableBytes { buffer in
                    for offset in stride(from: 0, to: buffer.count, by: 256) where getentropy(buffer.baseAddress! + offset, 256) != 0 {
                        // The kernel's generator always answers; should it not, the standard
                        // library's generator (which stops the program rather than go on
                        // without randomness) fills this part.
                        var generator = SystemRandomNumberGenerator()
                        for word in 0..<32 { buffer.storeBytes(of: generator.next(), toByteOffset: offset + word * 8, as: UInt64.self) }
                    }
                }
                pool.next = 0
            }
            defer { pool.next += 2 }
            return (pool.bytes[pool.next], pool.bytes[pool.next + 1])
        }
    }

    /// 128 random bits in 26 letters and digits: unique among every form ever opened.
    static func randomKey() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789".utf8)
        var bits = randomPair()
        var key = [UInt8](repeating: 0, count: 26)
        for index in 0..<26 {
            key[index] = alphabet[Int(bits.0 & 31)]
            bits.0 = (bits.0 >> 5) | (bits.1 << 59)
            bits.1 >>= 5
        }
        return String(decoding: key, as: UTF8.self)
    }

    func csrf(survey: String, key: String) -> String {
        mac.authenticationCode(for: Array("form\n\(survey)\n\(key)".utf8)).hexString
    }

    func isValid(csrf: String, survey: String, key: String) -> Bool {
        let expected = Array(self.csrf(survey: survey, key: key).utf8), given = Array(csrf.utf8)
        guard expected.count == given.count else { return false }
        // Compared in constant time.
        var difference: UInt8 = 0
        for (a, b) in zip(expected, given) { difference |= a ^ b }
        return difference == 0
    }
}

extension FormTokens {
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(left, right) { difference |= x ^ y }
        return difference == 0
    }
}
