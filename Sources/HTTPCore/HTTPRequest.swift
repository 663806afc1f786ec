/// One HTTP/1.1 request, as the parser hands it over: the head and the whole body.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The request target as sent: `/s/wijkanalyse?lang=en`.
    public var target: String
    /// `1.1` or `1.0`.
    public var version: HTTPVersion
    /// Header fields in order; names lower-cased, values without surrounding spaces.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, target: String, version: HTTPVersion = .http11, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The first value of a header field (names are compared lower-case).
    public func header(_ name: String) -> String? {
        for header in headers where header.name == name { return header.value }
        // Callers usually ask in lower case already; otherwise compare again lower-cased.
        let lower = name.lowercased()
        guard lower != name else { return nil }
        return headers.first { $0.name == lower }?.value
    }

    /// The path without the query, percent-decoding left to the router.
    public var path: String {
        let bytes = target.utf8
        guard let end = bytes.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) else { return target }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    /// The query string after `?`, or empty.
    public var query: String {
        // Byte-wise: a Character search walks grapheme clusters and costs far more.
        let bytes = target.utf8
        guard let mark = bytes.firstIndex(of: UInt8(ascii: "?")) else { return "" }
        let rest = bytes[bytes.index(after: mark)...]
        return String(decoding: rest.prefix { $0 != UInt8(ascii: "#") }, as: UTF8.self)
    }

    /// Whether the client wants the connection kept open after this request.
    public var keepAlive: Bool {
        guard let connection = header("connection") else { return version == .http11 }
        let tokens = connection.lowercased().split(separator: ",").map { String($0).trimmingWhitespaceASCII }
        if tokens.contains("close") { return false }
        return version == .http11 || tokens.contains("keep-alive")
    }
}

public enum HTTPVersion: String, Sendable, Hashable {
    case http10 = "HTTP/1.0"
    case http11 = "HTTP/1.1"
}

extension String {
    var trimmingWhitespaceASCII: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
