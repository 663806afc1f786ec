/// The modules of a QR symbol while it is built: the function patterns (finders, timing,
/// alignment, format and version information), the data in its zigzag, and the masks.
struct QRMatrix: Sendable {
    let version: Int
    let size: Int
    var dark: [[Bool]]
    /// Modules of function patterns, which data and masks leave alone.
    var isFunction: [[Bool]]

    init(version: Int) {
        self.version = version
        size = 17 + 4 * version
        dark = Array(repeating: Array(repeating: false, count: size), count: size)
        isFunction = dark
    }

    private mutating func set(row: Int, column: Int, _ value: Bool) {
        dark[row][column] = value
        isFunction[row][column] = true
    }

    /// Centres of the alignment patterns on each axis (ISO/IEC 18004 annex E).
    static let alignmentCentres: [[Int]] = [[], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]]

    mutating func placeFunctionPatterns() {
        // Timing patterns.
        for index in 0..<size {
            set(row: 6, column: index, index % 2 == 0)
            set(row: index, column: 6, index % 2 == 0)
        }
        // Finders with their separators.
        for (row, column) in [(3, 3), (3, size - 4), (size - 4, 3)] {
            for dy in -4...4 {
                for dx in -4...4 {
                    let y = row + dy, x = column + dx
                    guard (0..<size).contains(y), (0..<size).contains(x) else { continue }
                    let distance = max(abs(dx), abs(dy))
                    set(row: y, column: x, distance != 2 && distance != 4)
                }
            }
        }
        // Alignment patterns, except where they would cover a finder.
        let centres = Self.alignmentCentres[version - 1]
        for row in centres {
            for column in centres {
                let nearFinder = (row == 6 && column == 6) || (row == 6 && column == centres.last) || (row == centres.last && column == 6)
                guard !nearFinder else { continue }
                for dy in -2...2 {
                    for dx in -2...2 { set(row: row + dy, column: column + dx, max(abs(dx), abs(dy)) != 1) }
                }
            }
        }
        // Format information is reserved now and written with the mask; the dark module.
        placeFormat(mask: 0)
        // Version information from version 7: 6 bits and a BCH(18,6) remainder.
        if version >= 7 {
            var remainder = version
            for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
            let bits = version << 12 | remainder
            for index in 0..<18 {
                let bit = (bits >> index) & 1 == 1
                let a = size - 11 + index % 3, b = index / 3
                set(row: b, column: a, bit)
                set(row: a, column: b, bit)
            }
        }
    }

    /// The 15 format bits for level M (00) and `mask`: BCH(15,5), masked with 101010000010010.
    static func formatBits(mask: Int) -> Int {
        let data = 0b00 << 3 | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        return (data << 10 | remainder) ^ 0x5412
    }

    mutating func placeFormat(mask: Int) {
        let bits = Self.formatBits(mask: mask)
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        // Around the top-left finder.
        for index in 0..<6 { set(row: index, column: 8, bit(index)) }
        set(row: 7, column: 8, bit(6))
        set(row: 8, column: 8, bit(7))
        set(row: 8, column: 7, bit(8))
        for index in 9..<15 { set(row: 8, column: 14 - index, bit(index)) }
        // Split between the top-right and bottom-left finders.
        for index in 0..<8 { set(row: 8, column: size - 1 - index, bit(index)) }
        for index in 8..<15 { set(row: size - 15 + index, column: 8, bit(index)) }
        set(row: size - 8, column: 8, true)
    }

    /// The codewords in the zigzag: pairs of columns from the right, up and down in turn,
    /// skipping the vertical timing pattern and every function module.
    mutating func place(codewords: [UInt8]) {
        var index = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = (right + 1) & 2 == 0
            for step in 0..<size {
                let row = upward ? size - 1 - step : step
                for column in [right, right - 1] where !isFunction[row][column] {
                    if index < codewords.count * 8 {
                        dark[row][column] = (codewords[index >> 3] >> (7 - (index & 7))) & 1 == 1
                        index += 1
                    }
                    // Remainder bits stay light.
                }
            }
            right -= 2
        }
    }

    /// Whether mask `pattern` inverts the module at `row`, `column` (ISO/IEC 18004 table 10).
    static func inverts(_ pattern: Int, row: Int, column: Int) -> Bool {
        switch pattern {
        case 0: (row + column) % 2 == 0
        case 1: row % 2 == 0
        case 2: column % 3 == 0
        case 3: (row + column) % 3 == 0
        case 4: (row / 2 + column / 3) % 2 == 0
        case 5: (row * column) % 2 + (row * column) % 3 == 0
        case 6: ((row * column) % 2 + (row * column) % 3) % 2 == 0
        default: ((row + column) % 2 + (row * column) % 3) % 2 == 0
        }
    }

    /// The symbol with mask `pattern` applied to the data and its format information written.
    func masked(_ pattern: Int) -> QRMatrix {
        var copy = self
        for row in 0..<size {
            for column in 0..<size where !isFunction[row][column] && Self.inverts(pattern, row: row, column: column) {
                copy.dark[row][column].toggle()
            }
        }
        copy.placeFormat(mask: pattern)
        return copy
    }

    /// The standard's penalty (§7.8.3): runs of five or more, 2×2 blocks, finder-like patterns,
    /// and the balance of dark and light.
    var penalty: Int {
        var score = 0
        let columns = (0..<size).map { column in (0..<size).map { dark[$0][column] } }
        for line in dark + columns {
            // Rule 1: 3 for a run of five, one more for each module beyond.
            var run = 1
            for index in 1..<size {
                if line[index] == line[index - 1] {
                    run += 1
                } else {
                    if run >= 5 { score += run - 2 }
                    run = 1
                }
            }
            if run >= 5 { score += run - 2 }
            // Rule 3: 1011101 with four light modules on either side.
            let pattern: [Bool] = [true, false, true, true, true, false, true]
            let light = [Bool](repeating: false, count: 4)
            for start in 0...(size - 11) {
                let window = Array(line[start..<start + 11])
                if window == pattern + light || window == light + pattern { score += 40 }
            }
        }
        // Rule 2: 3 for each 2×2 block of one colour.
        for row in 0..<(size - 1) {
            for column in 0..<(size - 1) {
                let colour = dark[row][column]
                if dark[row][column + 1] == colour, dark[row + 1][column] == colour, dark[row + 1][column + 1] == colour { score += 3 }
            }
        }
        // Rule 4: 10 for each full 5% the dark share is away from half.
        let darkCount = dark.reduce(0) { $0 + $1.filter { $0 }.count }, total = size * size
        score += 10 * (abs(darkCount * 20 - total * 10) / total)
        return score
    }
}
