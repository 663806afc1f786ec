@testable import Stickers
import Testing

@Suite("Sticker use per participant and option")
struct OptionUsageTests {
    @Test("the array and the dictionary count alike")
    func denseAndSparseAgree() {
        var dense = StickerTally.OptionUsage(slots: 1000)
        var sparse = StickerTally.OptionUsage(slots: 1000, denseLimit: 10)
        #expect(dense.isDense && !sparse.isDense)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let key = Int.random(in: 0..<1000, using: &generator), add = Int32.random(in: 1...3, using: &generator)
            dense[key] += add
            sparse[key] += add
        }
        #expect((0..<1000).allSatisfy { dense[$0] == sparse[$0] })
        #expect((0..<1000).reduce(0) { $0 + Int(dense[$1]) } > 0)
    }
}
