/// A small open-addressing map from short byte strings (poster names, participant ids) to
/// indices, looked up straight from the file's bytes: no `String` is made and no list scanned
/// per row.
struct ByteIdTable {
    private var keys: [[UInt8]?]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: nil, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    /// The index stored for `bytes`, or nil.
    func value(for bytes: UnsafeRawBufferPointer) -> Int32? {
        var slot = Self.hash(bytes) & mask
        while let key = keys[slot] {
            if key.count == bytes.count, key.withUnsafeBytes({ $0.elementsEqual(bytes) }) { return values[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    mutating func insert(_ bytes: UnsafeRawBufferPointer, value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        var slot = Self.hash(bytes) & mask
        while keys[slot] != nil { slot = (slot + 1) & mask }
        keys[slot] = Array(bytes)
        values[slot] = value
        count += 1
    }

    private mutating func grow() {
        let old = zip(keys, values).compactMap { key, value in key.map { ($0, value) } }
        let size = keys.count * 2
        keys = Array(repeating: nil, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
        count = 0
        for (key, value) in old {
            key.withUnsafeBytes { insert($0, value: value) }
        }
    }
}
