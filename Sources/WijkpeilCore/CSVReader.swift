/// One record of a CSV file and the line it starts on (1-based, counting the header).
public struct CSVRecord: Sendable, Hashable {
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// A CSV file that breaks RFC 4180.
public struct CSVError: Error, Sendable, Hashable {
    public enum Code: String, Sendable {
        case unterminatedQuote = "unterminated-quote"
        case quoteInUnquotedField = "quote-in-field"
        case textAfterClosingQuote = "text-after-quote"
        case invalidUTF8 = "invalid-utf8"
    }

    public var code: Code
    public var line: Int

    public init(code: Code, line: Int) {
        self.code = code
        self.line = line
    }

    public var message: LocalizedText {
        switch code {
        case .unterminatedQuote:
            LocalizedText(nl: "een veld begint met \" maar wordt niet afgesloten", en: "a field opens with \" but is never closed")
        case .quoteInUnquotedField:
            LocalizedText(
                nl: "een \" midden in een veld; zet het veld tussen \"…\" en schrijf \"\" voor een \"",
                en: "a \" inside a field; quote the field as \"…\" and write \"\" for a \"")
        case .textAfterClosingQuote:
            LocalizedText(nl: "tekst na het afsluitende \" van een veld", en: "text after the closing \" of a field")
        case .invalidUTF8:
            LocalizedText(nl: "het bestand is geen UTF-8; sla het op als \"CSV UTF-8\"", en: "the file is not UTF-8; save it as \"CSV UTF-8\"")
        }
    }

    public func finding(file: String?) -> Finding {
        Finding(.error, code: code.rawValue, at: Location(file: file, line: line), message: message)
    }
}

/// Reads CSV per RFC 4180: fields in `"…"` may hold separators, line breaks and `""` for a quote;
/// records end in CRLF or LF. A UTF-8 byte-order mark is skipped. The separator is `,` unless
/// the first line has `;` and no `,` (as Dutch spreadsheet programs save).
public struct CSVReader: Sendable {
    private let bytes: [UInt8]
    private var position: Int
    private var line = 1
    /// Fields in the last record: room kept for the next.
    private var lastWidth = 8
    public let separator: UInt8

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        position = bytes.starts(with: bom) ? 3 : 0
        let firstLineEnd = bytes[position...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        let firstLine = bytes[position..<firstLineEnd]
        separator =
            !firstLine.contains(UInt8(ascii: ",")) && firstLine.contains(UInt8(ascii: ";"))
            ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    /// Every record, or the first error.
    public static func records(_ bytes: [UInt8]) throws(CSVError) -> [CSVRecord] {
        var reader = CSVReader(bytes)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    /// The next record; `nil` at the end. Empty lines are skipped.
    public mutating func next() throws(CSVError) -> CSVRecord? {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        while position < bytes.count {
            // Skip empty lines.
            if bytes[position] == lf { position += 1; line += 1; continue }
            if bytes[position] == cr, position + 1 < bytes.count, bytes[position + 1] == lf { position += 2; line += 1; continue }
            break
        }
        guard position < bytes.count else { return nil }
        let startLine = line
        var fields: [String] = []
        fields.reserveCapacity(lastWidth)
        var field: [UInt8] = []
        while true {
            if position < bytes.count, bytes[position] == quote {
                // A quoted field.
                let openedOn = line
                position += 1
                while true {
                    guard position < bytes.count else { throw CSVError(code: .unterminatedQuote, line: openedOn) }
                    let byte = bytes[position]
                    if byte == quote {
                        if position + 1 < bytes.count, bytes[position + 1] == quote {
                            field.append(quote)
                            position += 2
                            continue
                        }
                        position += 1
                        break
                    }
                    if byte == lf { line += 1 }
                    field.append(byte)
                    position += 1
                }
                if position < bytes.count, bytes[position] != separator, bytes[position] != lf,
                    !(bytes[position] == cr && position + 1 < bytes.count && bytes[position + 1] == lf)
                {
                    throw CSVError(code: .textAfterClosingQuote, line: line)
                }
                guard let text = Self.text(field[...]) else { throw CSVError(code: .invalidUTF8, line: line) }
                fields.append(text)
                field.removeAll(keepingCapacity: true)
            } else {
                // An unquoted field is read straight from the file's bytes, not copied byte by byte.
                let start = position
                while position < bytes.count {
                    let byte = bytes[position]
                    if byte == separator || byte == lf { break }
                    if byte == cr, position + 1 < bytes.count, bytes[position + 1] == lf { break }
                    if byte == quote { throw CSVError(code: .quoteInUnquotedField, line: line) }
                    position += 1
                }
                guard let text = Self.text(bytes[start..<position]) else { throw CSVError(code: .invalidUTF8, line: line) }
                fields.append(text)
            }
            if position >= bytes.count { break }
            if bytes[position] == separator {
                position += 1
                if position >= bytes.count { fields.append(""); break }
                continue
            }
            // End of record: LF or CRLF.
            position += bytes[position] == cr ? 2 : 1
            line += 1
            break
        }
        lastWidth = fields.count
        return CSVRecord(line: startLine, fields: fields)
    }

    /// A field's text, or nil when its bytes are not UTF-8. ASCII (most cells: marks, ids) needs
    /// no validating; `String(validating:)` looks its generic types up at run time on every call.
    private static func text(_ bytes: ArraySlice<UInt8>) -> String? {
        if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }
}

/// Writes CSV per RFC 4180: UTF-8, CRLF, fields quoted when they hold a separator, quote or
/// line break, quotes doubled.
public enum CSVWriter {
    public static func line(_ fields: [String]) -> String {
        var bytes: [UInt8] = []
        append(fields, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends one record to a byte buffer: no intermediate strings, for large exports.
    public static func append(_ fields: [String], to bytes: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            if field.isEmpty { continue }
            let written: Void? = field.utf8.withContiguousStorageIfAvailable { appendField($0, to: &bytes) }
            if written == nil { appendField(Array(field.utf8), to: &bytes) }
        }
        bytes.append(UInt8(ascii: "\r"))
        bytes.append(UInt8(ascii: "\n"))
    }

    private static func appendField(_ utf8: some Collection<UInt8>, to bytes: inout [UInt8]) {
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        guard needsQuotes else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension CSVReader {
    /// Every record of a named file, or its syntax error as a finding with the file and line.
    public static func records(_ bytes: [UInt8], file: String) throws(InvalidInput) -> [CSVRecord] {
        do {
            return try records(bytes)
        } catch {
            throw InvalidInput(Findings([error.finding(file: file)]))
        }
    }
}
