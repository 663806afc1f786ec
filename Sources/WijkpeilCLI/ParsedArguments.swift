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

    /// The day given with `--name`, checked (2026-02-30 is refused); `nil` when not given.
    func date(_ name: String) throws(UsageError) -> CalendarDate? {
        guard let text = value(name) else { return nil }
        guard let date = CalendarDate(text) else {
            throw UsageError(
                nl: "--\(name) '\(text)' is geen datum; schrijf JJJJ-MM-DD, zoals 2026-12-03",
                en: "--\(name) '\(text)' is not a date; write YYYY-MM-DD, such as 2026-12-03", commandPath: commandPath)
        }
        return date
    }

    /// The server's address given with `--public-url`, checked to be a web address; `nil` when
    /// not given.
    func publicURL() throws(UsageError) -> String? {
        guard let url = value("public-url") else { return nil }
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw UsageError(
                nl: "--public-url heeft een adres nodig, zoals http://wijkpeil.lan:8080/", en: "--public-url needs an address such as http://wijkpeil.lan:8080/",
                commandPath: commandPath)
        }
        return url
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
