import WijkpeilCore

/// The options, flags and positional arguments of one command line, checked against its spec.
struct ParsedArguments: Sendable {
    /// The command path, such as `wijkpeil surveys show`.
    var commandPath: [String]
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []
    var defaults: [String: String] = [:]

    /// The option's value, or its default.
    func value(_ name: String) -> String? {
        values[name]?.last ?? defaults[name]
    }

    /// Every value given for a repeatable option.
    func all(_ name: String) -> [String] {
        values[name] ?? []
    }

    func flag(_ name: String) -> Bool {
        flags.contains(name)
    }

    /// The Dutch or the English text, as the language asked for.
    func say(_ nl: String, _ en: String) -> String {
        language == .nl ? nl : en
    }

    /// The language asked for: `--lang`, else `$WIJKPEIL_LANG`, else Dutch.
    var language: Language {
        if let code = value("lang"), let language = Language(code: code) { return language }
        return .nl
    }
}
