/// A strict HTTP/1.1 request parser (RFC 9112) that knows no sockets: bytes go in, requests
/// or a refusal come out. A connection keeps one parser and feeds it what it reads.
///
/// Refused, with the connection closed after the answer: a request line over the limit (414),
/// a header section over its size or field count (431), a body over its limit (413), a body
/// without `Content-Length` or with `Transfer-Encoding` (411), and as 400: `Transfer-Encoding`
/// together with `Content-Length` (request smuggling lives there), duplicate or unreadable `Content-Length`,
/// obs-fold, a bare CR or LF, control characters, invalid field names, whitespace before a
/// colon, a missing or repeated `Host`.
public struct HTTPRequestParser: Sendable {
    public struct Limits: Sendable, Hashable {
        public var requestLine = 8 * 1024
        public var headerBytes = 16 * 1024
        public var headerFields = 100
        public var body = 64 * 1024

        public init(requestLine: Int = 8 * 1024, headerBytes: Int = 16 * 1024, headerFields: Int = 100, body: Int = 64 * 1024) {
            self.requestLine = requestLine
            self.headerBytes = headerBytes
            self.headerFields = headerFields
            self.body = body
        }
    }

    /// Why a request was refused: the status to answer, and a reason for the log and the page.
    public struct Refusal: Error, Sendable, Hashable {
        public var status: Int
        public var reason: String
    }

    public enum Event: Sendable {
        /// A whole request. Parse again: the buffer may hold the next one.
        case request(HTTPRequest)
        /// The head is read and the client waits for `100 Continue` before sending the body.
        case expectsContinue
        /// More bytes are needed.
        case needMore
    }

    public let limits: Limits
    private var buffer: [UInt8] = []
    /// Where the search for the end of the head resumes, so bytes trickling in one at a time
    /// are not scanned again and again.
    private var scanned = 0
    /// How far the incomplete head was checked for line ends, and where the request line ends.
    private var lineEndsChecked = 0
    private var requestLineEnd: Int?
    private var pending: (head: HTTPRequest, length: Int, continueSent: Bool)?

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Bytes received but not yet part of a request.
    public var bufferedCount: Int { buffer.count }
    /// Whether a request has started: bytes of its head or body have arrived.
    public var inRequest: Bool { !buffer.isEmpty || pending != nil }
    /// Whether the head is complete and the body is being received.
    public var readingBody: Bool { pending != nil }
    /// Body bytes received of the request being read.
    public var bodyBytesReceived: Int { pending == nil ? 0 : buffer.count }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Received bytes, copied in one go (the event loop's path: a generic sequence from
    /// another module would be copied a byte at a time).
    public mutating func append(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBufferPointer { buffer.append(contentsOf: $0) }
    }

    /// The next event. After a refusal the parser is spent: answer and close.
    public mutating func next() throws(Refusal) -> Event {
        if pending == nil {
            guard let (head, length, expects) = try parseHead() else { return .needMore }
            pending = (head, length, false)
            if expects, length > 0, buffer.count < length {
                pending?.continueSent = true
                return .expectsContinue
            }
        }
        guard let (head, length, _) = pending, buffer.count >= length else { return .needMore }
        var request = head
        request.body = Array(buffer[..<length])
        buffer.removeFirst(length)
        pending = nil
        scanned = 0
        return .request(request)
    }

    // MARK: The head

    private mutating func parseHead() throws(Refusal) -> (HTTPRequest, Int, Bool)? {
        // Empty lines before a request line are ignored (RFC 9112 §2.2).
        var start = 0
        while start + 1 < buffer.count, buffer[start] == 13, buffer[start + 1] == 10 { start += 2 }
        if start > 0 {
            buffer.removeFirst(start)
            scanned = 0
            lineEndsChecked = 0
            requestLineEnd = nil
        }
        guard let end = findEndOfHead() else {
            try checkIncompleteHead()
            return nil
        }
        let head = buffer[..<end]
        buffer.removeFirst(end + 4)
        scanned = 0
        lineEndsChecked = 0
        requestLineEnd = nil
        return try Self.parse(head: head, limits: limits)
    }

    /// The index of `\r\n\r\n`, searching only bytes not searched before.
    private mutating func findEndOfHead() -> Int? {
        let count = buffer.count
        var index = max(0, scanned - 3)
        while index + 3 < count {
            if buffer[index] == 13, buffer[index + 1] == 10, buffer[index + 2] == 13, buffer[index + 3] == 10 { return index }
            index += 1
        }
        scanned = count
        return nil
    }

    /// A head still arriving may already be too long, or hold a bare LF (which would otherwise
    /// keep the connection waiting for a CRLF CRLF that never comes). Only bytes not looked at
    /// before are looked at, so a head trickling in costs linear time.
    private mutating func checkIncompleteHead() throws(Refusal) {
        var index = lineEndsChecked
        while index < buffer.count {
            if buffer[index] == 10 {
                guard index > 0, buffer[index - 1] == 13 else { throw Refusal(status: 400, reason: "bare LF") }
                if requestLineEnd == nil { requestLineEnd = index }
            }
            index += 1
        }
        lineEndsChecked = buffer.count
        if (requestLineEnd ?? buffer.count) > limits.requestLine + 1 {
            throw Refusal(status: 414, reason: "request line longer than \(limits.requestLine) bytes")
        }
        if buffer.count > limits.requestLine + limits.headerBytes + 4 {
            throw Refusal(status: 431, reason: "header section larger than \(limits.headerBytes) bytes")
        }
    }

    static func parse(head: ArraySlice<UInt8>, limits: Limits) throws(Refusal) -> (HTTPRequest, Int, Bool) {
        // Lines end in CRLF; a CR or LF anywhere else is refused. A first pass checks that and
        // counts the lines, so the limits are checked before anything is made of them.
        var requestLineEnd: Int?
        var lineCount = 1
        var index = head.startIndex
        while index < head.endIndex {
            let byte = head[index]
            if byte == 13 {
                guard index + 1 < head.endIndex, head[index + 1] == 10 else { throw Refusal(status: 400, reason: "bare CR") }
                if requestLineEnd == nil { requestLineEnd = index }
                lineCount += 1
                index += 2
                continue
            }
            if byte == 10 { throw Refusal(status: 400, reason: "bare LF") }
            index += 1
        }
        let requestLine = head[head.startIndex..<(requestLineEnd ?? head.endIndex)]
        guard requestLine.count <= limits.requestLine else {
            throw Refusal(status: 414, reason: "request line longer than \(limits.requestLine) bytes")
        }
        let headerBytes = head.count - requestLine.count
        guard headerBytes <= limits.headerBytes else {
            throw Refusal(status: 431, reason: "header section larger than \(limits.headerBytes) bytes")
        }
        guard lineCount - 1 <= limits.headerFields else {
            throw Refusal(status: 431, reason: "more than \(limits.headerFields) header fields")
        }
        var request = try parseRequestLine(requestLine)
        request.headers.reserveCapacity(lineCount - 1)
        var contentLength: Int?
        var hosts = 0
        var expectContinue = false, transferEncoding = false
        var lineStart = requestLine.endIndex + 2
        while lineStart <= head.endIndex, requestLineEnd != nil {
            var lineEnd = lineStart
            while lineEnd < head.endIndex, head[lineEnd] != 13 { lineEnd += 1 }
            let line = head[lineStart..<lineEnd]
            lineStart = lineEnd + 2
            guard let first = line.first else { throw Refusal(status: 400, reason: "empty header line") }
            if first == 32 || first == 9 { throw Refusal(status: 400, reason: "obsolete line folding") }
            guard let colon = line.firstIndex(of: 58) else { throw Refusal(status: 400, reason: "header line without a colon") }
            let nameBytes = line[line.startIndex..<colon]
            guard !nameBytes.isEmpty, nameBytes.allSatisfy(isTokenCharacter) else {
                throw Refusal(status: 400, reason: "invalid header field name")
            }
            var valueBytes = line[(colon + 1)...]
            while let byte = valueBytes.first, byte == 32 || byte == 9 { valueBytes.removeFirst() }
            while let byte = valueBytes.last, byte == 32 || byte == 9 { valueBytes.removeLast() }
            guard valueBytes.allSatisfy({ $0 == 9 || ($0 >= 32 && $0 != 127) }) else {
                throw Refusal(status: 400, reason: "control character in a header value")
            }
            let name = lowercasedToken(nameBytes)
            let value = String(decoding: valueBytes, as: UTF8.self)
            switch name {
            case "content-length":
                guard contentLength == nil else { throw Refusal(status: 400, reason: "more than one Content-Length") }
                guard !valueBytes.isEmpty, valueBytes.count <= 18, valueBytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                    throw Refusal(status: 400, reason: "Content-Length is not a number")
                }
                contentLength = valueBytes.reduce(0) { $0 * 10 + Int($1 - 48) }
            case "transfer-encoding":
                transferEncoding = true
            case "host":
                hosts += 1
            case "expect":
                guard value.lowercased() == "100-continue" else { throw Refusal(status: 417, reason: "only Expect: 100-continue is understood") }
                expectContinue = true
            default:
                break
            }
            request.headers.append((name, value))
        }
        if request.version == .http11, hosts != 1 {
            throw Refusal(status: 400, reason: hosts == 0 ? "no Host header" : "more than one Host header")
        }
        if hosts > 1 { throw Refusal(status: 400, reason: "more than one Host header") }
        // Both framings in one request is how requests are smuggled past a proxy.
        if transferEncoding, contentLength != nil {
            throw Refusal(status: 400, reason: "Transfer-Encoding together with Content-Length")
        }
        if transferEncoding { throw Refusal(status: 411, reason: "Transfer-Encoding is not accepted; send Content-Length") }
        let length: Int
        if let contentLength {
            length = contentLength
        } else if request.method == "POST" || request.method == "PUT" || request.method == "PATCH" {
            throw Refusal(status: 411, reason: "a body needs Content-Length")
        } else {
            length = 0
        }
        guard length <= limits.body else {
            throw Refusal(status: 413, reason: "body larger than \(limits.body) bytes")
        }
        return (request, length, expectContinue)
    }

    /// A header name (token characters, so ASCII) in lower case; byte by byte, where
    /// `String.lowercased()` would consult Unicode's tables.
    private static func lowercasedToken(_ bytes: ArraySlice<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            for (offset, byte) in bytes.enumerated() { buffer[offset] = byte >= 65 && byte <= 90 ? byte + 32 : byte }
            return bytes.count
        }
    }

    static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(Refusal) -> HTTPRequest {
        // Exactly two spaces: method, target, version.
        guard let firstSpace = line.firstIndex(of: 32), let lastSpace = line.lastIndex(of: 32), firstSpace != lastSpace,
            !line[(firstSpace + 1)..<lastSpace].contains(32)
        else { throw Refusal(status: 400, reason: "malformed request line") }
        let method = line[line.startIndex..<firstSpace], target = line[(firstSpace + 1)..<lastSpace], version = line[(lastSpace + 1)...]
        guard !method.isEmpty, method.allSatisfy(isTokenCharacter) else { throw Refusal(status: 400, reason: "invalid method") }
        guard let first = target.first, first == 47 || (target.count == 1 && first == 42),
            target.allSatisfy({ $0 > 32 && $0 < 127 })
        else { throw Refusal(status: 400, reason: "the request target must be a path starting with /") }
        let parsedVersion: HTTPVersion
        if version.elementsEqual("HTTP/1.1".utf8) {
            parsedVersion = .http11
        } else if version.elementsEqual("HTTP/1.0".utf8) {
            parsedVersion = .http10
        } else {
            let text = String(decoding: version, as: UTF8.self)
            if text.hasPrefix("HTTP/"), text.count == 8 { throw Refusal(status: 505, reason: "HTTP version not supported") }
            throw Refusal(status: 400, reason: "malformed HTTP version")
        }
        return HTTPRequest(method: String(decoding: method, as: UTF8.self), target: String(decoding: target, as: UTF8.self), version: parsedVersion)
    }

    /// tchar (RFC 9110 §5.6.2).
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 48...57, 65...90, 97...122: true
        case 33, 35, 36, 37, 38, 39, 42, 43, 45, 46, 94, 95, 96, 124, 126: true
        default: false
        }
    }
}
