@testable import WijkpeilCore
import Testing

@Suite("Byte id table")
struct ByteIdTableTests {
    @Test("finds every key it was given, through growth, and nothing else")
    func lookups() {
        var table = ByteIdTable(capacity: 4)
        // Short keys, keys of exactly 8 and 16 bytes, long keys, keys that share a prefix.
        let keys = (0..<1000).map { Array("tafel-\($0)".utf8) } + ["12345678", "1234567812345678", "1234567", String(repeating: "x", count: 40)].map { Array($0.utf8) }
        for (index, key) in keys.enumerated() {
            #expect(key.withUnsafeBytes { table.valueOrInsert($0, value: Int32(index)) } == nil)
        }
        #expect(table.count == keys.count)
        for (index, key) in keys.enumerated() {
            #expect(key.withUnsafeBytes { table.value(for: $0) } == Int32(index))
        }
        for missing in ["tafel-1000", "123456781234567", "12345678123456789", String(repeating: "x", count: 39), ""] {
            #expect(Array(missing.utf8).withUnsafeBytes { table.value(for: $0) } == nil, "\(missing)")
        }
    }

    @Test("a key stored twice keeps its first value")
    func firstValueWins() {
        var table = ByteIdTable(keys: [Array("groen".utf8), Array("rood".utf8)])
        #expect(Array("rood".utf8).withUnsafeBytes { table.valueOrInsert($0, value: 7) } == 1)
        #expect(Array("rood".utf8).withUnsafeBytes { table.value(for: $0) } == 1)
        #expect(table.count == 2)
        #expect([UInt8]().withUnsafeBytes { table.valueOrInsert($0, value: 2) } == nil)
        #expect([UInt8]().withUnsafeBytes { table.value(for: $0) } == 2)
    }
}
