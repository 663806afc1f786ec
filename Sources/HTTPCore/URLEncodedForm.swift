/// An `application/x-www-form-urlencoded` body or query string: name/value pairs in order,
/// names repeated for multi-choice questions.
public struct URLEncodedForm: Sendable, Hashable {
    public struct DecodingError: Error, Sendable {}

    public private(set) var pairs: [(name: String, value: String)]

    public init(pairs: [(name: String, value: String)]) {
        self.pairs = pairs
    }

    /// Decodes `a=1&b=x+y&c=%C3%A9`; a broken percent escape or invalid UTF-8 is an error.
    public init(_ bytes: some Collection<UInt8>) throws(DecodingError) {
        pairs = []
        for part in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = part.firstIndex(of: UInt8(ascii: "="))
            let name = try Self.decode(equals.map { part[part.startIndex..<$0] } ?? part[...])
            let value = try equals.map { index throws(DecodingError) in try Self.decode(part[part.index(after: index)...]) } ?? ""
            pairs.append((name, value))
        }
    }

    public init(query: String) throws(DecodingError) {
        try self.init(Array(query.utf8))
    }

    public static func == (lhs: URLEncodedForm, rhs: URLEncodedForm) -> Bool {
        lhs.pairs.map(\.name) == rhs.pairs.map(\.name) && lhs.pairs.map(\.value) == rhs.pairs.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        for pair in pairs {
            hasher.combine(pair.name)
            hasher.combine(pair.value)
        }
    }

    /// The first value for `name`.
    public func value(_ name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Every value for `name`, in order.
    public func values(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    static func decode(_ bytes: some Collection<UInt8>) throws(DecodingError) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                output.append(32)
            } else if byte == UInt8(ascii: "%") {
                let first = bytes.index(after: index)
                guard first != bytes.endIndex else { throw DecodingError() }
                let second = bytes.index(after: first)
                guard second != bytes.endIndex, let high = hex(bytes[first]), let low = hex(bytes[second]) else { throw DecodingError() }
                output.append(high << 4 | low)
                index = second
            } else {
                output.append(byte)
            }
            index = bytes.index(after: index)
        }
        guard let text = String(validating: output, as: UTF8.self) else { throw DecodingError() }
        return text
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 65...70: byte - 55
        case 97...102: byte - 87
        default: nil
        }
    }

    /// Encodes a value for a query string or a hidden field's round trip.
    public static func encode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case 48...57, 65...90, 97...122, 45, 46, 95, 126: output.unicodeScalars.append(UnicodeScalar(byte))
            default: output += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return output
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
