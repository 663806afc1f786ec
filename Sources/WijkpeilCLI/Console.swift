import Foundation
import Synchronization

/// Where a command writes: data to ``out``, messages and progress to ``err``.
public struct Console: Sendable {
    public let out: any TextOutput
    public let err: any TextOutput
    /// Whether `err` is a terminal, so progress lines may redraw themselves.
    public let errIsTerminal: Bool
    /// How many columns tables may fill: the terminal's width, or ``fixedWidth`` when the output
    /// is not a terminal (a file, a pipe), so that what is saved does not depend on a window.
    public let width: Int

    /// The width of output that goes to a file or a pipe.
    public static let fixedWidth = 100

    public init(out: any TextOutput, err: any TextOutput, errIsTerminal: Bool = false, width: Int = Console.fixedWidth) {
        self.out = out
        self.err = err
        self.errIsTerminal = errIsTerminal
        self.width = width
    }

    /// The process's standard output and standard error; tables as wide as the terminal.
    public static var standard: Console {
        Console(out: FileOutput(descriptor: 1), err: FileOutput(descriptor: 2), errIsTerminal: isatty(2) == 1, width: terminalWidth(of: 1) ?? fixedWidth)
    }

    /// The columns of the terminal on `descriptor`, or `nil` when it is not one.
    static func terminalWidth(of descriptor: Int32) -> Int? {
        guard isatty(descriptor) == 1 else { return nil }
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// The same console with tables `width` columns wide.
    func with(width: Int) -> Console {
        Console(out: out, err: err, errIsTerminal: errIsTerminal, width: width)
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
