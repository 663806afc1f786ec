import Foundation
import HTTPCore
import Testing

/// A connection driven as an event loop would, without a socket: bytes in, actions out, and
/// what would have been written on the wire.
private struct Wire {
    typealias Connection = HTTPConnection<FakeInstant>
    var connection: Connection
    var now = FakeInstant.start
    /// Everything written, in order.
    var written: [UInt8] = []
    /// Requests handed to the application and not yet answered.
    var dispatched: [(request: HTTPRequest, ticket: Connection.Ticket)] = []
    /// How the connection ended, if it did.
    var ended: Connection.Action?
    /// At most this many bytes go out per `send`; nil: all.
    var sendLimit: Int?

    init(settings: Connection.Settings = .init(), id: UInt64 = 1) {
        connection = Connection(id: id, settings: settings, openedAt: .start)
    }

    var text: String { String(decoding: written, as: UTF8.self) }

    mutating func receive(_ text: String) {
        connection.received(ArraySlice(Array(text.utf8)), at: now)
        drive()
    }

    mutating func peerCloses() {
        connection.peerClosedItsSide()
        drive()
    }

    mutating func reply(_ index: Int = 0, status: Int = 200, body: String = "ok") {
        let (_, ticket) = dispatched.remove(at: index)
        connection.replied(HTTPResponse(status: status, contentType: "text/plain", text: body), to: ticket, date: "D")
        drive()
    }

    mutating func wait(_ duration: Duration) {
        now = now + duration
        let action = connection.tick(at: now)
        handle(action)
        if case .refuse = action { drive() }
    }

    /// Carries out actions until the connection waits.
    mutating func drive() {
        while ended == nil {
            let action = connection.nextAction(at: now)
            if case .wait = action { return }
            handle(action)
        }
    }

    private mutating func handle(_ action: Connection.Action) {
        switch action {
        case .dispatch(let request, let ticket): dispatched.append((request, ticket))
        case .write:
            let unsent = connection.unsentOutput
            if let sendLimit, sendLimit < unsent.count {
                written += unsent.prefix(sendLimit)
                connection.sent(sendLimit, at: now)
                connection.sendWouldBlock()
            } else {
                written += unsent
                connection.sent(unsent.count, at: now)
            }
        case .refuse(let status, let reason):
            connection.refuse(with: HTTPResponse(status: status, contentType: "text/plain", text: reason), date: "D")
        case .close, .shutdownThenClose: ended = action
        case .wait: break
        }
    }

    var closed: Bool { ended != nil }
    var shutDownGracefully: Bool {
        if case .shutdownThenClose = ended { return true }
        return false
    }
}

private func get(_ path: String, close: Bool = false) -> String {
    "GET \(path) HTTP/1.1\r\nHost: h\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n"
}

private func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

@Suite("A connection's life, as a state machine with a fake clock")
struct HTTPConnectionTests {
    @Test("pipelined requests are answered one at a time, in order, on a kept-alive connection")
    func pipelining() {
        var wire = Wire()
        wire.receive(get("/a") + get("/b") + get("/c"))
        #expect(wire.dispatched.map(\.request.path) == ["/a"])
        #expect(wire.connection.state == .awaiting(request: 1))
        wire.reply(body: "A")
        #expect(wire.dispatched.map(\.request.path) == ["/b"])
        wire.reply(body: "B")
        wire.reply(body: "C")
        #expect(wire.dispatched.isEmpty)
        #expect(occurrences(of: "HTTP/1.1 200 OK", in: wire.text) == 3)
        #expect(wire.text.hasSuffix("\r\n\r\nC"))
        #expect(wire.text.range(of: "\r\n\r\nA")!.lowerBound < wire.text.range(of: "\r\n\r\nB")!.lowerBound)
        #expect(!wire.text.contains("Connection: close"))
        #expect(!wire.closed)
        #expect(wire.connection.requests == 3)
    }

    @Test("a client that expects 100-continue is invited once, then its body is read")
    func expectContinue() {
        var wire = Wire()
        wire.receive("POST /f HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        #expect(wire.text == "HTTP/1.1 100 Continue\r\n\r\n")
        #expect(wire.dispatched.isEmpty)
        wire.receive("ab")
        wire.receive("cde")
        #expect(wire.dispatched.map { String(decoding: $0.request.body, as: UTF8.self) } == ["abcde"])
        wire.reply()
        #expect(occurrences(of: "100 Continue", in: wire.text) == 1)
        #expect(wire.text.contains("HTTP/1.1 200 OK"))
    }

    @Test("a malformed request is refused, the refusal written in full, then the connection shut down")
    func refusalClosesAfterWrite() {
        var wire = Wire()
        wire.sendLimit = 10
        wire.receive("NONSENSE\r\n\r\n")
        #expect(wire.connection.state == .closing)
        #expect(wire.dispatched.isEmpty)
        // The send buffer is full: the connection waits to write, and does not close yet.
        #expect(!wire.closed)
        #expect(wire.connection.wantsToWrite)
        // Bytes that arrive after the refusal are not read as a request.
        wire.receive(get("/after"))
        #expect(wire.dispatched.isEmpty)
        wire.sendLimit = nil
        wire.connection.becameWritable()
        wire.drive()
        #expect(wire.text.hasPrefix("HTTP/1.1 400 Bad Request"))
        #expect(wire.text.contains("Connection: close"))
        #expect(wire.shutDownGracefully)
        #expect(wire.connection.state == .closed)
    }

    @Test("the 1,000th request on a connection is answered with Connection: close, then the connection closes")
    func lastRequest() {
        var wire = Wire()
        for number in 1...999 {
            wire.receive(get("/\(number)"))
            #expect(wire.dispatched.last?.ticket.keepAlive == true)
            wire.reply()
        }
        #expect(!wire.text.contains("Connection: close"))
        #expect(!wire.closed)
        wire.receive(get("/1000"))
        #expect(wire.dispatched.last?.ticket.keepAlive == false)
        wire.reply()
        #expect(occurrences(of: "Connection: close", in: wire.text) == 1)
        #expect(wire.shutDownGracefully)
        #expect(wire.connection.requests == 1000)
    }

    @Test("a request with Connection: close is answered, then the connection shut down")
    func clientAsksToClose() {
        var wire = Wire()
        wire.receive(get("/", close: true) + get("/never"))
        wire.reply()
        #expect(wire.shutDownGracefully)
        #expect(wire.dispatched.isEmpty)
        #expect(occurrences(of: "HTTP/1.1 200", in: wire.text) == 1)
    }

    @Test("a peer that closes its side while its answer is made gets the answer, then the connection closes")
    func halfCloseWhileAwaiting() {
        var wire = Wire()
        wire.receive(get("/slow"))
        wire.peerCloses()
        #expect(!wire.closed)
        #expect(!wire.connection.wantsToRead)
        wire.reply(body: "done")
        #expect(wire.text.contains("Connection: close"))
        #expect(wire.text.hasSuffix("done"))
        #expect(wire.shutDownGracefully)
    }

    @Test("complete requests sent before the peer closed its side are answered; an incomplete one is dropped")
    func halfCloseWithBufferedRequests() {
        var wire = Wire()
        wire.receive(get("/a") + get("/b") + "GET /c HTT")
        wire.peerCloses()
        wire.reply()
        wire.reply()
        #expect(occurrences(of: "HTTP/1.1 200", in: wire.text) == 2)
        #expect(wire.dispatched.isEmpty)
        #expect(wire.closed)
    }

    @Test("a peer that closes an idle connection is closed at once")
    func halfCloseWhileIdle() {
        var wire = Wire()
        wire.peerCloses()
        #expect(wire.written.isEmpty)
        #expect(wire.connection.state == .closed)
        if case .close = wire.ended {} else { Issue.record("expected a plain close, got \(String(describing: wire.ended))") }
    }

    @Test("an answer for another connection, or for a request already answered, is ignored")
    func staleReplies() {
        var wire = Wire(id: 7)
        wire.receive(get("/"))
        var ticket = wire.dispatched[0].ticket
        ticket.connection = 8
        let response = HTTPResponse(status: 200, contentType: "text/plain", text: "x")
        let another = wire.connection.replied(response, to: ticket, date: "D")
        let right = wire.connection.replied(response, to: wire.dispatched[0].ticket, date: "D")
        let again = wire.connection.replied(response, to: wire.dispatched[0].ticket, date: "D")
        #expect(!another && right && !again)
        wire.drive()
        #expect(occurrences(of: "HTTP/1.1 200", in: wire.text) == 1)
    }

    @Test("while the server stops, an idle connection closes at once and a busy one finishes its answer with Connection: close")
    func stopping() {
        var idle = Wire()
        idle.connection.serverStopping()
        idle.drive()
        #expect(idle.closed && idle.written.isEmpty)

        var busy = Wire()
        busy.receive(get("/a"))
        busy.connection.serverStopping()
        busy.drive()
        #expect(!busy.closed)
        busy.reply()
        #expect(busy.text.contains("Connection: close"))
        #expect(busy.shutDownGracefully)
    }

    @Test("a client far ahead of its answers is not read further until they are written")
    func backPressure() {
        var wire = Wire(settings: .init(maxBuffered: 100))
        wire.receive(get("/a") + String(repeating: get("/more"), count: 10))
        #expect(!wire.connection.wantsToRead)
        for _ in 0..<11 { wire.reply() }
        #expect(wire.connection.wantsToRead)
    }

    @Test("time limits: idle 15 s closes, a slow head is refused with 408, a pending answer waits as long as it takes")
    func timeLimits() {
        var idle = Wire()
        idle.wait(.seconds(15))
        #expect(!idle.closed)
        idle.wait(.milliseconds(1))
        #expect(idle.closed && idle.written.isEmpty)

        var slow = Wire()
        slow.receive("GET / HTTP/1.1\r\n")
        slow.wait(.seconds(10))
        #expect(!slow.closed)
        slow.wait(.milliseconds(1))
        #expect(slow.text.hasPrefix("HTTP/1.1 408"))
        #expect(slow.shutDownGracefully)

        var awaiting = Wire()
        awaiting.receive(get("/commit"))
        awaiting.wait(.seconds(600))
        #expect(!awaiting.closed)
        awaiting.reply()
        #expect(awaiting.text.hasPrefix("HTTP/1.1 200"))
        // After the answer the idle clock starts again.
        awaiting.wait(.seconds(15))
        #expect(!awaiting.closed)
        awaiting.wait(.seconds(1))
        #expect(awaiting.closed)
    }

    @Test("an answer nobody reads is dropped after 15 s without progress")
    func stalledWrite() {
        var wire = Wire()
        wire.sendLimit = 5
        wire.receive(get("/"))
        wire.reply()
        #expect(wire.connection.wantsToWrite)
        wire.wait(.seconds(15))
        #expect(!wire.closed)
        wire.wait(.seconds(1))
        if case .close = wire.ended {} else { Issue.record("expected a plain close, got \(String(describing: wire.ended))") }
    }

    @Test("a HEAD request's answer keeps its length and leaves out its body")
    func head() {
        var wire = Wire()
        wire.receive("HEAD / HTTP/1.1\r\nHost: h\r\n\r\n")
        wire.reply(body: "hello")
        #expect(wire.text.contains("Content-Length: 5"))
        #expect(!wire.text.hasSuffix("hello"))
    }
}
