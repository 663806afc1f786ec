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
    /// Numbers the connections, so an answer for a closed one is not given to its descriptor's next owner.
    private var nextConnectionID: UInt64 = 0
    private let connectionSettings: HTTPConnection<ContinuousClock.Instant>.Settings
    private var dateCache: (second: Int, text: String) = (-1, "")

    init(configuration: Configuration, handler: @escaping Handler, refusalPage: @escaping RefusalPage, openCount: ConnectionCount) {
        self.configuration = configuration
        self.handler = handler
        self.refusalPage = refusalPage
        self.openCount = openCount
        connectionSettings = .init(
            parser: configuration.limits, deadlines: configuration.deadlines, maxRequests: configuration.maxRequestsPerConnection)
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
                    if event.writable {
                        connection.machine.becameWritable()
                        drive(connection, now: now)
                    }
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
                    // Idle connections close now; the others finish their answer with `Connection: close`.
                    for connection in connections.all {
                        connection.machine.serverStopping()
                        drive(connection, now: now)
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
        nextConnectionID += 1
        let connection = Connection(fd: fd, peer: peer, machine: HTTPConnection(id: nextConnectionID, settings: connectionSettings, openedAt: now))
        // Dealt to this loop as it stops: served like the others, without keeping alive.
        if stopping.load(ordering: .relaxed) { connection.machine.serverStopping() }
        connections[fd] = connection
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
                connection.machine.received(buffer[0..<received], at: now)
                if received < buffer.count { break }
                continue
            }
            if received == 0 {
                connection.machine.peerClosedItsSide()
                break
            }
            if errno == EAGAIN || errno == EWOULDBLOCK { break }
            if errno == EINTR { continue }
            closeConnection(connection)
            return
        }
        drive(connection, now: now)
    }

    /// Carries out what the connection's state machine decides, until it waits; then tells the
    /// poller what the connection waits for.
    private func drive(_ connection: Connection, now: ContinuousClock.Instant) {
        while connections[connection.fd] === connection {
            switch connection.machine.nextAction(at: now) {
            case .wait:
                watch(connection)
                return
            case .write:
                flush(connection, now: now)
            case .dispatch(let request, let ticket):
                dispatch(request, ticket: ticket, from: connection, now: now)
            case .refuse(let status, let reason):
                // The parser refused before the path was known: the resident's page, not JSON.
                connection.machine.refuse(with: refusalPage(status, reason, false), date: date(now))
            case .close:
                closeConnection(connection)
            case .shutdownThenClose:
                shutdown(connection.fd, Int32(SHUT_WR))
                closeConnection(connection)
            }
        }
    }

    /// Tells the poller what `connection` now waits for, when that changed.
    private func watch(_ connection: Connection) {
        var interest: Poller.Interest = []
        if connection.machine.wantsToRead { interest.insert(.readable) }
        if connection.machine.wantsToWrite { interest.insert(.writable) }
        if interest != connection.interest {
            poller?.modify(connection.fd, interest)
            connection.interest = interest
        }
    }

    /// Sends what the connection has to send, until it is sent or the socket is full.
    private func flush(_ connection: Connection, now: ContinuousClock.Instant) {
        let sent = connection.machine.withUnsentOutput { unsent in
            send(connection.fd, unsent.baseAddress, unsent.count, sendWithoutSignal)
        }
        if sent > 0 {
            connection.machine.sent(sent, at: now)
        } else if sent < 0, errno == EAGAIN || errno == EWOULDBLOCK {
            connection.machine.sendWouldBlock()
        } else if !(sent < 0 && errno == EINTR) {
            closeConnection(connection)
        }
    }

    /// Hands a request to the application; its answer comes back on this loop's thread.
    private func dispatch(_ request: HTTPRequest, ticket: HTTPConnection<ContinuousClock.Instant>.Ticket, from connection: Connection, now: ContinuousClock.Instant) {
        let fd = connection.fd
        handler(request, connection.peer) { [self] response in
            let completion = Completion(fd: fd, ticket: ticket, response: response)
            if let loopThread, pthread_equal(loopThread, pthread_self()) != 0 {
                loopLocalReplies.append(completion)
            } else {
                // A batch commits many answers at once: one wake-up for all of them, since the
                // loop takes the whole list when it wakes.
                let wasEmpty = completions.withLock { pending in
                    defer { pending.append(completion) }
                    return pending.isEmpty
                }
                if wasEmpty { wake() }
            }
        }
        deliverCompletions(now: now)
    }

    private func deliverCompletions(now: ContinuousClock.Instant) {
        var ready = loopLocalReplies
        loopLocalReplies.removeAll()
        ready += completions.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
        for completion in ready {
            guard let connection = connections[completion.fd],
                connection.machine.replied(completion.response, to: completion.ticket, date: date(now))
            else { continue }
            drive(connection, now: now)
        }
    }

    /// Enforces the time limits (the connection's state machine decides; this carries it out).
    private func sweep(now: ContinuousClock.Instant) {
        for connection in connections.all {
            switch connection.machine.tick(at: now) {
            case .wait: break
            case .refuse(let status, let reason):
                connection.machine.refuse(with: refusalPage(status, reason, false), date: date(now))
                drive(connection, now: now)
            default: closeConnection(connection)
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
    var ticket: HTTPConnection<ContinuousClock.Instant>.Ticket
    var response: HTTPResponse
}

/// One client connection: its socket and its state machine; owned by the loop thread.
private final class Connection {
    let fd: Int32
    let peer: String
    var machine: HTTPConnection<ContinuousClock.Instant>
    /// What the poller watches this connection for.
    var interest: Poller.Interest = .readable

    init(fd: Int32, peer: String, machine: HTTPConnection<ContinuousClock.Instant>) {
        self.fd = fd
        self.peer = peer
        self.machine = machine
    }
}
