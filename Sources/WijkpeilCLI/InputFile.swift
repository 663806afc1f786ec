import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file named on the command line, read whole. A missing or unreadable file is a usage
/// error (exit 2) that names the path.
enum InputFile {
    /// The file's bytes, read straight into the array: a file of paper forms may be tens of
    /// megabytes, and going through `Data` copied it once more.
    static func bytes(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw unreadable(path) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return [UInt8](try data(path)) }
        let size = Int(info.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while count < size {
                let got = read(descriptor, buffer.baseAddress! + count, size - count)
                if got < 0, errno == EINTR { continue }
                if got <= 0 {
                    failed = got < 0
                    return
                }
                count += got
            }
        }
        guard !failed else { throw unreadable(path) }
        // A file that changed size while it was read is read again the ordinary way.
        var more: UInt8 = 0
        guard bytes.count == size, read(descriptor, &more, 1) == 0 else { return [UInt8](try data(path)) }
        return bytes
    }

    static func data(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw unreadable(path) }
        return data
    }

    private static func unreadable(_ path: String) -> CommandFailure {
        CommandFailure(nl: "kan '\(path)' niet lezen; controleer het pad", en: "cannot read '\(path)'; check the path")
    }
}
