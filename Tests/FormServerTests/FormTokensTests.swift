@testable import FormServer
import HTTPCore
import HTTPServer
import Testing

@Suite("Form tokens")
struct FormTokensTests {
    @Test("submission keys are 26 characters of the alphabet and never repeat, across many refills of the random pool")
    func keysAreUniqueAndWellFormed() {
        let alphabet = Set("abcdefghijkmnpqrstuvwxyz23456789")
        let keys = (0..<20_000).map { _ in FormTokens.randomKey() }
        #expect(Set(keys).count == keys.count)
        #expect(keys.allSatisfy { $0.count == 26 && $0.allSatisfy(alphabet.contains) })
        // Every character of the alphabet turns up in each of the first 25 positions (no bits
        // stuck at zero); the last holds the remaining 3 of the 128 bits, so 8 characters.
        for position in 0..<26 {
            let seen = Set(keys.map { $0[$0.index($0.startIndex, offsetBy: position)] })
            #expect(seen.count == (position < 25 ? 32 : 8), "position \(position)")
        }
    }

    @Test func aTokenBindsKeyAndSurvey() {
        let tokens = FormTokens(secret: Array(repeating: 7, count: 32))
        let token = tokens.csrf(survey: "wijkanalyse", key: "abc")
        #expect(tokens.isValid(csrf: token, survey: "wijkanalyse", key: "abc"))
        #expect(!tokens.isValid(csrf: token, survey: "evaluatie", key: "abc"))
        #expect(!tokens.isValid(csrf: token, survey: "wijkanalyse", key: "abd"))
        #expect(!FormTokens(secret: Array(repeating: 8, count: 32)).isValid(csrf: token, survey: "wijkanalyse", key: "abc"))
    }
}
