/// An open-addressing map from short byte strings (option and colour ids, poster names, the
/// question ids and repeated answers of a response file) to
/// indices, looked up straight from a file's bytes: no `String` is made and no list scanned per
/// row. Participants, far more numerous, are numbered by `ParticipantRuns` with the same hash.
///
/// The keys live side by side in one byte arena, so a key costs no allocation of its own; a
/// slot holds the key's place in the arena and its value. Keys are hashed eight bytes at a
/// time. Values are 0 or more.
package struct ByteIdTable: Sendable {
    private struct Slot: Sendable {
        var offset: UInt32
        var length: UInt32
        /// -1 marks an empty slot.
        var value: Int32
    }

    private var arena: [UInt8] = []
    private var slots: [Slot]
    private var mask: Int
    package private(set) var count = 0

    package init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(offset: 0, length: 0, value: -1), count: size)
        mask = size - 1
        arena.reserveCapacity(capacity * 8)
    }

    /// A table of `keys`, each mapped to its position in the list.
    package init(keys: [[UInt8]]) {
        self.init(capacity: keys.count)
        for (index, key) in keys.enumerated() {
            key.withUnsafeBytes { _ = valueOrInsert($0, value: Int32(index)) }
        }
    }

    /// A hash of `bytes`, eight bytes at a time (not for adversaries: the keys come from the
    /// organiser's own files).
    @inline(__always)
    package static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = UInt64(truncatingIfNeeded: bytes.count) &* multiplier
        var position = 0
        while position + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)) &* multiplier
            hash ^= hash >> 32
            position += 8
        }
        if position < bytes.count {
            hash = (hash ^ tail(bytes)) &* multiplier
        }
        hash ^= hash >> 29
        hash = hash &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: hash ^ (hash >> 32))
    }

    /// The bytes after the last whole word (for a key of eight bytes or more, its last eight;
    /// for a shorter one, all of it) as one word, read in at most two loads.
    @inline(__always)
    private static func tail(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        if count >= 8 { return bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) }
        if count >= 4 {
            let low = UInt64(bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
            let high = UInt64(bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            return low | high << 32
        }
        return UInt64(bytes[0]) | UInt64(bytes[count / 2]) << 8 | UInt64(bytes[count - 1]) << 16
    }

    /// Whether `count` bytes at `a` and at `b` are equal; word by word, since keys are short.
    @inline(__always)
    private static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
        if count >= 8 {
            var position = 0
            while position + 8 <= count {
                if a.loadUnaligned(fromByteOffset: position, as: UInt64.self) != b.loadUnaligned(fromByteOffset: position, as: UInt64.self) { return false }
                position += 8
            }
            return a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        if count >= 4 {
            return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
                && a.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self) == b.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        }
        for index in 0..<count where a.load(fromByteOffset: index, as: UInt8.self) != b.load(fromByteOffset: index, as: UInt8.self) { return false }
        return true
    }

    /// The slot holding `bytes`, or the empty slot where it would go.
    @inline(__always)
    private func slot(for bytes: UnsafeRawBufferPointer, hash: Int) -> Int {
        var slot = hash & mask
        return arena.withUnsafeBytes { arena in
            slots.withUnsafeBufferPointer { slots in
                while true {
                    let candidate = slots[slot]
                    if candidate.value < 0 { return slot }
                    if Int(candidate.length) == bytes.count,
                        bytes.isEmpty || Self.equal(arena.baseAddress! + Int(candidate.offset), bytes.baseAddress!, count: bytes.count)
                    {
                        return slot
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// The index stored for `bytes`, or nil.
    package func value(for bytes: UnsafeRawBufferPointer) -> Int32? {
        let value = slots[slot(for: bytes, hash: Self.hash(bytes))].value
        return value < 0 ? nil : value
    }

    /// The index stored for `bytes`; or, when there is none, stores `value` and returns nil.
    /// One probe either way.
    package mutating func valueOrInsert(_ bytes: UnsafeRawBufferPointer, value: Int32) -> Int32? {
        precondition(value >= 0, "values are 0 or more")
        if (count + 1) * 2 > slots.count { grow() }
        let hash = Self.hash(bytes)
        let found = slot(for: bytes, hash: hash)
        if slots[found].value >= 0 { return slots[found].value }
        precondition(arena.count + bytes.count < Int(UInt32.max), "keys of more than 4 GB")
        slots[found] = Slot(offset: UInt32(arena.count), length: UInt32(bytes.count), value: value)
        arena.append(contentsOf: bytes)
        count += 1
        return nil
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(offset: 0, length: 0, value: -1), count: old.count * 2)
        mask = slots.count - 1
        arena.withUnsafeBytes { arena in
            for entry in old where entry.value >= 0 {
                let key = UnsafeRawBufferPointer(rebasing: arena[Int(entry.offset)..<Int(entry.offset + entry.length)])
                var slot = Self.hash(key) & mask
                while slots[slot].value >= 0 { slot = (slot + 1) & mask }
                slots[slot] = entry
            }
        }
    }
}
