import Hashing
import Testing

@Suite("SHA-256, HMAC and PBKDF2 against published test vectors")
struct HashingTests {
    /// FIPS 180-2 appendix B and the empty string.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256(_ message: String, _ digest: String) {
        #expect(SHA256.hex(Array(message.utf8)) == digest)
    }

    @Test func sha256OfAMillionAs() {
        // FIPS 180-2 appendix B.3, fed in uneven pieces to exercise buffering.
        var hasher = SHA256()
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 999)
        for _ in 0..<1001 { hasher.update(piece) }
        hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: 1))
        #expect(hasher.finalize().hexString == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: [55, 56, 63, 64, 65, 119, 120])
    func paddingBoundariesAgreeWithPieceWiseHashing(_ length: Int) {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var hasher = SHA256()
        for byte in bytes { hasher.update([byte]) }
        #expect(hasher.finalize() == SHA256.hash(bytes))
    }

    /// RFC 4231 test cases 1, 2 and 6 (a key longer than a block).
    @Test func hmacSHA256() {
        let key1 = [UInt8](repeating: 0x0b, count: 20)
        #expect(
            HMAC.authenticationCode(for: Array("Hi There".utf8), key: key1).hexString
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(
            HMAC.authenticationCode(for: Array("what do ya want for nothing?".utf8), key: Array("Jefe".utf8)).hexString
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        let key6 = [UInt8](repeating: 0xaa, count: 131)
        #expect(
            HMAC.authenticationCode(for: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8), key: key6).hexString
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    /// PBKDF2-HMAC-SHA256 vectors from RFC 7914 section 11 and the widely used RFC 6070-style set.
    @Test(arguments: [
        ("passwd", "salt", 1, 64, "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"),
        ("password", "salt", 1, 32, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"),
        ("password", "salt", 2, 32, "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"),
        ("password", "salt", 4096, 32, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"),
    ])
    func pbkdf2(_ password: String, _ salt: String, _ iterations: Int, _ length: Int, _ expected: String) {
        #expect(PBKDF2.derive(password: Array(password.utf8), salt: Array(salt.utf8), iterations: iterations, length: length).hexString == expected)
    }
}
