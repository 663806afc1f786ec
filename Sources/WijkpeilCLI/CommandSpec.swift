/// What a command accepts, with help next to each part: the source of `--help`, of usage lines
/// and of the parser's checks.
struct CommandSpec: Sendable {
    var name: String
    var abstract: String
    var discussion: String?
    var options: [OptionSpec] = []
    var positionals: [PositionalSpec] = []
    var subcommands: [CommandSpec] = []
    /// Whether what the command prints on stdout is data, which `--out FILE` may send to a file
    /// instead (given to every such command that does not name its own `--out`).
    var printsData = true
    /// Runs the command; `nil` for a group that only holds subcommands.
    var run: (@Sendable (ParsedArguments, Console) throws -> ExitCode)?

    /// Options every command takes.
    static let commonOptions: [OptionSpec] = [
        OptionSpec("lang", value: "nl|en", help: "Language of texts and messages (default: nl, or $WIJKPEIL_LANG).", allowed: ["nl", "en"]),
        OptionSpec("help", help: "Show this help."),
    ]

    /// `--out FILE` for a command that prints data and has no `--out` of its own: its stdout,
    /// written to the file once the command succeeded.
    static let outOption = OptionSpec("out", value: "FILE", help: "Write the output to FILE instead of stdout (replaced whole, once the command succeeded).")

    /// Whether `--out` is the runner's (stdout to a file) rather than the command's own.
    var takesGenericOut: Bool { run != nil && printsData && !options.contains { $0.name == "out" } }

    var allOptions: [OptionSpec] { options + (takesGenericOut ? [Self.outOption] : []) + Self.commonOptions }
}

/// A `--name value` option or a `--name` flag.
struct OptionSpec: Sendable {
    var name: String
    /// How the value is shown in help (`FILE`, `table|json`); `nil` for a flag.
    var valueName: String?
    var help: String
    var defaultValue: String?
    /// The values allowed, if the option takes one of a fixed set.
    var allowed: [String]?
    var repeatable: Bool

    init(_ name: String, value: String? = nil, help: String, default defaultValue: String? = nil, allowed: [String]? = nil, repeatable: Bool = false) {
        self.name = name
        self.valueName = value
        self.help = help
        self.defaultValue = defaultValue
        self.allowed = allowed
        self.repeatable = repeatable
    }

    static func format(_ allowed: [String], default defaultValue: String) -> OptionSpec {
        OptionSpec("format", value: allowed.joined(separator: "|"), help: "Output format.", default: defaultValue, allowed: allowed)
    }

    static let surveys = OptionSpec("surveys", value: "DIR", help: "Folder with survey definitions.", default: "./surveys")
}

/// A positional argument.
struct PositionalSpec: Sendable {
    var name: String
    var help: String
    var optional = false
    var variadic = false
}

/// How a command ended; the process's exit status (0 success, 1 invalid input, 2 usage; docs/walkthrough.md).
enum ExitCode: Int32, Sendable {
    case success = 0
    /// The input was read but is invalid; the findings were printed.
    case invalid = 1
    /// The command line was wrong.
    case usage = 2
}
