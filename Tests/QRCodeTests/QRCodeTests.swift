import Testing

@testable import QRCode

/// The encoder against the standard's worked example and against vectors made by a reference
/// encoder (segno 1.6.6, the same version, level M and mask, with its padding corrected to
/// §7.4.10 — see `scripts/check-qr.sh`): the symbols must be identical, module for module.
/// `scripts/check-qr.sh` compares 200 more and decodes them with zbar.
@Suite("QR codes, bit for bit")
struct QRCodeTests {
    struct Vector: Sendable, CustomStringConvertible {
        var text: String
        var version: Int
        var mask: Int
        var rows: String
        var description: String { "\(text.prefix(24))… \(version)-M mask \(mask)" }
    }

    static let vectors: [Vector] = [
        Vector(
            text: "01234567", version: 1, mask: 2,
            rows: """
                111111100101101111111
                100000100111101000001
                101110101000001011101
                101110101100001011101
                101110101011101011101
                100000101000101000001
                111111101010101111111
                000000001001100000000
                101111100100101111100
                000101011010100101100
                001000110101010011111
                000010000100000111100
                000111111001010010000
                000000001011111001100
                111111100110101100000
                100000101011111000101
                101110101000100101100
                101110101100100100000
                101110101011010010100
                100000100000000110110
                111111101111010010100
                """),
        Vector(
            text: "HTTP://WIJKPEIL.LAN:8080/S/WIJKBUDGET", version: 2, mask: 5,
            rows: """
                1111111001111010101111111
                1000001010011101101000001
                1011101010011110101011101
                1011101011111100101011101
                1011101001111011101011101
                1000001000000010101000001
                1111111010101010101111111
                0000000011001111000000000
                1000001010110110011001110
                0101100111110110100011100
                1001001000000011001010011
                1110110110110101011011100
                0110011110111000000100010
                1100000001101010100010100
                1010001101101011010110000
                1001010101001101011011011
                1010111001111010111110101
                0000000011010000100011110
                1111111000001000101010110
                1000001001000111100011000
                1011101000010011111110101
                1011101001111000100100011
                1011101000110011110100101
                1000001001000011100100000
                1111111011110011000000011
                """),
        Vector(
            text: "http://192.168.1.20:8080/s/wijkanalyse", version: 3, mask: 3,
            rows: """
                11111110101110101101001111111
                10000010100011101100101000001
                10111010001111101001001011101
                10111010111101101110101011101
                10111010001000111111101011101
                10000010001011101001001000001
                11111110101010101010101111111
                00000000100100001100100000000
                10110111011101011100101001011
                00000101100111001111001010001
                00011011001111001010110000110
                00110001100000001010000001001
                10100111011110110101110101100
                01011100110000111111111100011
                00100111111101001101000011111
                10011100100010101000010100010
                10111110100100110000000110010
                01111001110100110100000000110
                10011110010101111100001001100
                00111101111011100111101100100
                01000010101111101111111111100
                00000000101100001001100011111
                11111110100100101011101011010
                10000010101011111011100011000
                10111010011010000100111111100
                10111010101001011000000010101
                10111010100011101000110000001
                10000010001110000000110110010
                11111110101001010010110111010
                """),
        Vector(
            text: "http://wijkpeil.lan:8080/s/wijkbudget?code=ABCDE-FGHJK-LMNPQ&lang=en&xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", version: 8,
            mask: 6,
            rows: """
                1111111010001110010000110001001110111000101111111
                1000001010010100111101101111110101100111101000001
                1011101010101100111001001000001010010101101011101
                1011101001111011011010110101101110011101001011101
                1011101011101101101101111111011010011100001011101
                1000001001000001111011100010000010010010001000001
                1111111010101010101010101010101010101010101111111
                0000000001010010011001100011101010101010100000000
                1001111110010000101010111111111000011000010010111
                1001110000001011000110000111001010100011111010000
                1100101010000110000011000000010011110001000001001
                1111000010110100000011100111010110010010000111100
                1001011001011000010010001010111111111110000010011
                0110000011001001111110001011111111001011001110110
                1110101101010000000000100110010110010011100111111
                1011100100001000010010110001100100010000001011101
                0000011100001001111100001011011111001011001110110
                1001110001100111100101110101101001111101101101100
                0000011110100011010110101001100100010001111001101
                1111000101110001100101000111100001110101000101001
                1111011010111100000011011000101001111011001100000
                1110110001110011101110010010101011101111111001010
                1110111110011110001011111111100001110100111110101
                1101100011111100000010100010001101011110100011111
                0100101011101111111001101010110010101011101011010
                0111100011101111001011100010111101001011100010100
                1111111110011101101000111110000011100100111111111
                0101100000101101100111000110000100000001010001110
                0011111100011110000011001001011011001011010100100
                1111100011110000100110111101001011101100111100010
                1100101100000000001100001011100100010000001111101
                0010010100110101111001101100000000110101110101010
                0001011100101110111010010000001001111101110010000
                1000110000111110100111111110011011101110110111110
                1101111000110100110011111110100000110100001011001
                1011010101001110000010110011011110100000000011111
                0100111111100101111001010100111010101111011000010
                1100000111111101101010001110001111001011000111010
                0100011100000101000100000001000111000111111001111
                0111000001000110111001110100010011001111001111101
                1110001111110001001001111110011111001001111111110
                0000000011111010000100100011101101100101100010000
                1111111011111010001001101011110001101110101011111
                1000001011110001101010100011100000100101100011001
                1011101011101111010000111110101101111101111110011
                1011101010001010100011000101011001111111000100001
                1011101000111111000111101000100100101100011011010
                1000001000010000110000110110110110000010101001111
                1111111010111001001000110111111011101111000110001
                """),
    ]

    @Test("ISO/IEC 18004 annex I: '01234567' at 1-M gives the standard's data and error correction codewords")
    func workedExample() {
        let codewords = QRCode.codewords(QRSegment("01234567"), version: 1)
        #expect(Array(codewords.prefix(16)) == [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11])
        #expect(Array(codewords.suffix(10)) == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    @Test("'HELLO WORLD' at 1-M: the alphanumeric data and its ten correction codewords")
    func helloWorld() {
        let codewords = QRCode.codewords(QRSegment("HELLO WORLD"), version: 1)
        #expect(
            codewords == [
                0x20, 0x5B, 0x0B, 0x78, 0xD1, 0x72, 0xDC, 0x4D, 0x43, 0x40, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
                0xC4, 0x23, 0x27, 0x77, 0xEB, 0xD7, 0xE7, 0xE2, 0x5D, 0x17,
            ])
    }

    @Test("the symbol is the reference encoder's, module for module", arguments: vectors)
    func sameSymbol(_ vector: Vector) throws {
        let code = try QRCode(encoding: vector.text, mask: vector.mask)
        #expect(code.version == vector.version)
        let rows = code.modules.map { String($0.map { $0 ? "1" : "0" }) }
        let expected = vector.rows.split(separator: "\n").map(String.init)
        #expect(rows.count == expected.count)
        for (index, (row, want)) in zip(rows, expected).enumerated() where row != want {
            Issue.record("row \(index): \(row)\n   want: \(want)")
        }
    }

    @Test("the mode is the most compact one: digits, capitals with ' $%*+-./:', else bytes")
    func modes() {
        #expect(QRSegment("0123").mode == .numeric)
        #expect(QRSegment("ABCDE-FGHJK LMNPQ").mode == .alphanumeric)
        #expect(QRSegment("https://wijkpeil.lan").mode == .byte)
        #expect(QRSegment("Straße").count == 7)  // UTF-8 bytes
    }

    @Test("the smallest version that holds the text, and a clear refusal beyond version 10")
    func versions() throws {
        #expect(try QRCode(encoding: String(repeating: "a", count: 14)).version == 1)
        #expect(try QRCode(encoding: String(repeating: "a", count: 15)).version == 2)
        #expect(try QRCode(encoding: String(repeating: "a", count: 213)).version == 10)
        #expect(throws: QRCode.EncodingError.tooLong(bits: 4 + 16 + 214 * 8, capacity: 216 * 8)) {
            try QRCode(encoding: String(repeating: "a", count: 214))
        }
        #expect(try QRCode(encoding: "1", minimumVersion: 3).version == 3)
        #expect(throws: QRCode.EncodingError.self) { try QRCode(encoding: "1", mask: 8) }
    }

    @Test("without a mask asked for, the one with the lowest penalty is chosen")
    func maskChoice() throws {
        let code = try QRCode(encoding: "http://wijkpeil.lan:8080/s/wijkanalyse")
        var matrix = QRMatrix(version: code.version)
        matrix.placeFunctionPatterns()
        matrix.place(codewords: QRCode.codewords(QRSegment("http://wijkpeil.lan:8080/s/wijkanalyse"), version: code.version))
        let penalties = (0..<8).map { matrix.masked($0).penalty }
        #expect(penalties[code.mask] == penalties.min())
    }

    @Test("drawn as SVG with a quiet zone, and for a terminal in half blocks")
    func rendering() throws {
        let code = try QRCode(encoding: "01234567", mask: 2)
        let svg = code.svg(moduleSize: 4, quietZone: 4, title: "Formulier <wijkanalyse>")
        #expect(svg.contains("viewBox=\"0 0 116 116\"") && svg.contains("<title>Formulier &lt;wijkanalyse&gt;</title>"))
        // The top-left finder's first row: seven dark modules from (4, 4) in module units.
        #expect(svg.contains("M16 16h28v4h-28z"))
        let text = code.terminalText(quietZone: 2)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 13 && lines.allSatisfy { $0.count == 25 })
        // The quiet zone is light (drawn), the finder dark (blank), its inner light ring ▄ below.
        #expect(lines[0] == Substring(String(repeating: "█", count: 25)))
        #expect(lines[1].hasPrefix("██ ▄▄▄▄▄ ██"))
    }
}
