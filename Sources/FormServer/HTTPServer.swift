import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The HTTP/1.1 server on POSIX sockets: a few event loops (one per core, at most four), each
/// a thread with `poll(2)` that owns its connections, so an idle or slow connection costs a few
/// hundred bytes and no thread. Requests go to `handler`; its reply may come from any thread
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
        public var headerTimeout: Duration = .seconds(10)
        public var bodyGrace: Duration = .seconds(5)
        public var minimumBodyRate = 240
        public var idleTimeout: Duration = .seconds(15)
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

    public init(configuration: Configuration, handler: @escaping Handler, refusalPage: @escaping RefusalPage) {
        self.configuration = configuration
        let openCount = ConnectionCount()
        loops = (0..<max(1, configuration.loops)).map { _ in
            EventLoop(configuration: configuration, handler: handler, refusalPage: refusalPage, openCount: openCount)
        }
    }

    /// The port bound (useful with port 0).
    public var boundPort: UInt16 { loops[0].boundPort }

    /// Binds every loop to the port and starts them.
    public func start() throws(StartError) {
        try loops[0].bind(port: configuration.port)
        for loop in loops.dropFirst() { try loop.bind(port: loops[0].boundPort) }
        for loop in loops { loop.start() }
    }

    /// Stops accepting, lets requests in flight finish (their answers are committed first),
    /// then closes every connection. Returns at once; `wait()` returns when all is closed.
    public func stop() {
        for loop in loops { loop.stop() }
    }

    public func wait() {
        for loop in loops { loop.wait() }
    }
}
