import FormServer
import HTTPCore
import HTTPServer
import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import Store
import Testing

/// Whether a socket can be bound to ::1 here (some containers have IPv6 turned off).
let ipv6LoopbackAvailable: Bool = {
    let fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in6()
    address.sin6_family = sa_family_t(AF_INET6)
    _ = inet_pton(AF_INET6, "::1", &address.sin6_addr)
    return withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) == 0 }
    }
}()

@Suite("HTTP server over real sockets", .serialized)
struct HTTPServerTests {
    @Test("keep-alive: several requests on one connection; HEAD has no body")
    func keepAlive() throws {
        let fixture = try ServerFixture()
        let client = try fixture.connect()
        for _ in 0..<3 {
            try client.send("GET /healthz HTTP/1.1\nHost: t\n\n")
            let response = try client.readResponse()
            #expect(response.status == 200 && response.body.contains("ok"))
            #expect(response.headers["connection"] == nil)
        }
        try client.send("HEAD / HTTP/1.1\nHost: t\n\n")
        let head = try client.readResponse(head: true)
        #expect(head.status == 200 && Int(head.headers["content-length"] ?? "0")! > 0)
        try client.send("GET /healthz HTTP/1.1\nHost: t\nConnection: close\n\n")
        #expect(try client.readResponse().headers["connection"] == "close")
        #expect(client.closesConnection())
    }

    @Test("a client that sends two requests and closes its side at once gets both answers, then the end")
    func halfCloseAfterPipelining() throws {
        let fixture = try ServerFixture()
        let client = try fixture.connect()
        try client.send("GET /healthz HTTP/1.1\nHost: t\n\nGET /healthz HTTP/1.1\nHost: t\n\n")
        #expect(shutdown(client.fd, Int32(SHUT_WR)) == 0)
        let first = try client.readResponse()
        let second = try client.readResponse()
        // Whether the last answer says `Connection: close` depends on whether the end of the
        // stream was read before it was made (the state machine's tests pin both cases).
        #expect(first.status == 200 && second.status == 200)
        #expect(client.closesConnection())
    }

    @Test("IPv6: on ::1, and on :: for IPv4 and IPv6 alike", .enabled(if: ipv6LoopbackAvailable, "this machine has no IPv6 loopback"))
    func ipv6() throws {
        let loopback = try ServerFixture { $0.host = "::1" }
        let six = try RawClient(port: loopback.port, ipv6: true)
        try six.send("GET /healthz HTTP/1.1\nHost: [::1]\n\n")
        #expect(try six.readResponse().status == 200)
        let any = try ServerFixture { $0.host = "::" }
        for client in [try RawClient(port: any.port, ipv6: true), try RawClient(port: any.port)] {
            try client.send("GET /healthz HTTP/1.1\nHost: t\n\n")
            #expect(try client.readResponse().status == 200)
        }
    }

    @Test("Expect: 100-continue gets an interim answer before the body is sent")
    func expectContinue() throws {
        let fixture = try ServerFixture()
        let client = try fixture.connect()
        let body = #"{"submissionKey": "c1", "answers": {"cijfer-wonen": 6}}"#
        try client.send(
            "POST /api/v1/surveys/wijkanalyse/responses HTTP/1.1\nHost: t\nContent-Type: application/json\nContent-Length: \(body.utf8.count)\nExpect: 100-continue\n\n")
        let interim = try client.readResponse(head: true)
        #expect(interim.status == 100)
        try client.send(body)
        #expect(try client.readResponse().status == 201)
    }

    @Test("a second server on a port in use is refused, not let in beside the first")
    func portInUse() throws {
        let fixture = try ServerFixture()
        let second = HTTPServer(
            configuration: HTTPServer.Configuration(host: "127.0.0.1", port: fixture.port),
            handler: { _, _, reply in reply(HTTPResponse(status: 200)) },
            refusalPage: { status, _, _ in HTTPResponse(status: status) })
        #expect(throws: HTTPServer.StartError.self) { try second.start() }
    }

    @Test("pipelined requests are answered in order")
    func pipelining() throws {
        let fixture = try ServerFixture()
        let client = try fixture.connect()
        try client.send("GET /healthz HTTP/1.1\nHost: t\n\nGET /nope HTTP/1.1\nHost: t\n\nGET / HTTP/1.1\nHost: t\n\n")
        #expect(try client.readResponse().status == 200)
        #expect(try client.readResponse().status == 404)
        #expect(try client.readResponse().status == 200)
    }

    @Test("a client that reads late still gets every answer whole and in order (the server waits for room to write)")
    func backPressure() throws {
        let fixture = try ServerFixture()
        let client = try fixture.connect()
        // 300 form pages of about 20 KB are more than the socket buffers hold: the server's
        // sends stop short until the client reads.
        let count = 300
        try client.send(String(repeating: "GET /s/wijkanalyse HTTP/1.1\nHost: t\n\n", count: count - 1) + "GET /healthz HTTP/1.1\nHost: t\n\n")
        usleep(300_000)
        var pages = 0
        for _ in 0..<(count - 1) {
            let response = try client.readResponse()
            if response.status == 200, response.body.hasSuffix("</html>\n") || response.body.hasSuffix("</html>") { pages += 1 }
        }
        #expect(pages == count - 1)
        let last = try client.readResponse()
        #expect(last.status == 200 && last.body.contains("ok"))
    }

    @Test("a client that closes its side after posting still gets its answer, once committed, and then the end")
    func halfClose() throws {
        let fixture = try ServerFixture()
        let client = try fixture.connect()
        let json = #"{"submissionKey": "half", "answers": {"cijfer-wonen": 6, "buurt": "noord"}}"#
        try client.send("POST /api/v1/surveys/wijkanalyse/responses HTTP/1.1\nHost: t\nContent-Type: application/json\nContent-Length: \(json.utf8.count)\n\n\(json)")
        #expect(shutdown(client.fd, Int32(SHUT_WR)) == 0)
        let response = try client.readResponse()
        #expect(response.status == 201)
        #expect(response.headers["connection"] == "close")
        #expect(client.closesConnection())
        #expect(try fixture.store.responseCounts()["wijkanalyse"] == 1)
    }

    @Test(
        "a framing error is answered and the connection really closes",
        arguments: [
            ("POST /api/v1/surveys/wijkanalyse/responses HTTP/1.1\nHost: t\nContent-Length: 2\nTransfer-Encoding: chunked\n\n{}", 400),
            ("GET / HTTP/1.1\nHost: t\nX: a\n b\n\n", 400),
            ("GET / HTTP/1.1\n\n", 400),
            ("POST /s/wijkanalyse HTTP/1.1\nHost: t\n\n", 411),
            ("GET / HTTP/1.1\nHost: t\nContent-Length: 1\nContent-Length: 1\n\nx", 400),
        ])
    func framingErrors(request: String, status: Int) throws {
        let fixture = try ServerFixture()
        let client = try fixture.connect()
        try client.send(request + "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == status)
        #expect(response.headers["connection"] == "close")
        // The smuggled second request is never answered.
        #expect(client.closesConnection())
    }

    @Test("size limits at their exact boundaries")
    func sizeLimits() throws {
        let fixture = try ServerFixture()
        // Request line: exactly 8192 bytes is read (404: no such page); 8193 is 414.
        let fits = "/" + String(repeating: "a", count: 8192 - "GET  HTTP/1.1".count - 1)
        #expect(try fixture.request("GET \(fits) HTTP/1.1\nHost: t\n\n").status == 404)
        #expect(try fixture.request("GET \(fits)a HTTP/1.1\nHost: t\n\n").status == 414)
        // 100 header fields (Host and 99 more) are read; 101 are 431.
        let fields = (1...99).map { "X-\($0): v\n" }.joined()
        #expect(try fixture.request("GET /healthz HTTP/1.1\nHost: t\n\(fields)\n").status == 200)
        #expect(try fixture.request("GET /healthz HTTP/1.1\nHost: t\n\(fields)X-100: v\n\n").status == 431)
        // Header section of exactly 16 KiB is read (counting from the CRLF after the request line).
        let headerRoom = 16 * 1024 - "\r\nHost: t".utf8.count - "\r\nX: ".utf8.count
        #expect(try fixture.request("GET /healthz HTTP/1.1\nHost: t\nX: \(String(repeating: "v", count: headerRoom))\n\n").status == 200)
        #expect(try fixture.request("GET /healthz HTTP/1.1\nHost: t\nX: \(String(repeating: "v", count: headerRoom + 1))\n\n").status == 431)
        // A body of exactly 64 KiB is read (and refused as not JSON: 400); one byte more is 413.
        let body = String(repeating: "x", count: 65536)
        #expect(try fixture.request("POST /api/v1/surveys/wijkanalyse/responses HTTP/1.1\nHost: t\nContent-Type: application/json\nContent-Length: 65536\n\n\(body)").status == 400)
        #expect(try fixture.request("POST /api/v1/surveys/wijkanalyse/responses HTTP/1.1\nHost: t\nContent-Type: application/json\nContent-Length: 65537\n\n").status == 413)
    }

    @Test("a slow head is cut off after its time limit (slowloris)")
    func slowHead() throws {
        let fixture = try ServerFixture { $0.deadlines.headerTimeout = .milliseconds(600) }
        let client = try fixture.connect()
        try client.send("GET / HTTP/1.1\nHost: t\n")
        let start = ContinuousClock.now
        let response = try client.readResponse()
        #expect(response.status == 408)
        #expect(ContinuousClock.now - start >= .milliseconds(500))
        #expect(client.closesConnection())
    }

    @Test("a body slower than the minimum rate after the grace is cut off (slow POST)")
    func slowBody() throws {
        let fixture = try ServerFixture {
            $0.deadlines.bodyGrace = .seconds(1); $0.deadlines.minimumBodyRate = 240
        }
        let client = try fixture.connect()
        try client.send("POST /api/v1/surveys/wijkanalyse/responses HTTP/1.1\nHost: t\nContent-Type: application/json\nContent-Length: 5000\n\n{")
        let response = try client.readResponse()
        #expect(response.status == 408)
        #expect(client.closesConnection())
        // Within the rate a body may take its time.
        let patient = try fixture.connect()
        try patient.send("POST /api/v1/surveys/wijkanalyse/responses HTTP/1.1\nHost: t\nContent-Type: application/json\nContent-Length: 2\n\n{")
        Thread.sleep(forTimeInterval: 0.2)
        try patient.send("}")
        #expect(try patient.readResponse().status == 400)
    }

    @Test("an idle keep-alive connection is closed after its time limit")
    func idle() throws {
        let fixture = try ServerFixture { $0.deadlines.idleTimeout = .milliseconds(500) }
        let client = try fixture.connect()
        try client.send("GET /healthz HTTP/1.1\nHost: t\n\n")
        #expect(try client.readResponse().status == 200)
        let start = ContinuousClock.now
        #expect(client.closesConnection())
        #expect(ContinuousClock.now - start >= .milliseconds(400))
    }

    @Test("the 1,000th request on a connection is the last")
    func requestsPerConnection() throws {
        let fixture = try ServerFixture()
        let client = try fixture.connect()
        try client.send(String(repeating: "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n", count: 1000), raw: true)
        for number in 1...1000 {
            let response = try client.readResponse()
            #expect(response.status == 200)
            if number == 999 { #expect(response.headers["connection"] == nil) }
            if number == 1000 { #expect(response.headers["connection"] == "close") }
        }
        #expect(client.closesConnection())
    }

    @Test("beyond the connection limit the next gets 503")
    func connectionLimit() throws {
        let fixture = try ServerFixture { $0.maxConnections = 4 }
        let held = try (0..<4).map { _ in try fixture.connect() }
        // Make sure the server has accepted all four.
        for client in held {
            try client.send("GET /healthz HTTP/1.1\nHost: t\n\n")
            #expect(try client.readResponse().status == 200)
        }
        let fifth = try fixture.connect()
        #expect(try fifth.readResponse().status == 503)
        #expect(fifth.closesConnection())
    }

    @Test("every response carries the security headers")
    func securityHeaders() throws {
        let fixture = try ServerFixture()
        for path in ["/", "/s/wijkanalyse", "/api/v1/surveys", "/nope"] {
            let response = try fixture.request("GET \(path) HTTP/1.1\nHost: t\n\n")
            #expect(response.headers["content-security-policy"]?.contains("frame-ancestors 'none'") == true)
            #expect(response.headers["content-security-policy"]?.contains("default-src 'none'") == true)
            #expect(response.headers["x-content-type-options"] == "nosniff")
            #expect(response.headers["referrer-policy"] == "no-referrer")
        }
    }

    @Test("405 names what is allowed; 404 for unknown pages and surveys")
    func methods() throws {
        let fixture = try ServerFixture()
        let wrong = try fixture.request("DELETE /s/wijkanalyse HTTP/1.1\nHost: t\n\n")
        #expect(wrong.status == 405 && wrong.headers["allow"] == "GET, HEAD, POST")
        #expect(try fixture.request("GET /s/onbekend HTTP/1.1\nHost: t\n\n").status == 404)
        #expect(try fixture.request("GET /api/v1/surveys/onbekend HTTP/1.1\nHost: t\n\n").status == 404)
    }
}

@Suite("Stopping the server")
struct GracefulStopTests {
    @Test("stop: no new connections, the request in flight is still answered, then all is closed")
    func inFlightIsFinished() throws {
        let server = HTTPServer(
            configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0),
            handler: { _, _, reply in
                // An answer that takes a while, as one waiting for its commit.
                DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(400)) {
                    reply(HTTPResponse(status: 201, contentType: "application/json", text: #"{"id":1}"#))
                }
            },
            refusalPage: { status, _, _ in HTTPResponse(status: status) })
        try server.start()
        let port = server.boundPort
        let client = try RawClient(port: port)
        try client.send("POST /x HTTP/1.1\nHost: t\nContent-Length: 2\n\n{}")
        Thread.sleep(forTimeInterval: 0.1)
        server.stop()
        let response = try client.readResponse()
        #expect(response.status == 201 && response.body == #"{"id":1}"#)
        #expect(response.headers["connection"] == "close")
        #expect(client.closesConnection())
        server.wait()
        #expect(throws: RawClient.Failure.self) { try RawClient(port: port) }
    }
}
