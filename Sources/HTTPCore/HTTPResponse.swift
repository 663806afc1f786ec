#if canImport(Glibc)
    import Glibc
#endif
/// An HTTP response, serialised in one buffer so it goes out in one `send`.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public init(status: Int, contentType: String, text: String, headers: [(name: String, value: String)] = []) {
        self.init(status: status, headers: [("Content-Type", contentType)] + headers, body: Array(text.utf8))
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 303: "See Other"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 411: "Length Required"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 417: "Expectation Failed"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 503: "Service Unavailable"
        case 505: "HTTP Version Not Supported"
        default: "Status"
        }
    }

    /// The bytes on the wire: status line, headers, `Content-Length`, `Connection`, the body
    /// (left out for HEAD, but its length kept). Built as bytes, not as a string: this runs for
    /// every response.
    public func serialised(keepAlive: Bool, headOnly: Bool = false, date: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512 + (headOnly ? 0 : body.count))
        func append(_ text: String) {
            var text = text
            text.withUTF8 { bytes.append(contentsOf: $0) }
        }
        append("HTTP/1.1 ")
        append(String(status))
        bytes.append(32)
        append(Self.reasonPhrase(status))
        append("\r\nDate: ")
        append(date)
        append("\r\nContent-Length: ")
        append(String(body.count))
        append(keepAlive ? "\r\n" : "\r\nConnection: close\r\n")
        for (name, value) in headers {
            append(name)
            bytes.append(58)
            bytes.append(32)
            append(value)
            bytes.append(13)
            bytes.append(10)
        }
        bytes.append(13)
        bytes.append(10)
        if !headOnly { bytes.appendBytes(body) }
        return bytes
    }
}

extension Array where Element == UInt8 {
    /// Appends another byte array in place (one `memcpy` into the reserved capacity): the
    /// generic `append(contentsOf:)` over an array copied byte by byte here, and a form page is
    /// 20 KB.
    public mutating func appendBytes(_ other: [UInt8]) {
        other.withUnsafeBufferPointer { append(contentsOf: $0) }
    }
}
