import HTTPCore
import Testing

/// A clock the test moves by hand: an instant is a duration since the start.
struct FakeInstant: InstantProtocol {
    var sinceStart: Duration

    static let start = FakeInstant(sinceStart: .zero)
    func advanced(by duration: Duration) -> FakeInstant { FakeInstant(sinceStart: sinceStart + duration) }
    func duration(to other: FakeInstant) -> Duration { other.sinceStart - sinceStart }
    static func < (a: FakeInstant, b: FakeInstant) -> Bool { a.sinceStart < b.sinceStart }
    static func + (instant: FakeInstant, duration: Duration) -> FakeInstant { instant.advanced(by: duration) }
}

@Suite("A connection's time limits, against a fake clock")
struct ConnectionDeadlinesTests {
    typealias Deadlines = ConnectionDeadlines<FakeInstant>
    let limits = Deadlines.Limits(headerTimeout: .seconds(10), bodyGrace: .seconds(5), minimumBodyRate: 240, idleTimeout: .seconds(15))
    let t0 = FakeInstant.start
    let idle = Deadlines.Phase.reading(inRequest: false, readingBody: false, bodyBytesReceived: 0)

    @Test("an idle connection is closed after 15 s, not before; an answer resets the idle clock")
    func idleConnection() {
        var deadlines = Deadlines(limits: limits, openedAt: t0)
        #expect(deadlines.verdict(at: t0 + .seconds(15), phase: idle) == .keep)
        #expect(deadlines.verdict(at: t0 + .milliseconds(15_001), phase: idle) == .close)
        deadlines.answered(at: t0 + .seconds(10))
        #expect(deadlines.verdict(at: t0 + .seconds(24), phase: idle) == .keep)
        #expect(deadlines.verdict(at: t0 + .seconds(26), phase: idle) == .close)
    }

    @Test("a head that trickles in (slowloris) is refused with 408 once 10 s have passed since it began")
    func slowHead() {
        var deadlines = Deadlines(limits: limits, openedAt: t0)
        let head = Deadlines.Phase.reading(inRequest: true, readingBody: false, bodyBytesReceived: 0)
        deadlines.waiting(inRequest: true, readingBody: false, at: t0 + .seconds(2))
        // Bytes keep arriving, which does not move the head's clock.
        for second in 3...11 {
            deadlines.progressed(at: t0 + .seconds(second))
            deadlines.waiting(inRequest: true, readingBody: false, at: t0 + .seconds(second))
        }
        #expect(deadlines.verdict(at: t0 + .seconds(12), phase: head) == .keep)
        #expect(deadlines.verdict(at: t0 + .milliseconds(12_001), phase: head) == .refuse(status: 408, reason: "the request head took too long"))
        // A request read in full stops the clock.
        deadlines.requestRead()
        #expect(deadlines.verdict(at: t0 + .seconds(13), phase: .awaiting) == .keep)
    }

    @Test(
        "a body is allowed 5 s of grace, then must average 240 bytes a second",
        arguments: [
            (seconds: 4, bytes: 0, refused: false),  // within the grace
            (seconds: 6, bytes: 1_440, refused: false),  // exactly 240/s
            (seconds: 6, bytes: 1_439, refused: true),
            (seconds: 60, bytes: 14_400, refused: false),
            (seconds: 60, bytes: 10_000, refused: true),
        ])
    func slowBody(seconds: Int, bytes: Int, refused: Bool) {
        var deadlines = Deadlines(limits: limits, openedAt: t0)
        deadlines.waiting(inRequest: true, readingBody: true, at: t0)
        let phase = Deadlines.Phase.reading(inRequest: true, readingBody: true, bodyBytesReceived: bytes)
        let verdict = deadlines.verdict(at: t0 + .seconds(seconds), phase: phase)
        #expect(verdict == (refused ? .refuse(status: 408, reason: "the body arrived too slowly") : .keep))
    }

    @Test("after 100 Continue the body's clock starts when the server invited it, not when the head began")
    func continueRestartsTheBodyClock() {
        var deadlines = Deadlines(limits: limits, openedAt: t0)
        deadlines.waiting(inRequest: true, readingBody: true, at: t0)
        deadlines.bodyInvited(at: t0 + .seconds(30))
        let phase = Deadlines.Phase.reading(inRequest: true, readingBody: true, bodyBytesReceived: 0)
        #expect(deadlines.verdict(at: t0 + .seconds(34), phase: phase) == .keep)
        #expect(deadlines.verdict(at: t0 + .seconds(36), phase: phase) != .keep)
    }

    @Test("an answer nobody reads is dropped after 15 s without progress; while the handler works, no limit applies")
    func writingAndAwaiting() {
        var deadlines = Deadlines(limits: limits, openedAt: t0)
        deadlines.progressed(at: t0 + .seconds(10))
        #expect(deadlines.verdict(at: t0 + .seconds(25), phase: .writing) == .keep)
        #expect(deadlines.verdict(at: t0 + .seconds(26), phase: .writing) == .close)
        #expect(deadlines.verdict(at: t0 + .seconds(3_600), phase: .awaiting) == .keep)
    }
}
