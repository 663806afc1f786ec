/// The time limits of one HTTP connection, apart from sockets and from any real clock: the
/// event loop tells it what happened and when, and asks it at each sweep whether the
/// connection may stay. Tests drive it with a clock of their own, so no test sleeps.
///
/// The limits: the whole request head within `headerTimeout`; the body at no less than
/// `minimumBodyRate` bytes a second once `bodyGrace` has passed; at most `idleTimeout` between
/// requests, and without progress while an answer is being written.
public struct ConnectionDeadlines<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    /// The limits, shared by every connection of a server.
    public struct Limits: Sendable, Hashable {
        public var headerTimeout: Duration
        public var bodyGrace: Duration
        public var minimumBodyRate: Int
        public var idleTimeout: Duration

        @inlinable public init(
            headerTimeout: Duration = .seconds(10), bodyGrace: Duration = .seconds(5), minimumBodyRate: Int = 240,
            idleTimeout: Duration = .seconds(15)
        ) {
            self.headerTimeout = headerTimeout
            self.bodyGrace = bodyGrace
            self.minimumBodyRate = minimumBodyRate
            self.idleTimeout = idleTimeout
        }
    }

    /// Where the connection stands, as far as time is concerned.
    public enum Phase: Sendable, Hashable {
        /// Between requests, or reading one.
        case reading(inRequest: Bool, readingBody: Bool, bodyBytesReceived: Int)
        /// Writing an answer (some of it still unsent).
        case writing
        /// The handler is working on an answer; no limit applies (a commit may wait).
        case awaiting
    }

    /// What the sweep should do with the connection.
    public enum Verdict: Sendable, Hashable {
        case keep
        /// Answer with this status and close (408: the client was too slow).
        case refuse(status: Int, reason: String)
        /// Close without a word (idle, or an answer nobody reads).
        case close
    }

    public let limits: Limits
    // Inlinable, so the event loop's calls are specialised for its clock rather than generic.
    @usableFromInline var idleSince: Instant
    @usableFromInline var lastActivity: Instant
    @usableFromInline var headStart: Instant?
    @usableFromInline var bodyStart: Instant?

    /// A connection opened at `now`.
    @inlinable public init(limits: Limits, openedAt now: Instant) {
        self.limits = limits
        idleSince = now
        lastActivity = now
    }

    /// Bytes came in or went out.
    @inlinable public mutating func progressed(at now: Instant) { lastActivity = now }

    /// The parser wants more bytes: a request head or body has begun (its clock starts once).
    @inlinable public mutating func waiting(inRequest: Bool, readingBody: Bool, at now: Instant) {
        if inRequest, headStart == nil { headStart = now }
        if readingBody, bodyStart == nil { bodyStart = now }
    }

    /// The client asked for `100 Continue`: its body's clock starts now.
    @inlinable public mutating func bodyInvited(at now: Instant) { bodyStart = now }

    /// A whole request was read: the head and body clocks stop.
    @inlinable public mutating func requestRead() {
        headStart = nil
        bodyStart = nil
    }

    /// An answer was written in full; the connection waits for the next request.
    @inlinable public mutating func answered(at now: Instant) { idleSince = now }

    /// Whether the connection may stay, at `now`, in `phase`.
    @inlinable public func verdict(at now: Instant, phase: Phase) -> Verdict {
        switch phase {
        case .awaiting:
            return .keep
        case .writing:
            return lastActivity.duration(to: now) > limits.idleTimeout ? .close : .keep
        case .reading(let inRequest, let readingBody, let bodyBytesReceived):
            if let bodyStart, readingBody {
                let elapsed = bodyStart.duration(to: now)
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                if elapsed > limits.bodyGrace, Double(bodyBytesReceived) < Double(limits.minimumBodyRate) * seconds {
                    return .refuse(status: 408, reason: "the body arrived too slowly")
                }
                return .keep
            }
            if let headStart, inRequest {
                return headStart.duration(to: now) > limits.headerTimeout ? .refuse(status: 408, reason: "the request head took too long") : .keep
            }
            return idleSince.duration(to: now) > limits.idleTimeout ? .close : .keep
        }
    }
}
