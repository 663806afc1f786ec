import Foundation
import Synchronization

/// Where a command writes: data to ``out``, messages and progress to ``err``.
public struct Console: Sendable {
    public let out: any TextOutput
    public let err: any TextOutput
    /// Whether `err` is a terminal, so progress lines may redraw themselves.
    public let errIsTerminal: Bool

    public init(out: any TextOutput, err: any TextOutput, errIsTerminal: Bool = false) {
        self.out = out
        self.err = err
        self.errIsTerminal = errIsTerminal
    }

    /// The process's standard output and standard error.
    public static var standard: Console {
        Console(out: FileOutput(descriptor: 1), err: FileOutput(descriptor: 2), errIsTerminal: isatty(2) == 1)
    }
}

/// Something text can be written to.
public protocol TextOutput: Sendable {
    func write(_ text: String)
}

extension TextOutput {
    public func line(_ text: String = "") {
        write(text + "\n")
    }
}

/// Writes straight to a file descriptor, retrying short writes.
public struct FileOutput: TextOutput {
    let descriptor: Int32

    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

/// Keeps what was written, for tests.
public final class CapturedOutput: TextOutput {
    private let buffer = Mutex("")

    public init() {}

    public func write(_ text: String) {
        buffer.withLock { $0 += text }
    }

    public var text: String {
        buffer.withLock { $0 }
    }
}
