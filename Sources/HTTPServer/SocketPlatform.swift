// The socket calls that differ between Linux (Glibc) and macOS (Darwin), in this one file so
// the rest of the target reads the same on both. Only the Linux side is built and tested here
// (docs/architecture.md, "Platforms").
#if canImport(Glibc)
    import Glibc

    /// The socket type of a TCP stream, as `socket(2)` and `getaddrinfo(3)` take it.
    let streamSocket = Int32(SOCK_STREAM.rawValue)
    /// Flags for `send(2)`: a peer that has gone away gives `EPIPE`, not a `SIGPIPE` that
    /// would end the server.
    let sendWithoutSignal = Int32(MSG_NOSIGNAL)
    let socketBind = Glibc.bind
    let socketListen = Glibc.listen

    /// Nothing to do on Linux: `sendWithoutSignal` covers every send.
    func suppressSIGPIPE(_ fd: Int32) {}
#elseif canImport(Darwin)
    import Darwin

    let streamSocket = SOCK_STREAM
    /// Darwin has no `MSG_NOSIGNAL`; the socket option `SO_NOSIGPIPE` does its work.
    let sendWithoutSignal: Int32 = 0
    let socketBind = Darwin.bind
    let socketListen = Darwin.listen

    /// A peer that has gone away gives `EPIPE`, not a `SIGPIPE` that would end the server.
    func suppressSIGPIPE(_ fd: Int32) {
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
    }
#endif
