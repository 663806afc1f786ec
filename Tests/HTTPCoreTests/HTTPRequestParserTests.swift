import HTTPCore
import Foundation
import Testing

/// Feeds `text` (with `\n` meaning CRLF unless `raw`) and returns the first event or refusal.
private func parse(_ text: String, raw: Bool = false, limits: HTTPRequestParser.Limits = .init()) -> Result<HTTPRequestParser.Event, HTTPRequestParser.Refusal> {
    var parser = HTTPRequestParser(limits: limits)
    parser.append(Array((raw ? text : text.replacingOccurrences(of: "\n", with: "\r\n")).utf8))
    do {
        return .success(try parser.next())
    } catch {
        return .failure(error)
    }
}

private func status(_ text: String, raw: Bool = false, limits: HTTPRequestParser.Limits = .init()) -> Int? {
    switch parse(text, raw: raw, limits: limits) {
    case .success(.request): 200
    case .success(.needMore): nil
    case .success(.expectsContinue): 100
    case .failure(let refusal): refusal.status
    }
}

@Suite("HTTP request parser")
struct HTTPRequestParserTests {
    @Test("a GET with headers; names lower-cased, values trimmed")
    func simpleGet() throws {
        guard case .success(.request(let request)) = parse("GET /s/wijkanalyse?lang=en HTTP/1.1\nHost: localhost:8080\nAccept:  text/html \n\n") else {
            Issue.record("no request")
            return
        }
        #expect(request.method == "GET" && request.path == "/s/wijkanalyse" && request.query == "lang=en")
        #expect(request.header("HOST") == "localhost:8080" && request.header("accept") == "text/html")
        #expect(request.keepAlive && request.body.isEmpty)
    }

    @Test("a POST body arrives in pieces; pipelined requests come out one by one")
    func piecesAndPipelining() throws {
        var parser = HTTPRequestParser()
        let first = Array("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhel".utf8)
        parser.append(first)
        guard case .needMore = try parser.next() else { Issue.record("expected needMore"); return }
        #expect(parser.readingBody && parser.bodyBytesReceived == 3)
        parser.append(Array("loGET /y HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        guard case .request(let post) = try parser.next(), case .request(let get) = try parser.next() else {
            Issue.record("expected two requests")
            return
        }
        #expect(post.body == Array("hello".utf8) && get.path == "/y")
        guard case .needMore = try parser.next() else { Issue.record("expected needMore"); return }
        #expect(!parser.inRequest)
    }

    @Test("a head trickling in one byte at a time is found")
    func trickle() throws {
        var parser = HTTPRequestParser()
        var got: HTTPRequest?
        for byte in Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8) {
            parser.append([byte])
            if case .request(let request) = try parser.next() { got = request }
        }
        #expect(got?.path == "/")
    }

    @Test("HTTP/1.0 closes unless keep-alive; Connection: close closes")
    func keepAlive() {
        guard case .success(.request(let old)) = parse("GET / HTTP/1.0\n\n"),
            case .success(.request(let oldKept)) = parse("GET / HTTP/1.0\nConnection: keep-alive\n\n"),
            case .success(.request(let closing)) = parse("GET / HTTP/1.1\nHost: a\nConnection: close\n\n")
        else { Issue.record("no request"); return }
        #expect(!old.keepAlive && oldKept.keepAlive && !closing.keepAlive)
    }

    @Test(
        "request smuggling and framing errors are refused",
        arguments: [
            ("POST / HTTP/1.1\nHost: a\nContent-Length: 3\nTransfer-Encoding: chunked\n\nabc", 400),
            ("POST / HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\nContent-Length: 3\n\nabc", 400),
            ("POST / HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\n3\nabc\n0\n\n", 411),
            ("POST / HTTP/1.1\nHost: a\nContent-Length: 3\nContent-Length: 3\n\nabc", 400),
            ("POST / HTTP/1.1\nHost: a\nContent-Length: 3\nContent-Length: 4\n\nabcd", 400),
            ("POST / HTTP/1.1\nHost: a\nContent-Length: 3, 3\n\nabc", 400),
            ("POST / HTTP/1.1\nHost: a\nContent-Length: +3\n\nabc", 400),
            ("POST / HTTP/1.1\nHost: a\nContent-Length: -1\n\n", 400),
            ("POST / HTTP/1.1\nHost: a\nContent-Length: 0x10\n\n", 400),
            ("POST / HTTP/1.1\nHost: a\nContent-Length : 3\n\nabc", 400),
            ("POST / HTTP/1.1\nHost: a\n Content-Length: 3\n\nabc", 400),
            ("GET / HTTP/1.1\nHost: a\nX-Folded: one\n two\n\n", 400),
            ("GET / HTTP/1.1\nHost: a\nX-Tab: one\n\ttwo\n\n", 400),
            ("GET / HTTP/1.1\nHo st: a\n\n", 400),
            ("GET / HTTP/1.1\nHost: a\n: empty\n\n", 400),
            ("GET / HTTP/1.1\nHost: a\nX: a\u{01}b\n\n", 400),
            ("GET / HTTP/1.1\nHost: a\nX: a\u{7F}b\n\n", 400),
            ("GET / HTTP/1.1\nHost: a\nX: ab\n\n", 200),
            ("GET / HTTP/1.1\n\n", 400),
            ("GET / HTTP/1.1\nHost: a\nHost: b\n\n", 400),
            ("POST / HTTP/1.1\nHost: a\n\n", 411),
            ("GET / HTTP/1.1\nHost: a\nExpect: something\n\n", 417),
            ("GET  / HTTP/1.1\nHost: a\n\n", 400),
            ("GET / HTTP/1.1 \nHost: a\n\n", 400),
            ("GET http://a/ HTTP/1.1\nHost: a\n\n", 400),
            ("GET / HTTP/2.0\nHost: a\n\n", 505),
            ("GET / HTTP/1.1x\nHost: a\n\n", 400),
            ("G(T / HTTP/1.1\nHost: a\n\n", 400),
            ("\n\nGET / HTTP/1.1\nHost: a\n\n", 200),
        ])
    func refusals(request: String, expected: Int) {
        #expect(status(request) == expected, "\(request.debugDescription)")
    }

    @Test(
        "a bare CR or a bare LF is refused",
        arguments: [
            "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\nX: b\r\n\r\n",
            "GET / HTTP/1.1\nHost: a\r\n\r\n",
        ])
    func bareLineEnds(request: String) {
        #expect(status(request, raw: true) == 400)
    }

    @Test("the request line limit, at its exact boundary")
    func requestLineLimit() {
        let limits = HTTPRequestParser.Limits(requestLine: 64)
        // "GET " + path + " HTTP/1.1" = 64 bytes exactly: accepted; one more: 414.
        let fits = "/" + String(repeating: "a", count: 64 - 4 - 9 - 1)
        #expect(status("GET \(fits) HTTP/1.1\nHost: a\n\n", limits: limits) == 200)
        #expect(status("GET \(fits)a HTTP/1.1\nHost: a\n\n", limits: limits) == 414)
        // Still arriving, already too long: refused before the line ends.
        #expect(status("GET /" + String(repeating: "a", count: 80), limits: limits) == 414)
    }

    @Test("the header size and field count limits, at their exact boundaries")
    func headerLimits() {
        let limits = HTTPRequestParser.Limits(headerBytes: 100, headerFields: 3)
        // The header section counts from the CRLF after the request line: "\r\nHost: a" is 9 bytes.
        let value = String(repeating: "v", count: 100 - 9 - 5)
        #expect(status("GET / HTTP/1.1\nHost: a\nX: \(value)\n\n", limits: limits) == 200)
        #expect(status("GET / HTTP/1.1\nHost: a\nX: \(value)v\n\n", limits: limits) == 431)
        #expect(status("GET / HTTP/1.1\nHost: a\nA: 1\nB: 2\n\n", limits: limits) == 200)
        #expect(status("GET / HTTP/1.1\nHost: a\nA: 1\nB: 2\nC: 3\n\n", limits: limits) == 431)
    }

    @Test("the body limit, at its exact boundary; Expect: 100-continue")
    func bodyLimit() {
        let limits = HTTPRequestParser.Limits(body: 10)
        #expect(status("POST / HTTP/1.1\nHost: a\nContent-Length: 10\n\n0123456789", limits: limits) == 200)
        #expect(status("POST / HTTP/1.1\nHost: a\nContent-Length: 11\n\n01234567890", limits: limits) == 413)
        #expect(status("POST / HTTP/1.1\nHost: a\nContent-Length: 11\nExpect: 100-continue\n\n", limits: limits) == 413)
        #expect(status("POST / HTTP/1.1\nHost: a\nContent-Length: 10\nExpect: 100-continue\n\n", limits: limits) == 100)
        #expect(status("POST / HTTP/1.1\nHost: a\nContent-Length: 99999999999999999999\n\n") == 400)
    }
}
