/// A QR code (ISO/IEC 18004) at error correction level M, versions 1 to 10: enough for a
/// survey's address or an invitation code with its address, read by any phone's camera.
///
/// The data is one segment in the most compact mode that holds it (numeric, alphanumeric or
/// bytes); the version is the smallest that fits, at least `minimumVersion`; the mask is the
/// one of the eight with the lowest penalty by the standard's four rules, or the one asked for.
/// Pure computation: render it with ``svg(moduleSize:quietZone:)`` or ``terminalText(quietZone:)``.
public struct QRCode: Sendable, Hashable {
    /// Why a text could not be encoded.
    public enum EncodingError: Error, Sendable, Hashable {
        /// More than version 10 at level M holds (for bytes: 213).
        case tooLong(bits: Int, capacity: Int)
        /// A version or mask outside what the encoder does.
        case outOfRange(String)
    }

    /// 1 to 10; the symbol is 17 + 4 × version modules wide.
    public let version: Int
    /// The mask pattern, 0 to 7.
    public let mask: Int
    /// Rows of modules, top first; `true` is dark.
    public let modules: [[Bool]]

    /// Modules per side.
    public var size: Int { modules.count }

    public init(encoding text: String, minimumVersion: Int = 1, mask requestedMask: Int? = nil) throws(EncodingError) {
        guard (1...10).contains(minimumVersion) else { throw .outOfRange("version \(minimumVersion); this encoder does 1 to 10") }
        if let requestedMask, !(0...7).contains(requestedMask) { throw .outOfRange("mask \(requestedMask); masks are 0 to 7") }
        let segment = QRSegment(text)
        guard let version = (minimumVersion...10).first(where: { segment.length(version: $0) <= Self.dataCodewords(version: $0) * 8 }) else {
            throw .tooLong(bits: segment.length(version: 10), capacity: Self.dataCodewords(version: 10) * 8)
        }
        let codewords = Self.codewords(segment, version: version)
        var matrix = QRMatrix(version: version)
        matrix.placeFunctionPatterns()
        matrix.place(codewords: codewords)
        // Each mask scored once; on a tie the lower pattern number, as the standard's order.
        let chosen = requestedMask ?? (0..<8).map { matrix.masked($0).penalty }.enumerated().min { $0.element < $1.element }!.offset
        self.version = version
        self.mask = chosen
        self.modules = matrix.masked(chosen).dark
    }

    // MARK: Level M, versions 1–10 (ISO/IEC 18004 table 9)

    /// Blocks per version: (count, data codewords each), first and second group.
    static let blocks: [[(count: Int, data: Int)]] = [
        [(1, 16)], [(1, 28)], [(1, 44)], [(2, 32)], [(2, 43)], [(4, 27)], [(4, 31)], [(2, 38), (2, 39)], [(3, 36), (2, 37)], [(4, 43), (1, 44)],
    ]
    /// Error correction codewords per block.
    static let correctionPerBlock = [10, 16, 26, 18, 24, 16, 18, 22, 22, 26]

    static func dataCodewords(version: Int) -> Int {
        blocks[version - 1].reduce(0) { $0 + $1.count * $1.data }
    }

    /// The final sequence of codewords: the data (mode, count, data, terminator, padding) split
    /// into blocks, each with its error correction, interleaved as the standard lays them out.
    static func codewords(_ segment: QRSegment, version: Int) -> [UInt8] {
        let capacity = dataCodewords(version: version) * 8
        var bits: [Bool] = []
        bits.append(value: segment.mode.rawValue, length: 4)
        bits.append(value: segment.count, length: segment.mode.countBits(version: version))
        bits += segment.bits
        bits += [Bool](repeating: false, count: min(4, capacity - bits.count))
        bits += [Bool](repeating: false, count: (8 - bits.count % 8) % 8)
        var data: [UInt8] = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while data.count < capacity / 8 {
            data.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        // Split into blocks, compute each block's correction, interleave column by column.
        var dataBlocks: [[UInt8]] = []
        var offset = 0
        for group in blocks[version - 1] {
            for _ in 0..<group.count {
                dataBlocks.append(Array(data[offset..<offset + group.data]))
                offset += group.data
            }
        }
        let correction = dataBlocks.map { ReedSolomon.remainder(of: $0, count: correctionPerBlock[version - 1]) }
        var result: [UInt8] = []
        for column in 0..<(dataBlocks.map(\.count).max() ?? 0) {
            for block in dataBlocks where column < block.count { result.append(block[column]) }
        }
        for column in 0..<correctionPerBlock[version - 1] {
            for block in correction { result.append(block[column]) }
        }
        return result
    }
}
