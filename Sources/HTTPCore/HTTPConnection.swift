/// One HTTP/1.1 connection's life, apart from sockets and from any real clock: what it has
/// received, whether it is reading a request, waiting for the application's answer or writing
/// one, and when it must close.
///
/// The owner of the socket (an event loop) tells it what happened — bytes received, the peer
/// closed its side, bytes sent, the application replied, time passed, the server is stopping —
/// and asks `nextAction(at:)` what to do; every decision about the protocol and its time limits
/// is taken here. Tests drive it with a clock of their own and without a socket.
///
/// The rules it keeps: one request is answered at a time, in order (pipelined requests wait in
/// the parser); a client asking `100-continue` is invited once; a refused request is answered and
/// the connection closed after the answer has drained; the last request a connection may make,
/// a request with `Connection: close`, every request while the server stops, and the last
/// request received before the peer closed its side are answered with `Connection: close`;
/// complete requests received before the peer closed its side are all answered, an incomplete
/// one is dropped.
public struct HTTPConnection<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    /// The limits, shared by every connection of a server.
    public struct Settings: Sendable, Hashable {
        public var parser: HTTPRequestParser.Limits
        public var deadlines: ConnectionDeadlines<Instant>.Limits
        /// Requests one connection may make; the last is answered with `Connection: close`.
        public var maxRequests: Int
        /// Bytes received ahead of the answers beyond which the connection is not read further.
        public var maxBuffered: Int

        @inlinable public init(
            parser: HTTPRequestParser.Limits = .init(), deadlines: ConnectionDeadlines<Instant>.Limits = .init(), maxRequests: Int = 1000,
            maxBuffered: Int = 256 * 1024
        ) {
            self.parser = parser
            self.deadlines = deadlines
            self.maxRequests = maxRequests
            self.maxBuffered = maxBuffered
        }
    }

    /// A request handed to the application, and what its answer must be matched with.
    public struct Ticket: Sendable, Hashable {
        /// The connection, as numbered by its owner (so an answer for a closed connection whose
        /// descriptor was reused is recognised as stale).
        public var connection: UInt64
        /// The request's number on its connection, from 1.
        public var request: Int
        /// Whether the connection may stay open after this answer, as far as the request goes.
        public var keepAlive: Bool
        /// A HEAD request: the answer is sent without its body.
        public var headOnly: Bool

        @inlinable public init(connection: UInt64, request: Int, keepAlive: Bool, headOnly: Bool) {
            self.connection = connection
            self.request = request
            self.keepAlive = keepAlive
            self.headOnly = headOnly
        }
    }

    /// What the owner of the socket should do next.
    public enum Action: Sendable {
        /// Hand the request to the application; its answer comes back through `replied`.
        case dispatch(HTTPRequest, Ticket)
        /// Send `unsentOutput`, then report with `sent(_:at:)` or `sendWouldBlock()`.
        case write
        /// Answer with the refusal page for this status (through `refuse(with:date:)`).
        case refuse(status: Int, reason: String)
        /// Close the socket now (nothing is owed).
        case close
        /// Shut the socket for writing, then close it: the answer drains and a client still
        /// sending does not get a reset that would destroy it.
        case shutdownThenClose
        /// Nothing to do until the next event; watch the socket as `wantsToRead`/`wantsToWrite` say.
        case wait
    }

    public enum State: Sendable, Hashable {
        /// Between requests, or reading one.
        case reading
        /// The application is working on request number `n`.
        case awaiting(request: Int)
        /// A refusal is being written; then the connection closes.
        case closing
        /// Closed (an action said so); every further event is ignored.
        case closed
    }

    public let settings: Settings
    public let id: UInt64
    @inlinable public var state: State { current }
    /// Requests handed to the application so far.
    @inlinable public var requests: Int { requestCount }
    /// The peer closed its side (end of stream was read).
    @inlinable public var peerClosed: Bool { peerHasClosed }
    /// The server is stopping: no request is kept alive, an idle connection closes.
    @inlinable public var stopping: Bool { serverIsStopping }
    // Inlinable (with the stored properties usable from inline code), so the event loop's calls
    // are specialised for its clock instead of going through generic witness tables per request.
    @usableFromInline var current: State = .reading
    @usableFromInline var requestCount = 0
    @usableFromInline var peerHasClosed = false
    @usableFromInline var serverIsStopping = false
    @usableFromInline var parser: HTTPRequestParser
    @usableFromInline var deadlines: ConnectionDeadlines<Instant>
    @usableFromInline var output: [UInt8] = []
    @usableFromInline var outputOffset = 0
    @usableFromInline var closeAfterWrite = false
    @usableFromInline var writeBlocked = false

    /// A connection opened at `now`; `id` numbers it among its owner's connections.
    @inlinable public init(id: UInt64, settings: Settings, openedAt now: Instant) {
        self.id = id
        self.settings = settings
        parser = HTTPRequestParser(limits: settings.parser)
        deadlines = ConnectionDeadlines(limits: settings.deadlines, openedAt: now)
    }

    // MARK: Events

    /// Bytes arrived. While an answer is pending they wait in the parser (pipelining).
    @inlinable public mutating func received(_ bytes: ArraySlice<UInt8>, at now: Instant) {
        guard current != .closed, current != .closing else { return }
        deadlines.progressed(at: now)
        parser.append(bytes)
    }

    /// The peer closed its side: an answer still being made is finished first.
    @inlinable public mutating func peerClosedItsSide() { peerHasClosed = true }

    /// The server stops: this connection makes no new promises of keeping alive.
    @inlinable public mutating func serverStopping() { serverIsStopping = true }

    /// `count` bytes of `unsentOutput` went out.
    @inlinable public mutating func sent(_ count: Int, at now: Instant) {
        outputOffset += count
        writeBlocked = false
        deadlines.progressed(at: now)
    }

    /// The socket's send buffer is full: wait until it is writable.
    @inlinable public mutating func sendWouldBlock() { writeBlocked = true }

    /// The socket has room to write again.
    @inlinable public mutating func becameWritable() { writeBlocked = false }

    /// The application's answer to `ticket`. Returns false, and does nothing, when the
    /// connection no longer waits for it (it closed, or the ticket is another connection's).
    @inlinable @discardableResult
    public mutating func replied(_ response: HTTPResponse, to ticket: Ticket, date: String) -> Bool {
        guard ticket.connection == id, current == .awaiting(request: ticket.request) else { return false }
        current = .reading
        // After the peer closed its side, the answer to the last complete request it sent says so.
        closeAfterWrite = !ticket.keepAlive || serverIsStopping || (peerHasClosed && parser.bufferedCount == 0)
        queue(response.serialised(keepAlive: !closeAfterWrite, headOnly: ticket.headOnly, date: date))
        return true
    }

    /// The refusal page asked for by `.refuse`: it is written, then the connection closes.
    @inlinable public mutating func refuse(with response: HTTPResponse, date: String) {
        guard current != .closed else { return }
        current = .closing
        closeAfterWrite = true
        queue(response.serialised(keepAlive: false, date: date))
    }

    /// Time passed: whether the connection may stay (`.wait`), must close, or is refused (408).
    @inlinable public mutating func tick(at now: Instant) -> Action {
        guard current != .closed else { return .close }
        let phase: ConnectionDeadlines<Instant>.Phase
        if outputOffset < output.count {
            phase = .writing
        } else if current == .reading {
            phase = .reading(inRequest: parser.inRequest, readingBody: parser.readingBody, bodyBytesReceived: parser.bodyBytesReceived)
        } else {
            phase = .awaiting
        }
        switch deadlines.verdict(at: now, phase: phase) {
        case .keep: return .wait
        case .close:
            current = .closed
            return .close
        case .refuse(let status, let reason):
            return current == .closing ? .wait : .refuse(status: status, reason: reason)
        }
    }

    // MARK: Decisions

    /// What to do now. Call after every event until it says `.wait` (or the connection is closed).
    @inlinable public mutating func nextAction(at now: Instant) -> Action {
        switch current {
        case .closed:
            return .close
        case .closing, .awaiting, .reading:
            break
        }
        if outputOffset < output.count { return writeBlocked ? .wait : .write }
        if !output.isEmpty {
            // The answer went out in full.
            output = []
            outputOffset = 0
            if closeAfterWrite {
                current = .closed
                return .shutdownThenClose
            }
            deadlines.answered(at: now)
        }
        guard current == .reading else { return .wait }
        let event: HTTPRequestParser.Event
        do {
            event = try parser.next()
        } catch {
            return .refuse(status: error.status, reason: error.reason)
        }
        switch event {
        case .needMore:
            if peerHasClosed || (serverIsStopping && !parser.inRequest) {
                // Nothing more will come, or nothing was begun: an incomplete request is dropped.
                current = .closed
                return .close
            }
            deadlines.waiting(inRequest: parser.inRequest, readingBody: parser.readingBody, at: now)
            return .wait
        case .expectsContinue:
            deadlines.bodyInvited(at: now)
            queue(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
            return .write
        case .request(let request):
            requestCount += 1
            deadlines.requestRead()
            current = .awaiting(request: requestCount)
            let ticket = Ticket(
                connection: id, request: requestCount,
                keepAlive: request.keepAlive && requestCount < settings.maxRequests && !serverIsStopping,
                headOnly: request.method == "HEAD")
            return .dispatch(request, ticket)
        }
    }

    // MARK: What the socket should be watched for

    /// Read more: not when closed, not once the peer closed its side, and not while the client
    /// is far ahead of its answers.
    @inlinable public var wantsToRead: Bool {
        current != .closed && !peerHasClosed && parser.bufferedCount < settings.maxBuffered
    }

    /// Wait for room to write: an answer is only partly sent and the send buffer was full.
    @inlinable public var wantsToWrite: Bool { current != .closed && writeBlocked && outputOffset < output.count }

    /// The bytes still to send, for the owner's `send`.
    @inlinable public func withUnsentOutput<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try output.withUnsafeBytes { raw in try body(UnsafeRawBufferPointer(rebasing: raw[outputOffset...])) }
    }

    /// The bytes still to send, as an array (for tests and diagnostics).
    public var unsentOutput: [UInt8] { Array(output[outputOffset...]) }

    @inlinable mutating func queue(_ bytes: [UInt8]) {
        if output.isEmpty {
            output = bytes
        } else {
            bytes.withUnsafeBufferPointer { output.append(contentsOf: $0) }
        }
    }
}
