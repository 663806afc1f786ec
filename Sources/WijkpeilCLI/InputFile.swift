import Foundation

/// A file named on the command line, read whole. A missing or unreadable file is a usage
/// error (exit 2) that names the path.
enum InputFile {
    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try data(path))
    }

    static func data(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(nl: "kan '\(path)' niet lezen; controleer het pad", en: "cannot read '\(path)'; check the path")
        }
        return data
    }
}
