import Foundation
import WijkpeilCore

/// The participant ids of a per-sticker file as they come, one entry per run of rows with the
/// same id (one person's stickers are usually entered together), numbered afterwards by first
/// appearance.
///
/// Numbering a participant means a look-up in a table far larger than the processor's caches.
/// Done row by row, each look-up stalls the parse for a trip to memory; done here, in one
/// short loop over all runs, the trips overlap.
struct ParticipantRuns {
    /// The runs' ids, side by side.
    private var bytes: [UInt8] = []
    /// Where each run's id ends in `bytes`.
    private var ends: [Int] = []

    var count: Int { ends.count }

    /// Adds `id` as a new run, unless it is the id of the last run. Returns the run's number.
    @inline(__always)
    mutating func add(_ id: UnsafeRawBufferPointer) -> Int32 {
        if !lastRunIs(id) {
            bytes.append(contentsOf: id)
            ends.append(bytes.count)
        }
        return Int32(ends.count - 1)
    }

    @inline(__always)
    private func lastRunIs(_ id: UnsafeRawBufferPointer) -> Bool {
        guard let end = ends.last else { return false }
        let start = ends.count > 1 ? ends[ends.count - 2] : 0
        guard end - start == id.count else { return false }
        return bytes.withUnsafeBufferPointer { bytes in
            for index in 0..<id.count where bytes[start + index] != id[index] { return false }
            return true
        }
    }

    /// For every run, the number of its participant (0, 1, 2… in order of first appearance),
    /// and the participants' ids in that order.
    func numbered() -> (participantOfRun: [Int32], ids: [String]) {
        let runs = ends.count
        guard runs > 0 else { return ([], []) }
        var size = 16
        while size < runs * 2 { size <<= 1 }
        let mask = size - 1
        // A slot: the first run with this id (low 32 bits) and the hash's high bits, to skip most
        // key comparisons; all ones when empty.
        let empty = UInt64.max
        var slots = [UInt64](repeating: empty, count: size)
        var participantOfRun = [Int32](repeating: 0, count: runs)
        var firstRuns: [Int] = []
        bytes.withUnsafeBytes { bytes in
            let hashes = (0..<runs).map { ByteIdTable.hash(key(of: $0, in: bytes)) }
            slots.withUnsafeMutableBufferPointer { slots in
                participantOfRun.withUnsafeMutableBufferPointer { participantOfRun in
                    for run in 0..<runs {
                        let hash = hashes[run]
                        let tag = UInt64(truncatingIfNeeded: hash) >> 32
                        var slot = hash & mask
                        while true {
                            let entry = slots[slot]
                            if entry == empty {
                                slots[slot] = tag << 32 | UInt64(run)
                                participantOfRun[run] = Int32(firstRuns.count)
                                firstRuns.append(run)
                                break
                            }
                            let first = Int(entry & 0xFFFF_FFFF)
                            if entry >> 32 == tag, key(of: first, in: bytes).elementsEqual(key(of: run, in: bytes)) {
                                participantOfRun[run] = participantOfRun[first]
                                break
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
        }
        let ids = bytes.withUnsafeBytes { bytes in firstRuns.map { String(decoding: key(of: $0, in: bytes), as: UTF8.self) } }
        return (participantOfRun, ids)
    }

    @inline(__always)
    private func key(of run: Int, in bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[(run > 0 ? ends[run - 1] : 0)..<ends[run]])
    }
}
