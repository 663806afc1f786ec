@testable import Stickers
import Testing

@Suite("Byte id table")
struct ByteIdTableTests {
    @Test("finds every key it was given, through growth, and nothing else")
    func lookups() {
        var table = ByteIdTable(capacity: 4)
        let keys = (0..<1000).map { Array("tafel-\($0)".utf8) }
        for (index, key) in keys.enumerated() {
            key.withUnsafeBytes { table.insert($0, value: Int32(index)) }
        }
        #expect(table.count == 1000)
        for (index, key) in keys.enumerated() {
            #expect(key.withUnsafeBytes { table.value(for: $0) } == Int32(index))
        }
        #expect(Array("tafel-1000".utf8).withUnsafeBytes { table.value(for: $0) } == nil)
        #expect([UInt8]().withUnsafeBytes { table.value(for: $0) } == nil)
    }
}
