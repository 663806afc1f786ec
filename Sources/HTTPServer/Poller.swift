#if os(Linux)
    import CEpoll
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which sockets are ready, for one event loop: `epoll(7)` on Linux, `poll(2)` elsewhere.
///
/// A loop registers each socket once with what it wants to hear about and changes that only when
/// it changes (rarely: a full send buffer, a client sending far ahead). A wait then costs in
/// proportion to the sockets that are ready, not to all that are open: a venue's two hundred
/// idle phones cost nothing while one of them posts. Owned by one loop thread.
final class Poller {
    /// What a socket is watched for. Hang-ups and errors are always reported.
    struct Interest: OptionSet, Equatable {
        let rawValue: UInt8
        static let readable = Interest(rawValue: 1)
        static let writable = Interest(rawValue: 2)
    }

    /// One ready socket.
    struct Event {
        var fd: Int32
        var readable: Bool
        var writable: Bool
        /// The peer hung up or the socket has an error; reading tells which.
        var hangUp: Bool
    }

    #if os(Linux)
        private let epoll: Int32
        private var ready: [epoll_event]

        /// Fails only when the system is out of file descriptors or memory.
        init?(capacity: Int = 256) {
            epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
            guard epoll >= 0 else { return nil }
            ready = Array(repeating: epoll_event(), count: capacity)
        }

        deinit { close(epoll) }

        func add(_ fd: Int32, _ interest: Interest) {
            control(EPOLL_CTL_ADD, fd, interest)
        }

        func modify(_ fd: Int32, _ interest: Interest) {
            control(EPOLL_CTL_MOD, fd, interest)
        }

        /// Stops watching `fd`; call it before closing the socket.
        func remove(_ fd: Int32) {
            var unused = epoll_event()
            _ = epoll_ctl(epoll, EPOLL_CTL_DEL, fd, &unused)
        }

        private func control(_ operation: Int32, _ fd: Int32, _ interest: Interest) {
            var event = epoll_event()
            event.events = (interest.contains(.readable) ? EPOLLIN.rawValue : 0) | (interest.contains(.writable) ? EPOLLOUT.rawValue : 0)
            event.data.fd = fd
            _ = epoll_ctl(epoll, operation, fd, &event)
        }

        /// Waits up to `timeoutMilliseconds` for sockets to become ready; replaces `events` with them.
        func wait(timeoutMilliseconds: Int32, into events: inout [Event]) {
            events.removeAll(keepingCapacity: true)
            let count = epoll_wait(epoll, &ready, Int32(ready.count), timeoutMilliseconds)
            guard count > 0 else { return }
            for index in 0..<Int(count) {
                let flags = ready[index].events
                events.append(
                    Event(
                        fd: ready[index].data.fd,
                        readable: flags & EPOLLIN.rawValue != 0,
                        writable: flags & EPOLLOUT.rawValue != 0,
                        hangUp: flags & (EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0))
            }
        }
    #else
        private var watched: [Int32: Interest] = [:]
        private var polled: [pollfd] = []

        init?(capacity: Int = 256) {}

        func add(_ fd: Int32, _ interest: Interest) { watched[fd] = interest }
        func modify(_ fd: Int32, _ interest: Interest) { watched[fd] = interest }
        func remove(_ fd: Int32) { watched[fd] = nil }

        func wait(timeoutMilliseconds: Int32, into events: inout [Event]) {
            events.removeAll(keepingCapacity: true)
            polled.removeAll(keepingCapacity: true)
            for (fd, interest) in watched {
                let flags = (interest.contains(.readable) ? Int16(POLLIN) : 0) | (interest.contains(.writable) ? Int16(POLLOUT) : 0)
                polled.append(pollfd(fd: fd, events: flags, revents: 0))
            }
            guard poll(&polled, nfds_t(polled.count), timeoutMilliseconds) > 0 else { return }
            for entry in polled where entry.revents != 0 {
                let flags = Int32(entry.revents)
                events.append(
                    Event(
                        fd: entry.fd,
                        readable: flags & Int32(POLLIN) != 0,
                        writable: flags & Int32(POLLOUT) != 0,
                        hangUp: flags & (Int32(POLLHUP) | Int32(POLLERR)) != 0))
            }
        }
    #endif
}
