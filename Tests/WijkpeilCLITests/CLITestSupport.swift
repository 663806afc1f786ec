import Foundation
import WijkpeilCLI
import WijkpeilCore

/// The outcome of one in-process run of `wijkpeil`.
struct RunResult {
    var status: Int32
    var out: String
    var err: String
}

/// Runs `wijkpeil` in-process with captured output. Tests run in parallel, so they never change
/// the working folder: they name folders with `--surveys` instead.
func wijkpeil(_ arguments: String..., environment: [String: String] = [:]) -> RunResult {
    run(arguments, environment: environment)
}

/// `wijkpeil` with an argument array, for parametrised tests.
func run(_ arguments: [String], environment: [String: String] = [:]) -> RunResult {
    let out = CapturedOutput(), err = CapturedOutput()
    let status = Wijkpeil.run(arguments, console: Console(out: out, err: err), environment: environment)
    return RunResult(status: status, out: out.text, err: err.text)
}

/// The package's root folder, where `surveys/` is.
let packageRoot: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// A fresh temporary folder, removed when the returned object goes away.
final class TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "wijkpeil-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `text` to `name` inside the folder and returns the full path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        return file
    }
}

/// The bundled survey folder.
let bundledSurveys = packageRoot + "/surveys"

/// The `id` of every object in a JSON array, in order.
func ids(in json: JSONValue) -> [String] {
    guard case .array(let elements) = json else { return [] }
    return elements.compactMap { element in
        if case .object(let fields) = element, case .string(let id)? = fields["id"] { return id }
        return nil
    }
}
