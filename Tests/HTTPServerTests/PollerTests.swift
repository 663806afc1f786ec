#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
@testable import HTTPServer
import Testing

@Suite("Poller")
struct PollerTests {
    /// A connected pair of non-blocking stream sockets; closed by the caller.
    private func socketPair() throws -> (Int32, Int32) {
        var ends: [Int32] = [0, 0]
        #if os(Linux)
            let type = Int32(SOCK_STREAM.rawValue)
        #else
            let type = SOCK_STREAM
        #endif
        try #require(socketpair(AF_UNIX, type, 0, &ends) == 0)
        for fd in ends { EventLoop.makeNonBlocking(fd) }
        return (ends[0], ends[1])
    }

    private func ready(_ poller: Poller, timeout: Int32 = 200) -> [Poller.Event] {
        var events: [Poller.Event] = []
        poller.wait(timeoutMilliseconds: timeout, into: &events)
        return events
    }

    @Test("reports a socket as readable once bytes wait, and only then")
    func readable() throws {
        let poller = try #require(Poller())
        let (a, b) = try socketPair()
        defer { close(a); close(b) }
        poller.add(a, .readable)
        #expect(ready(poller, timeout: 20).isEmpty)
        #expect(write(b, "x", 1) == 1)
        let events = ready(poller)
        #expect(events.count == 1)
        #expect(events.first?.fd == a && events.first?.readable == true && events.first?.writable == false)
    }

    @Test("a socket is watched for room to write only while asked, and not at all once removed")
    func interestChanges() throws {
        let poller = try #require(Poller())
        let (a, b) = try socketPair()
        defer { close(a); close(b) }
        poller.add(a, .readable)
        #expect(ready(poller, timeout: 20).isEmpty)
        poller.modify(a, [.readable, .writable])
        #expect(ready(poller).map(\.writable) == [true])
        poller.modify(a, [])
        #expect(write(b, "x", 1) == 1)
        #expect(ready(poller, timeout: 20).isEmpty)
        poller.modify(a, .readable)
        #expect(ready(poller).map(\.readable) == [true])
        poller.remove(a)
        #expect(ready(poller, timeout: 20).isEmpty)
    }

    @Test("a hang-up is reported even when nothing is asked for")
    func hangUp() throws {
        let poller = try #require(Poller())
        let (a, b) = try socketPair()
        defer { close(a) }
        poller.add(a, [])
        close(b)
        let events = ready(poller)
        #expect(events.count == 1)
        #expect(events.first?.hangUp == true)
    }

    @Test("many sockets: only the ready ones come back")
    func manySockets() throws {
        let poller = try #require(Poller())
        let pairs = try (0..<50).map { _ in try socketPair() }
        defer { for (a, b) in pairs { close(a); close(b) } }
        for (a, _) in pairs { poller.add(a, .readable) }
        let chosen = [3, 17, 42]
        for index in chosen { #expect(write(pairs[index].1, "x", 1) == 1) }
        let events = ready(poller)
        #expect(Set(events.map(\.fd)) == Set(chosen.map { pairs[$0].0 }))
    }
}
