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
}
