import Synchronization

/// Slows down guessing of invitation codes without ever refusing a valid one.
///
/// Each address has a bucket of `burst` tokens, refilled one per `refill`. A wrong code takes a
/// token; once the bucket is empty, the answer to each further wrong code is delayed by the
/// time the debt takes to refill (at most `maxDelay`). A right code is never delayed or
/// refused, and only unknown codes count: not a mistyped shape, not a code that was used
/// already (a second tap, a race between two phones), not a repeated submission. A whole venue
/// shares one address, so one attendee typing wrong codes can slow only the answers to wrong
/// codes. With 68 random bits a code cannot be guessed anyway; this keeps it so.
public final class AttemptLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    public let burst: Int
    public let refill: Duration
    public let maxDelay: Duration
    private let buckets = Mutex<[String: Bucket]>([:])

    /// By default 60 wrong codes at once, then one per 10 seconds without delay; beyond that,
    /// answers to wrong codes wait up to 30 seconds.
    public init(burst: Int = 60, refill: Duration = .seconds(10), maxDelay: Duration = .seconds(30)) {
        self.burst = burst
        self.refill = refill
        self.maxDelay = maxDelay
    }

    /// Records one wrong code from `address` and returns how long to wait before answering it.
    public func failure(_ address: String, now: ContinuousClock.Instant = .now) -> Duration {
        let refillSeconds = refill / .seconds(1)
        return buckets.withLock { buckets in
            var bucket = buckets[address] ?? Bucket(tokens: Double(burst), updated: now)
            let elapsed = (now - bucket.updated) / .seconds(1)
            bucket.tokens = min(Double(burst), bucket.tokens + elapsed / refillSeconds) - 1
            bucket.updated = now
            // The debt is bounded, so a long attack does not lock the address for hours after.
            bucket.tokens = max(bucket.tokens, -(maxDelay / .seconds(1)) / refillSeconds)
            buckets[address] = bucket
            if buckets.count > 10_000 {
                // Forget addresses whose bucket is full again, so memory stays small.
                buckets = buckets.filter { $0.value.tokens + (now - $0.value.updated) / .seconds(1) / refillSeconds < Double(burst) }
            }
            guard bucket.tokens < 0 else { return .zero }
            return min(maxDelay, .seconds(-bucket.tokens * refillSeconds))
        }
    }
}
