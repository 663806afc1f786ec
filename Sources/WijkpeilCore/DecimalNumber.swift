/// Reads a number as people write it in a spreadsheet or a form: digits with an optional sign,
/// one decimal point or decimal comma, and an optional exponent (`12,5`, `-3`, `1.5e3`).
/// Nothing else: `0x2A` is not 42, and `inf`, `nan` and `1_000` are not numbers, whatever
/// Swift's `Double(_:)` would make of them.
public enum DecimalNumber {
    /// The value of `text` (surrounding white space allowed), or nil when it is not a finite
    /// decimal number.
    public static func parse(_ text: String) -> Double? {
        var bytes = Array(text.trimmingWhitespace.utf8)
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        var digits = 0
        while index < bytes.count, isDigit(bytes[index]) { index += 1; digits += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
            bytes[index] = UInt8(ascii: ".")
            index += 1
            while index < bytes.count, isDigit(bytes[index]) { index += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > start else { return nil }
        }
        guard index == bytes.count, let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}
