import Dispatch
import HTTPCore
import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import Synchronization

/// One event loop: a thread with a `Poller` that owns the connections dealt to it (the first loop
/// accepts them all and deals them out in turn). It parses requests, hands
/// them to the handler, writes the replies back and enforces the time limits.
final class EventLoop: @unchecked Sendable {
    // @unchecked: `connections`, `listeners`, `poller` and `loopLocalReplies` are touched only by
    // the loop thread; replies from other threads go through the `completions` Mutex and the wake pipe.
    typealias Configuration = HTTPServer.Configuration
    typealias Handler = HTTPServer.Handler
    typealias RefusalPage = HTTPServer.RefusalPage
    typealias StartError = HTTPServer.StartError

    let configuration: Configuration
    private let handler: Handler
    private let refusalPage: RefusalPage
    /// Connections open over all loops, for the limit.
    private let openCount: ConnectionCount
    private var wakeRead: Int32 = -1
    private var wakeFD: Int32 = -1
    private var listeners: [Int32] = []
    /// Connections the first loop accepted for this one, waiting to be registered.
    private let adopted = Mutex<[(Int32, String)]>([])
    private var handOff: @Sendable (_ turn: Int, _ fd: Int32, _ peer: String) -> Void = { _, fd, _ in close(fd) }
    private var nextLoop = 0
    private var connections = ConnectionTable()
    private var poller: Poller?
    private let completions = Mutex<[Completion]>([])
    private var loopLocalReplies: [Completion] = []
    private var loopThread: pthread_t?
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private var nextGeneration: UInt64 = 0
    private var dateCache: (second: Int, text: String) = (-1, "")

    init(configuration: Configuration, handler: @escaping Handler, refusalPage: @escaping RefusalPage, openCount: ConnectionCount) {
        self.configuration = configuration
        self.handler = handler
        self.refusalPage = refusalPage
        self.openCount = openCount
    }

    // MARK: Starting and stopping

    /// Prepares the loop; the first loop also accepts on `listener` and hands connections out.
    func prepare(listener: Int32?, handOff: @escaping @Sendable (_ turn: Int, _ fd: Int32, _ peer: String) -> Void) throws(StartError) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw StartError(description: "cannot create the event loop: \(String(cString: strerror(errno)))") }
        (wakeRead, wakeFD) = (ends[0], ends[1])
        for fd in ends { Self.makeNonBlocking(fd) }
        guard let poller = Poller() else {
            throw StartError(description: "cannot create the event loop: \(String(cString: strerror(errno)))")
        }
        listeners = listener.map { [$0] } ?? []
        for fd in [wakeRead] + listeners { poller.add(fd, .readable) }
        self.poller = poller
        self.handOff = handOff
    }

    /// Runs the loop on its own thread.
    func start() {
        let thread = Thread { [self] in
            loopThread = pthread_self()
            run()
            finished.signal()
        }
        thread.name = "wijkpeil-http"
        thread.start()
    }

    /// Stops accepting, lets requests in flight finish (their answers are committed first),
    /// then closes every connection. Returns at once; `wait()` returns when all is closed.
    func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        wake()
    }

    /// Ends the loop's wait: the wake pipe's read end becomes readable.
    private func wake() {
        var one: UInt8 = 1
        _ = write(wakeFD, &one, 1)
    }

    func wait() {
        finished.wait()
        finished.signal()
    }

    static func makeNonBlocking(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }

    // MARK: The loop

    private func run() {
        var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)
        var lastSweep = ContinuousClock.now
        var stopDeadline: ContinuousClock.Instant?
        var events: [Poller.Event] = []
        let poller = self.poller!
        while true {
            poller.wait(timeoutMilliseconds: 250, into: &events)
            let now = ContinuousClock.now
            for event in events {
                let fd = event.fd
                if fd == wakeRead {
                    var drain = [UInt8](repeating: 0, count: 256)
                    while read(wakeRead, &drain, drain.count) > 0 {}
                    for (adoptedFD, peer) in adopted.withLock({ list in
                        defer { list.removeAll() }; return list
                    }) {
                        register(fd: adoptedFD, peer: peer, now: now)
                    }
                } else if let connection = connections[fd] {
                    if event.writable { flush(connection, now: now) }
                    if event.readable || event.hangUp, connections[fd] === connection {
                        receive(connection, buffer: &readBuffer, now: now)
                    }
                } else if listeners.contains(fd) {
                    acceptAll(fd, now: now)
                }
            }
            deliverCompletions(now: now)
            if now - lastSweep >= .milliseconds(250) {
                sweep(now: now)
                lastSweep = now
            }
            if stopping.load(ordering: .sequentiallyConsistent) {
                if stopDeadline == nil {
                    stopDeadline = now + .seconds(10)
                    // The listening socket is shared; the server closes it once every loop is done.
                    for listener in listeners { poller.remove(listener) }
                    listeners.removeAll()
                    for connection in connections.all where connection.state == .reading && !connection.parser.inRequest && connection.output.isEmpty {
                        closeConnection(connection)
                    }
                }
                if connections.isEmpty || now > stopDeadline! { break }
            }
        }
        for connection in connections.all { closeConnection(connection) }
        // Connections dealt to this loop as it stopped; and no more dealing (which also lets go
        // of the other loops).
        for (fd, _) in adopted.withLock({ list in
            defer { list.removeAll() }; return list
        }) {
            close(fd)
            openCount.value.wrappingSubtract(1, ordering: .relaxed)
        }
        handOff = { _, fd, _ in close(fd) }
        close(wakeRead)
        close(wakeFD)
    }

    /// Accepts every waiting connection (only the first loop listens) and deals them out to the
    /// loops in turn through `handOff`, so the work spreads over the cores.
    private func acceptAll(_ listener: Int32, now: ContinuousClock.Instant) {
        while true {
            var address = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    accept(listener, $0, &length)
                }
            }
            guard fd >= 0 else { return }
            Self.makeNonBlocking(fd)
            suppressSIGPIPE(fd)
            var on: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            if openCount.value.wrappingAdd(1, ordering: .relaxed).newValue > configuration.maxConnections {
                openCount.value.wrappingSubtract(1, ordering: .relaxed)
                // Full: say so at once rather than leave the caller hanging.
                let bytes = refusalPage(503, "too many connections", false).serialised(keepAlive: false, date: date(now))
                _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, sendWithoutSignal | Int32(MSG_DONTWAIT)) }
                close(fd)
                continue
            }
            nextLoop += 1
            handOff(nextLoop, fd, Self.peerName(address))
        }
    }

    /// Takes a connection accepted by the first loop; called from that loop's thread.
    func adopt(fd: Int32, peer: String) {
        if let loopThread, pthread_equal(loopThread, pthread_self()) != 0 {
            register(fd: fd, peer: peer, now: .now)
            return
        }
        // The loop takes the whole list when it wakes, so only the first of a run needs to wake it.
        let wasEmpty = adopted.withLock { list in
            defer { list.append((fd, peer)) }
            return list.isEmpty
        }
        if wasEmpty { wake() }
    }

    private func register(fd: Int32, peer: String, now: ContinuousClock.Instant) {
        connections[fd] = Connection(
            fd: fd, peer: peer, parser: HTTPRequestParser(limits: configuration.limits),
            deadlines: ConnectionDeadlines(limits: configuration.deadlines, openedAt: now))
        poller?.add(fd, .readable)
    }

    private static func peerName(_ address: sockaddr_storage) -> String {
        var address = address
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        if address.ss_family == sa_family_t(AF_INET) {
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                    var addr = pointer.pointee.sin_addr
                    _ = inet_ntop(AF_INET, &addr, &text, socklen_t(text.count))
                }
            }
        } else {
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                    var addr = pointer.pointee.sin6_addr
                    _ = inet_ntop(AF_INET6, &addr, &text, socklen_t(text.count))
                }
            }
        }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private func receive(_ connection: Connection, buffer: inout [UInt8], now: ContinuousClock.Instant) {
        while true {
            let received = buffer.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, $0.count, 0) }
            if received > 0 {
                connection.deadlines.progressed(at: now)
                // While an answer is pending the bytes wait in the parser (pipelining).
                connection.parser.append(buffer[0..<received])
                if received < buffer.count { break }
                continue
            }
            if received == 0 {
                // The client closed its side. An answer still being committed is finished
                // first; nothing else is kept.
                connection.peerClosed = true
                if connection.state == .reading, connection.output.isEmpty { closeConnection(connection) }
                watch(connection)
                return
            }
            if errno == EAGAIN || errno == EWOULDBLOCK { break }
            if errno == EINTR { continue }
            closeConnection(connection)
            return
        }
        process(connection, now: now)
        watch(connection)
    }

    /// Tells the poller what `connection` now waits for: more bytes unless the client is far
    /// ahead of its answers, and room to write while an answer is only partly sent.
    private func watch(_ connection: Connection) {
        guard connections[connection.fd] === connection else { return }
        var interest: Poller.Interest = []
        // A client that keeps sending while its answer is pending is not read further; one that
        // has closed its side has nothing more to read (its end of stream stays readable).
        if connection.parser.bufferedCount < 256 * 1024, !connection.peerClosed { interest.insert(.readable) }
        if connection.waitingToWrite { interest.insert(.writable) }
        if interest != connection.interest {
            poller?.modify(connection.fd, interest)
            connection.interest = interest
        }
    }

    /// Takes the next request out of the parser, if the connection is free to answer one.
    private func process(_ connection: Connection, now: ContinuousClock.Instant) {
        while connection.state == .reading, connection.output.isEmpty, connections[connection.fd] === connection {
            let event: HTTPRequestParser.Event
            do {
                event = try connection.parser.next()
            } catch {
                refuse(connection, status: error.status, reason: error.reason, now: now)
                return
            }
            switch event {
            case .needMore:
                connection.deadlines.waiting(inRequest: connection.parser.inRequest, readingBody: connection.parser.readingBody, at: now)
                return
            case .expectsContinue:
                connection.deadlines.bodyInvited(at: now)
                enqueue(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8), on: connection, now: now)
            case .request(let request):
                connection.requests += 1
                connection.deadlines.requestRead()
                let keepAlive =
                    request.keepAlive && connection.requests < configuration.maxRequestsPerConnection
                    && !stopping.load(ordering: .relaxed) && !connection.peerClosed
                nextGeneration += 1
                let generation = nextGeneration
                connection.state = .awaiting(generation)
                let fd = connection.fd, headOnly = request.method == "HEAD"
                handler(request, connection.peer) { [self] response in
                    let completion = Completion(fd: fd, generation: generation, response: response, keepAlive: keepAlive, headOnly: headOnly)
                    if let loopThread, pthread_equal(loopThread, pthread_self()) != 0 {
                        loopLocalReplies.append(completion)
                    } else {
                        // A batch commits many answers at once: one wake-up for all of them,
                        // since the loop takes the whole list when it wakes.
                        let wasEmpty = completions.withLock { pending in
                            defer { pending.append(completion) }
                            return pending.isEmpty
                        }
                        if wasEmpty { wake() }
                    }
                }
                deliverCompletions(now: now)
            }
        }
    }

    private func deliverCompletions(now: ContinuousClock.Instant) {
        var ready = loopLocalReplies
        loopLocalReplies.removeAll()
        ready += completions.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
        for completion in ready {
            guard let connection = connections[completion.fd], connection.state == .awaiting(completion.generation) else { continue }
            connection.state = .reading
            // A server that is stopping closes each connection after its answer in flight.
            connection.closeAfterWrite = !completion.keepAlive || connection.peerClosed || stopping.load(ordering: .relaxed)
            enqueue(completion.response.serialised(keepAlive: !connection.closeAfterWrite, headOnly: completion.headOnly, date: date(now)), on: connection, now: now)
        }
    }

    private func refuse(_ connection: Connection, status: Int, reason: String, now: ContinuousClock.Instant) {
        connection.closeAfterWrite = true
        connection.state = .closing
        // The parser refused before the path was known: the resident's page, not JSON.
        enqueue(refusalPage(status, reason, false).serialised(keepAlive: false, date: date(now)), on: connection, now: now)
    }

    private func enqueue(_ bytes: [UInt8], on connection: Connection, now: ContinuousClock.Instant) {
        if connection.output.isEmpty { connection.output = bytes } else { bytes.withUnsafeBufferPointer { connection.output.append(contentsOf: $0) } }
        flush(connection, now: now)
    }

    private func flush(_ connection: Connection, now: ContinuousClock.Instant) {
        while connection.outputOffset < connection.output.count {
            let sent = connection.output.withUnsafeBytes { raw in
                send(connection.fd, raw.baseAddress! + connection.outputOffset, raw.count - connection.outputOffset, sendWithoutSignal)
            }
            if sent > 0 {
                connection.outputOffset += sent
                connection.deadlines.progressed(at: now)
                continue
            }
            if sent < 0, errno == EINTR { continue }
            if sent < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                connection.waitingToWrite = true
                watch(connection)
                return
            }
            closeConnection(connection)
            return
        }
        connection.output = []
        connection.outputOffset = 0
        connection.waitingToWrite = false
        if connection.closeAfterWrite {
            // Stop reading, let the answer drain, then close: a client still sending does not
            // get a reset that would destroy the answer.
            shutdown(connection.fd, Int32(SHUT_WR))
            closeConnection(connection)
            return
        }
        if connection.state == .reading {
            connection.deadlines.answered(at: now)
            process(connection, now: now)
        }
        watch(connection)
    }

    /// Enforces the time limits (`ConnectionDeadlines` decides; this carries it out).
    private func sweep(now: ContinuousClock.Instant) {
        for connection in connections.all {
            let phase: ConnectionDeadlines<ContinuousClock.Instant>.Phase
            if !connection.output.isEmpty {
                phase = .writing
            } else if connection.state == .reading {
                phase = .reading(
                    inRequest: connection.parser.inRequest, readingBody: connection.parser.readingBody,
                    bodyBytesReceived: connection.parser.bodyBytesReceived)
            } else {
                phase = .awaiting
            }
            switch connection.deadlines.verdict(at: now, phase: phase) {
            case .keep: break
            case .close: closeConnection(connection)
            case .refuse(let status, let reason): refuse(connection, status: status, reason: reason, now: now)
            }
        }
    }

    private func closeConnection(_ connection: Connection) {
        guard connections[connection.fd] === connection else { return }
        connections[connection.fd] = nil
        poller?.remove(connection.fd)
        close(connection.fd)
        openCount.value.wrappingSubtract(1, ordering: .relaxed)
    }

    /// The Date header, formatted once a second.
    private func date(_ now: ContinuousClock.Instant) -> String {
        var seconds = time(nil)
        if seconds == dateCache.second { return dateCache.text }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var text = [CChar](repeating: 0, count: 64)
        let length = strftime(&text, text.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
        dateCache = (seconds, String(decoding: text.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self))
        return dateCache.text
    }

}

/// A loop's connections by descriptor number: found without hashing, several times a request.
private struct ConnectionTable {
    private var slots: [Connection?] = []
    private(set) var count = 0

    subscript(fd: Int32) -> Connection? {
        get { Int(fd) < slots.count ? slots[Int(fd)] : nil }
        set {
            let index = Int(fd)
            if index >= slots.count {
                guard newValue != nil else { return }
                slots.append(contentsOf: repeatElement(nil, count: index + 1 - slots.count))
            }
            count += (newValue == nil ? 0 : 1) - (slots[index] == nil ? 0 : 1)
            slots[index] = newValue
        }
    }

    var isEmpty: Bool { count == 0 }

    /// The open connections, as a list that stays valid while connections close.
    var all: [Connection] { slots.compactMap { $0 } }
}

/// The number of open connections, shared by the loops.
final class ConnectionCount: Sendable {
    let value = Atomic<Int>(0)
}

private struct Completion: Sendable {
    var fd: Int32
    var generation: UInt64
    var response: HTTPResponse
    var keepAlive: Bool
    var headOnly: Bool
}

/// One client connection; owned by the loop thread.
private final class Connection {
    enum State: Equatable {
        case reading
        case awaiting(UInt64)
        case closing
    }

    let fd: Int32
    let peer: String
    var parser: HTTPRequestParser
    var state: State = .reading
    var output: [UInt8] = []
    var outputOffset = 0
    var waitingToWrite = false
    /// What the poller watches this connection for.
    var interest: Poller.Interest = .readable
    var closeAfterWrite = false
    var peerClosed = false
    var requests = 0
    /// When it last progressed, and the clocks of its head, body and idle time.
    var deadlines: ConnectionDeadlines<ContinuousClock.Instant>

    init(fd: Int32, peer: String, parser: HTTPRequestParser, deadlines: ConnectionDeadlines<ContinuousClock.Instant>) {
        self.fd = fd
        self.peer = peer
        self.parser = parser
        self.deadlines = deadlines
    }
}
