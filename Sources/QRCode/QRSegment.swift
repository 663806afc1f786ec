/// The data of a QR code as one segment in the most compact of the three modes the kit
/// needs: numeric (digits), alphanumeric (digits, capitals and ` $%*+-./:`), or bytes (UTF-8).
struct QRSegment: Sendable, Hashable {
    enum Mode: Int, Sendable, Hashable {
        case numeric = 0b0001
        case alphanumeric = 0b0010
        case byte = 0b0100

        /// The length of the character count for a version (ISO/IEC 18004 table 3).
        func countBits(version: Int) -> Int {
            switch (self, version) {
            case (.numeric, ...9): 10
            case (.numeric, _): 12
            case (.alphanumeric, ...9): 9
            case (.alphanumeric, _): 11
            case (.byte, ...9): 8
            case (.byte, _): 16
            }
        }
    }

    static let alphanumericCharacters = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".unicodeScalars)

    let mode: Mode
    /// The number of characters (digits, characters or bytes) the count field says.
    let count: Int
    /// The data bits after the count, as 0 and 1.
    let bits: [Bool]

    init(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        if !scalars.isEmpty, scalars.allSatisfy({ ("0"..."9").contains($0) }) {
            mode = .numeric
            count = scalars.count
            var bits: [Bool] = []
            var index = 0
            while index < scalars.count {
                let group = scalars[index..<min(index + 3, scalars.count)]
                let value = group.reduce(0) { $0 * 10 + Int($1.value - 48) }
                bits.append(value: value, length: [0, 4, 7, 10][group.count])
                index += 3
            }
            self.bits = bits
        } else if !scalars.isEmpty, scalars.allSatisfy(Self.alphanumericCharacters.contains) {
            mode = .alphanumeric
            count = scalars.count
            let values = scalars.map { Self.alphanumericCharacters.firstIndex(of: $0)! }
            var bits: [Bool] = []
            var index = 0
            while index < values.count {
                if index + 1 < values.count {
                    bits.append(value: values[index] * 45 + values[index + 1], length: 11)
                } else {
                    bits.append(value: values[index], length: 6)
                }
                index += 2
            }
            self.bits = bits
        } else {
            mode = .byte
            let bytes = Array(text.utf8)
            count = bytes.count
            var bits: [Bool] = []
            for byte in bytes { bits.append(value: Int(byte), length: 8) }
            self.bits = bits
        }
    }

    /// The bits this segment takes in a version: mode, count and data.
    func length(version: Int) -> Int {
        4 + mode.countBits(version: version) + bits.count
    }
}

extension [Bool] {
    /// Appends the `length` lowest bits of `value`, most significant first.
    mutating func append(value: Int, length: Int) {
        for shift in stride(from: length - 1, through: 0, by: -1) { append((value >> shift) & 1 == 1) }
    }
}
