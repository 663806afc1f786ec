import Foundation
@testable import Surveys
import Testing
import WijkpeilCore

@Suite("Invitation codes")
struct InviteCodeTests {
    @Test func codesAreGroupedReadableAndCarryAtLeast64Bits() {
        let code = InviteCode.generate()
        #expect(code.description.count == 17)
        #expect(code.description.split(separator: "-").map(\.count) == [5, 5, 5])
        #expect(!code.symbols.contains { "01OILU".contains($0) })
        #expect(Double(InviteCode.randomLength) * log2(Double(InviteCode.alphabet.count)) >= 64)
    }

    @Test func typedCodesIgnoreSpacesDashesAndCase() throws {
        let code = InviteCode.generate()
        let typed = code.description.lowercased().replacingOccurrences(of: "-", with: " ")
        #expect(try InviteCode(parsing: "  " + typed + " ") == code)
        #expect(try InviteCode(parsing: code.symbols) == code)
    }

    @Test func everySingleTypoAndNeighbourSwapIsCaught() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<20 {
            let code = InviteCode.generate(using: &generator)
            let symbols = Array(code.symbols.unicodeScalars)
            for position in symbols.indices {
                for replacement in InviteCode.alphabet where replacement != symbols[position] {
                    var typo = symbols
                    typo[position] = replacement
                    #expect(throws: InviteCode.ParseError.checkSymbol) { try InviteCode(parsing: String(String.UnicodeScalarView(typo))) }
                }
                if position + 1 < symbols.count, symbols[position] != symbols[position + 1] {
                    var swapped = symbols
                    swapped.swapAt(position, position + 1)
                    #expect(throws: InviteCode.ParseError.checkSymbol) { try InviteCode(parsing: String(String.UnicodeScalarView(swapped))) }
                }
            }
        }
    }

    @Test(arguments: ["", "ABC", "K7M2P-QX4RT-9HWC", "K7M2P-QX4RT-9HWC0", "K7M2P-QX4RT-9HWCZZ"])
    func malformedCodesAreRefused(_ text: String) {
        #expect(throws: InviteCode.ParseError.format) { try InviteCode(parsing: text) }
    }
}
