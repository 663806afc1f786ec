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
        // Flushed to the disk before the rename, so a crash leaves the old file or the new one.
        guard FileManager.default.createFile(atPath: partial, contents: Data(text.utf8)), let handle = FileHandle(forWritingAtPath: partial) else {
            throw CommandFailure(
                nl: "kan '\(path)' niet schrijven; controleer of de map bestaat en of u daar mag schrijven",
                en: "cannot write '\(path)'; check that the folder exists and that you may write there")
        }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw CommandFailure(
                nl: "kan '\(path)' niet schrijven: \(error.localizedDescription); er is niets vervangen",
                en: "cannot write '\(path)': \(error.localizedDescription); nothing was replaced")
        }
        // rename(2) replaces an existing file in one step.
        guard rename(partial, path) == 0 else {
            try? FileManager.default.removeItem(atPath: partial)
            throw CommandFailure(
                nl: "kan '\(path)' niet schrijven: \(String(cString: strerror(errno)))", en: "cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    /// Refuses an `--out` (or `--codebook`) that names the database or a file the command
    /// reads: `export --db X --out X` must not destroy X. Paths are compared resolved, and by
    /// device and inode where both files exist (a link or another spelling of the same file).
    static func refuseInputs(_ arguments: ParsedArguments) throws {
        let outputs = ["out", "codebook"].compactMap { name in arguments.values[name]?.last.map { (name, $0) } }
        guard !outputs.isEmpty else { return }
        // Every value that names an existing file (not `--format json`), and the database.
        var inputs = arguments.positionals.filter { FileManager.default.fileExists(atPath: $0) }
        for (name, values) in arguments.values where name != "out" && name != "codebook" {
            inputs += values.filter { FileManager.default.fileExists(atPath: $0) }
        }
        if let db = arguments.value("db") { inputs.append(db) }
        for (name, output) in outputs {
            for input in inputs where sameFile(output, input) {
                throw UsageError(
                    nl: "--\(name) '\(output)' is '\(input)', dat deze opdracht leest; kies een ander bestand, zodat niets wordt overschreven",
                    en: "--\(name) '\(output)' is '\(input)', which this command reads; choose another file so nothing is overwritten",
                    commandPath: arguments.commandPath)
            }
        }
    }

    static func sameFile(_ a: String, _ b: String) -> Bool {
        let left = URL(fileURLWithPath: a).standardizedFileURL.resolvingSymlinksInPath().path
        let right = URL(fileURLWithPath: b).standardizedFileURL.resolvingSymlinksInPath().path
        if left == right { return true }
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
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
