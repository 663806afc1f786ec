public import HTTPCore
import Dispatch
import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import Synchronization

/// The HTTP/1.1 server on POSIX sockets: a few event loops (one per core, at most four), each
/// a thread waiting on a `Poller` (epoll on Linux) that owns the connections dealt to it, so an
/// idle or slow connection costs a few hundred bytes, no thread and no time while it is idle. Requests go to `handler`; its reply may come from any thread
/// (after a commit) and is written back by the connection's loop.
///
/// Time limits (none of the Swift servers has them by default): the whole head within 10 s,
/// the body at no less than 240 bytes/s after a 5 s grace, 15 s idle between requests, at most
/// 1,000 requests per connection, at most 256 connections (the next gets 503). Slowloris and
/// slow POSTs therefore cannot hold the server.
public final class HTTPServer: Sendable {
    public struct Configuration: Sendable {
        public var host: String
        public var port: UInt16
        public var limits = HTTPRequestParser.Limits()
        /// The head, body-rate and idle limits of every connection (10 s, 240 bytes/s after 5 s, 15 s).
        public var deadlines = ConnectionDeadlines<ContinuousClock.Instant>.Limits()
        public var maxRequestsPerConnection = 1000
        public var maxConnections = 256
        /// Event loops, one per core by default (at most four).
        public var loops = min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))

        public init(host: String = "127.0.0.1", port: UInt16 = 8080) {
            self.host = host
            self.port = port
        }
    }

    public typealias Handler = @Sendable (HTTPRequest, _ peer: String, _ reply: @escaping @Sendable (HTTPResponse) -> Void) -> Void
    /// The answer to a request refused before it reached the handler (400, 408, 413, …).
    public typealias RefusalPage = @Sendable (_ status: Int, _ reason: String, _ api: Bool) -> HTTPResponse

    public struct StartError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public let configuration: Configuration
    private let loops: [EventLoop]
    /// The listening socket the loops share, and the port it is bound to.
    private let listening = Mutex<(fd: Int32, port: UInt16)>((-1, 0))

    public init(configuration: Configuration, handler: @escaping Handler, refusalPage: @escaping RefusalPage) {
        self.configuration = configuration
        let openCount = ConnectionCount()
        loops = (0..<max(1, configuration.loops)).map { _ in
            EventLoop(configuration: configuration, handler: handler, refusalPage: refusalPage, openCount: openCount)
        }
    }

    /// The port bound (useful with port 0).
    public var boundPort: UInt16 { listening.withLock { $0.port } }

    /// Binds the port (once: a second server on the same port is refused, not silently sharing
    /// it) and starts the loops.
    public func start() throws(StartError) {
        let (fd, port) = try Self.listen(host: configuration.host, port: configuration.port)
        listening.withLock { $0 = (fd, port) }
        let loops = self.loops
        for (index, loop) in loops.enumerated() {
            try loop.prepare(listener: index == 0 ? fd : nil) { turn, connection, peer in
                loops[turn % loops.count].adopt(fd: connection, peer: peer)
            }
        }
        for loop in loops { loop.start() }
    }

    private static func listen(host: String, port: UInt16) throws(StartError) -> (fd: Int32, port: UInt16) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = streamSocket
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &result)
        guard status == 0, let first = result else {
            throw StartError(description: "cannot use host '\(host)': \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(result) }
        let info = first.pointee
        let fd = socket(info.ai_family, streamSocket, 0)
        guard fd >= 0 else { throw StartError(description: "cannot create a socket: \(String(cString: strerror(errno)))") }
        EventLoop.makeNonBlocking(fd)
        var on: Int32 = 1, off: Int32 = 0
        // SO_REUSEADDR only: a port still in TIME_WAIT after a restart is fine; a port another
        // server listens on is not (SO_REUSEPORT would let two servers share it silently).
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        // "::" accepts IPv4 as well.
        if info.ai_family == AF_INET6 { setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &off, socklen_t(MemoryLayout<Int32>.size)) }
        guard socketBind(fd, info.ai_addr, info.ai_addrlen) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw StartError(description: "cannot listen on \(host) port \(port): \(message); is another server running there? Choose another --port")
        }
        guard socketListen(fd, 1024) == 0 else {
            close(fd)
            throw StartError(description: "cannot listen: \(String(cString: strerror(errno)))")
        }
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        let bound =
            address.ss_family == sa_family_t(AF_INET6)
            ? withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) } }
            : withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) } }
        return (fd, bound)
    }

    /// Stops accepting, lets requests in flight finish (their answers are committed first),
    /// then closes every connection. Returns at once; `wait()` returns when all is closed.
    public func stop() {
        for loop in loops { loop.stop() }
    }

    public func wait() {
        for loop in loops { loop.wait() }
        listening.withLock { listening in
            if listening.fd >= 0 { close(listening.fd) }
            listening.fd = -1
        }
    }
}
