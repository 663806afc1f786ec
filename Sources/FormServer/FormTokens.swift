import Hashing

/// The hidden fields of a form: a fresh submission key (a double tap or a resubmitted page
/// stores once) and a CSRF token that binds the key to the survey with a server secret.
struct FormTokens: Sendable {
    let secret: [UInt8]

    init(secret: [UInt8]) {
        self.secret = secret
    }

    static func randomKey() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        return String((0..<22).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }

    func csrf(survey: String, key: String) -> String {
        HMAC.authenticationCode(for: Array("form\n\(survey)\n\(key)".utf8), key: secret).hexString
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
