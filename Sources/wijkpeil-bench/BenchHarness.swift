import Foundation
import Store
import WijkpeilCore

// A small harness for the benchmark commands: an option per name, a usage error, output to the
// terminal. `wijkpeil-bench` is outside the product, so it does not use the CLI's parser.

/// A `--name value` option or a `--name` flag of a benchmark.
struct OptionSpec: Sendable {
    var name: String
    var valueName: String?
    var help: String
    var defaultValue: String?

    init(_ name: String, value: String? = nil, help: String, default defaultValue: String? = nil) {
        self.name = name
        self.valueName = value
        self.help = help
        self.defaultValue = defaultValue
    }

    static let surveys = OptionSpec("surveys", value: "DIR", help: "Folder with survey definitions.", default: "./surveys")
    static let database = OptionSpec("db", value: "PATH", help: "The SQLite database.", default: "./wijkpeil.sqlite")
}

/// One benchmark or harness, with its options.
struct CommandSpec: Sendable {
    var name: String
    var abstract: String
    var options: [OptionSpec] = []
    var run: @Sendable (ParsedArguments, Console) throws -> ExitCode
}

enum ExitCode: Int32 {
    case success = 0
    case invalid = 1
    case usage = 2
}

/// The options given, with their defaults.
struct ParsedArguments: Sendable {
    var commandPath: [String]
    var values: [String: String]

    func value(_ name: String) -> String? { values[name] }
}

/// Where a benchmark writes: figures to stdout, progress and notes to stderr.
struct Console: Sendable {
    struct Output: Sendable {
        let descriptor: Int32
        func write(_ text: String) { FileHandle(fileDescriptor: descriptor).write(Data(text.utf8)) }
        func line(_ text: String = "") { write(text + "\n") }
    }

    let out = Output(descriptor: 1)
    let err = Output(descriptor: 2)
    let errIsTerminal = isatty(2) == 1
}

/// The command line was wrong. Exit code 2.
struct UsageError: Error {
    var message: String
    var commandPath: [String]
}

/// The benchmark could not run. Exit code 2 unless said otherwise.
struct CommandFailure: Error {
    var message: String
    var exitCode: ExitCode = .usage
}

extension CommandSpec {
    /// Reads `--name value` pairs against the options; unknown names are usage errors.
    func parse(_ words: [String]) throws -> ParsedArguments {
        var values: [String: String] = [:]
        for option in options { if let value = option.defaultValue { values[option.name] = value } }
        var index = 0
        while index < words.count {
            let word = words[index]
            guard word.hasPrefix("--"), let option = options.first(where: { "--" + $0.name == word }) else {
                throw UsageError(message: "unknown argument '\(word)'; \(name) takes " + options.map { "--" + $0.name }.joined(separator: ", "), commandPath: [name])
            }
            guard index + 1 < words.count else { throw UsageError(message: "\(word) needs a value", commandPath: [name]) }
            values[option.name] = words[index + 1]
            index += 2
        }
        return ParsedArguments(commandPath: ["wijkpeil-bench", name], values: values)
    }

    var help: String {
        "wijkpeil-bench \(name) — \(abstract)\n"
            + options.map { "  --\($0.name) \($0.valueName ?? "")  \($0.help)" + ($0.defaultValue.map { " (default \($0))" } ?? "") }.joined(separator: "\n")
    }
}

/// Opening the database a harness names.
enum DatabaseAccess {
    static func open(_ arguments: ParsedArguments) throws -> Store {
        try Store(path: arguments.value("db") ?? "./wijkpeil.sqlite")
    }

    static func reader(_ arguments: ParsedArguments) throws -> StoreReader {
        try StoreReader(path: arguments.value("db") ?? "./wijkpeil.sqlite")
    }
}
