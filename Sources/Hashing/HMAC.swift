/// HMAC-SHA256 (RFC 2104), for ``PBKDF2``.
public struct HMAC: Sendable {
    private let inner: SHA256
    private let outer: SHA256

    /// Prepares the keyed inner and outer hashes once, so each message costs two compressions
    /// fewer; PBKDF2 computes thousands of HMACs with one key.
    public init(key: [UInt8]) {
        var key = key
        if key.count > SHA256.blockSize { key = SHA256.hash(key) }
        key += [UInt8](repeating: 0, count: SHA256.blockSize - key.count)
        var inner = SHA256(), outer = SHA256()
        inner.update(key.map { $0 ^ 0x36 })
        outer.update(key.map { $0 ^ 0x5c })
        self.inner = inner
        self.outer = outer
    }

    public func authenticationCode(for message: [UInt8]) -> [UInt8] {
        var inner = self.inner
        inner.update(message)
        var outer = self.outer
        outer.update(inner.finalize())
        return outer.finalize()
    }

    public static func authenticationCode(for message: [UInt8], key: [UInt8]) -> [UInt8] {
        HMAC(key: key).authenticationCode(for: message)
    }
}

/// PBKDF2 with HMAC-SHA256 (RFC 8018): a deliberately slow, salted key derivation. Invitation
/// codes are stored only as its output.
public enum PBKDF2 {
    public static func derive(password: [UInt8], salt: [UInt8], iterations: Int, length: Int = 32) -> [UInt8] {
        precondition(iterations >= 1 && length >= 1, "PBKDF2 needs at least one iteration and one byte")
        let prf = HMAC(key: password)
        var derived: [UInt8] = []
        derived.reserveCapacity(length)
        var blockIndex: UInt32 = 1
        while derived.count < length {
            var u = prf.authenticationCode(
                for: salt + [
                    UInt8(blockIndex >> 24), UInt8(truncatingIfNeeded: blockIndex >> 16),
                    UInt8(truncatingIfNeeded: blockIndex >> 8), UInt8(truncatingIfNeeded: blockIndex),
                ])
            var block = u
            for _ in 1..<max(iterations, 1) {
                u = prf.authenticationCode(for: u)
                for i in 0..<block.count { block[i] ^= u[i] }
            }
            derived += block
            blockIndex += 1
        }
        return Array(derived.prefix(length))
    }
}
