import Foundation

/// Where a command's result goes: a file named with `--out`, or stdout.
enum OutputFile {
    /// Writes `text` to `path` through a temporary file renamed into place, so a reader never
    /// sees half a report; without a path, to stdout.
    static func write(_ text: String, to path: String?, console: Console) throws {
        guard let path else {
            console.out.write(text)
            return
        }
        let partial = path + ".partial-" + UUID().uuidString.prefix(8)
        guard FileManager.default.createFile(atPath: partial, contents: Data(text.utf8)) else {
            throw CommandFailure(message: "cannot write '\(path)'; check that the folder exists and that you may write there")
        }
        // rename(2) replaces an existing file in one step.
        guard rename(partial, path) == 0 else {
            try? FileManager.default.removeItem(atPath: partial)
            throw CommandFailure(message: "cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    /// Writes `text` to a new file that only its owner may read (mode 0600 from the start, not
    /// changed afterwards), flushed to the disk. Fails if the file exists.
    static func writePrivate(_ text: String, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else { return false }
            offset += written
        }
        return fsync(fd) == 0
    }
}
