import FormServer
import HTTPCore
import HTTPServer
import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import Store
import Surveys
import WijkpeilCore

/// A server on an ephemeral loopback port with a fresh database, the bundled surveys and two
/// invite-only co-decide ballots (one choice; a knapsack vote); stopped when the fixture goes away.
final class ServerFixture: @unchecked Sendable {
    let folder: String
    let store: Store
    let application: FormApplication
    let server: HTTPServer
    let adminToken = "test-admin-token-0123456789"
    var port: UInt16 { server.boundPort }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let ballotJSON = """
        {"id": "stemming", "version": 1, "title": {"nl": "Stemming speeltuin", "en": "Playground ballot"}, "level": "codecide",
         "requiresInvite": true, "questions": [
           {"id": "keuze", "type": "single", "required": true, "text": {"nl": "Welk ontwerp?", "en": "Which design?"},
            "options": [{"id": "a", "label": {"nl": "Ontwerp A"}}, {"id": "b", "label": {"nl": "Ontwerp B"}}]}]}
        """

    /// A knapsack vote: a ballot may not cost more than the budget.
    static let knapsackJSON = """
        {"id": "buurtpot", "version": 1, "title": {"nl": "Buurtpot", "en": "Street fund"}, "level": "codecide",
         "requiresInvite": true, "questions": [
           {"id": "plannen", "type": "approval", "budget": 1000, "maxCost": true, "required": true,
            "text": {"nl": "Welke plannen?", "en": "Which plans?"},
            "options": [{"id": "bank", "label": {"nl": "Bank"}, "cost": 600}, {"id": "boom", "label": {"nl": "Boom"}, "cost": 500},
                        {"id": "bak", "label": {"nl": "Plantenbak"}, "cost": 300}]}]}
        """

    init(configure: (inout HTTPServer.Configuration) -> Void = { _ in }, limiter: AttemptLimiter = AttemptLimiter()) throws {
        folder = NSTemporaryDirectory() + "wijkpeil-server-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var storeConfiguration = Store.Configuration()
        storeConfiguration.inviteIterations = 10
        store = try Store(path: folder + "/w.sqlite", configuration: storeConfiguration)
        var surveys: [SurveyDefinition] = []
        for name in ["wijkanalyse", "evaluatie", "wijkbudget"] {
            surveys.append(try Self.survey(at: Self.packageRoot + "/surveys/\(name).json", themes: Self.packageRoot + "/surveys/themes/wijkanalyse.json"))
        }
        var findings = Findings()
        for json in [Self.ballotJSON, Self.knapsackJSON] {
            surveys.append(SurveyDefinition.read(try JSONValue.parse(Data(json.utf8)), themeSets: [:], findings: &findings)!)
        }
        application = try FormApplication(surveys: surveys, store: store, adminToken: adminToken, secret: Array("secret".utf8), limiter: limiter)
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configure(&configuration)
        let application = self.application
        server = HTTPServer(
            configuration: configuration,
            handler: { request, peer, reply in application.handle(request, peer: peer, reply: reply) },
            refusalPage: { status, reason, api in application.refusal(status, reason: reason, api: api) })
        try server.start()
    }

    static func survey(at path: String, themes: String) throws -> SurveyDefinition {
        var findings = Findings()
        let set = ThemeSet.read(try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: themes))), findings: &findings)!
        return SurveyDefinition.read(try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: path))), themeSets: [set.id: set], findings: &findings)!
    }

    deinit {
        server.stop()
        server.wait()
        try? FileManager.default.removeItem(atPath: folder)
    }

    func connect() throws -> RawClient { try RawClient(port: port) }

    /// One request on a new connection, answered in full.
    func request(_ text: String) throws -> RawClient.Response {
        let client = try connect()
        try client.send(text)
        return try client.readResponse()
    }
}

/// A blocking socket client that speaks raw bytes, to test the server the way a hostile or
/// clumsy client would.
final class RawClient {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: UInt16, ipv6: Bool = false, timeoutSeconds: Int = 10) throws {
        fd = socket(ipv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        let connected: Int32
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            _ = inet_pton(AF_INET6, "::1", &address.sin6_addr)
            connected = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            connected = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        guard connected == 0 else { throw Failure(description: "cannot connect: \(String(cString: strerror(errno)))") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Sends text, with `\n` turned into CRLF unless `raw`.
    func send(_ text: String, raw: Bool = false) throws {
        try send(Array((raw ? text : text.replacingOccurrences(of: "\n", with: "\r\n")).utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Failure(description: "send failed: \(String(cString: strerror(errno)))") }
            offset += sent
        }
    }

    /// Reads more bytes; false at the end of the stream.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            buffer += chunk[0..<count]
            return true
        }
        if count == 0 { return false }
        if errno == ECONNRESET { return false }
        throw Failure(description: "receive failed: \(String(cString: strerror(errno)))")
    }

    func readResponse(head: Bool = false) throws -> Response {
        while true {
            if let end = find([13, 10, 13, 10]) {
                let headText = String(decoding: buffer[..<end], as: UTF8.self)
                var lines = headText.components(separatedBy: "\r\n")
                let statusLine = lines.removeFirst().split(separator: " ")
                var headers: [String: String] = [:]
                for line in lines {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                let length = head ? 0 : Int(headers["content-length"] ?? "0") ?? 0
                while buffer.count < end + 4 + length {
                    guard try fill() else { throw Failure(description: "the connection closed inside a body") }
                }
                let body = String(decoding: buffer[(end + 4)..<(end + 4 + length)], as: UTF8.self)
                buffer.removeFirst(end + 4 + length)
                return Response(status: Int(statusLine.count > 1 ? statusLine[1] : "0") ?? 0, headers: headers, body: body)
            }
            guard try fill() else { throw Failure(description: "the connection closed before a response") }
        }
    }

    /// Whether the server closes the connection (reading to the end within the timeout).
    func closesConnection() -> Bool {
        while true {
            do {
                if try !fill() { return true }
            } catch {
                return false
            }
        }
    }

    private func find(_ pattern: [UInt8]) -> Int? {
        guard buffer.count >= pattern.count else { return nil }
        for index in 0...(buffer.count - pattern.count) where buffer[index] == pattern[0] {
            if Array(buffer[index..<(index + pattern.count)]) == pattern { return index }
        }
        return nil
    }
}

/// A form's hidden field, read from its HTML.
func hidden(_ name: String, in html: String) -> String? {
    guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
    return String(html[range.upperBound...].prefix { $0 != "\"" })
}

/// The application without sockets: one request in, its response out.
func respond(
    _ application: FormApplication, _ method: String, _ target: String, headers: [(String, String)] = [("host", "t")], body: String = "", peer: String = "127.0.0.1"
) -> HTTPResponse {
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var answer: HTTPResponse?
    let request = HTTPRequest(method: method, target: target, headers: headers.map { (name: $0.0, value: $0.1) }, body: Array(body.utf8))
    application.handle(request, peer: peer) { response in
        answer = response
        done.signal()
    }
    done.wait()
    return answer!
}

/// A response's body as text.
func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

/// The headers a browser sends with a form post from this server's own page.
let formHeaders = [("host", "t"), ("origin", "http://t"), ("content-type", "application/x-www-form-urlencoded")]
