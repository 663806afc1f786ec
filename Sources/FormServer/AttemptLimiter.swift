import Synchronization

/// Counts failed invitation-code attempts per address in a fixed window. Generous, because a
/// whole venue shares one address: the default allows 60 failures per 10 minutes, enough for
/// two hundred residents who mistype now and then, and far too few to guess a code with 68
/// random bits.
public final class AttemptLimiter: Sendable {
    private struct Window {
        var start: ContinuousClock.Instant
        var failures: Int
    }

    public let limit: Int
    public let window: Duration
    private let windows = Mutex<[String: Window]>([:])

    public init(limit: Int = 60, window: Duration = .seconds(600)) {
        self.limit = limit
        self.window = window
    }

    /// Seconds until `address` may try again, or nil if it may try now.
    public func retryAfter(_ address: String, now: ContinuousClock.Instant = .now) -> Int? {
        windows.withLock { windows in
            guard let current = windows[address], now - current.start < window, current.failures >= limit else { return nil }
            let left = window - (now - current.start)
            return max(1, Int(left.components.seconds))
        }
    }

    public func recordFailure(_ address: String, now: ContinuousClock.Instant = .now) {
        windows.withLock { windows in
            if let current = windows[address], now - current.start < window {
                windows[address]?.failures = current.failures + 1
            } else {
                windows[address] = Window(start: now, failures: 1)
            }
            // Forget old windows now and then, so memory stays small.
            if windows.count > 10_000 {
                windows = windows.filter { now - $0.value.start < window }
            }
        }
    }
}
