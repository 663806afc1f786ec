public import Foundation

/// A JSON document as a value, so that checks can walk it, keep the path to every part, and
/// report every mistake at once (Codable stops at the first).
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses JSON text (RFC 8259, strictly). The error says where the text stops being JSON.
    public static func parse(_ data: some ContiguousBytes) throws(JSONSyntaxError) -> JSONValue {
        let result: Result<JSONValue, JSONSyntaxError> = data.withUnsafeBytes { raw in
            var parser = JSONParser(raw.bindMemory(to: UInt8.self))
            do throws(JSONSyntaxError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Serialises as compact or pretty JSON with sorted keys, so output is stable (content
    /// hashes depend on it). Whole numbers are written without a fraction; a non-finite number,
    /// which JSON cannot hold, as `null`.
    public func encoded(pretty: Bool = false) -> Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        write(to: &bytes, pretty: pretty, indent: 0)
        return Data(bytes)
    }

    /// The compact JSON text.
    public var compactText: String {
        String(decoding: compactBytes, as: UTF8.self)
    }

    /// The compact JSON text as UTF-8 bytes.
    public var compactBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128)
        write(to: &bytes, pretty: false, indent: 0)
        return bytes
    }

    /// Appends the compact JSON text to `bytes`, for writers that assemble a document of parts.
    public func appendCompact(to bytes: inout [UInt8]) {
        write(to: &bytes, pretty: false, indent: 0)
    }

    /// Appends `text` as a JSON string (quoted and escaped) to `bytes`.
    public static func appendString(_ text: String, to bytes: inout [UInt8]) {
        writeString(text, to: &bytes)
    }

    private func write(to bytes: inout [UInt8], pretty: Bool, indent: Int) {
        switch self {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number):
            if !number.isFinite {
                bytes.append(contentsOf: "null".utf8)
            } else if number.rounded() == number, abs(number) < 1e15 {
                Self.writeInteger(Int64(number), to: &bytes)
            } else {
                bytes.append(contentsOf: String(number).utf8)
            }
        case .string(let text): Self.writeString(text, to: &bytes)
        case .array(let elements):
            guard !elements.isEmpty else { bytes.append(contentsOf: "[]".utf8); return }
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                if pretty { Self.newline(&bytes, indent + 2) }
                element.write(to: &bytes, pretty: pretty, indent: indent + 2)
            }
            if pretty { Self.newline(&bytes, indent) }
            bytes.append(UInt8(ascii: "]"))
        case .object(let fields):
            guard !fields.isEmpty else { bytes.append(contentsOf: "{}".utf8); return }
            bytes.append(UInt8(ascii: "{"))
            for (index, field) in fields.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                if pretty { Self.newline(&bytes, indent + 2) }
                Self.writeString(field.key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                if pretty { bytes.append(UInt8(ascii: " ")) }
                field.value.write(to: &bytes, pretty: pretty, indent: indent + 2)
            }
            if pretty { Self.newline(&bytes, indent) }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ bytes: inout [UInt8], _ indent: Int) {
        bytes.append(UInt8(ascii: "\n"))
        bytes += [UInt8](repeating: UInt8(ascii: " "), count: indent)
    }

    /// Digits straight into the output, without making a `String` first.
    private static func writeInteger(_ value: Int64, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64) = (0, 0)  // up to 16 digits, most significant last
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    /// A JSON string per RFC 8259: quotes, backslashes and control characters escaped.
    private static func writeString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        // Most text needs no escapes: then it is copied in one go, from the string's own storage.
        var text = text
        let copied = text.withUTF8 { utf8 in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if copied {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case UInt8(ascii: "\n"): bytes.append(contentsOf: "\\n".utf8)
            case UInt8(ascii: "\r"): bytes.append(contentsOf: "\\r".utf8)
            case UInt8(ascii: "\t"): bytes.append(contentsOf: "\\t".utf8)
            case 0..<0x20:
                bytes.append(contentsOf: "\\u00".utf8)
                let high = byte >> 4, low = byte & 0xf
                bytes.append(48 + high)
                bytes.append(low < 10 ? 48 + low : 87 + low)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A short name for the kind of value, used in messages ("expected text, found a number").
    public var kindName: LocalizedText {
        switch self {
        case .null: LocalizedText(nl: "null", en: "null")
        case .bool: LocalizedText(nl: "een waar/onwaar-waarde", en: "a true/false value")
        case .number: LocalizedText(nl: "een getal", en: "a number")
        case .string: LocalizedText(nl: "tekst", en: "text")
        case .array: LocalizedText(nl: "een lijst", en: "a list")
        case .object: LocalizedText(nl: "een object", en: "an object")
        }
    }
}

/// The text handed in was not JSON.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The parser's own description, which usually names a line and column.
    public var detail: String

    /// The detail alone, so a message quoting the error reads as a sentence.
    public var description: String { detail }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
}
