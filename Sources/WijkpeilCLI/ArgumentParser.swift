import WijkpeilCore

/// Parses a command line against a tree of ``CommandSpec``s.
///
/// Accepted: `--name value`, `--name=value`, flags `--name`, `-h` for `--help`, and `--` to end
/// the options. Anything else is a ``UsageError`` that names the problem and suggests the
/// closest known command or option.
struct ArgumentParser {
    let root: CommandSpec
    var environment: [String: String] = [:]

    enum Outcome {
        case run(CommandSpec, ParsedArguments)
        case help(CommandSpec, path: [String])
    }

    func parse(_ arguments: [String]) throws(UsageError) -> Outcome {
        var command = root
        var path = [root.name]
        var index = 0
        // Walk down the subcommands first.
        while !command.subcommands.isEmpty {
            guard index < arguments.count else {
                return .help(command, path: path)
            }
            let word = arguments[index]
            if word == "--help" || word == "-h" || word == "help" {
                if word == "help", index + 1 < arguments.count,
                    let sub = command.subcommands.first(where: { $0.name == arguments[index + 1] })
                {
                    return .help(sub, path: path + [sub.name])
                }
                return .help(command, path: path)
            }
            // A command that runs itself as well as having subcommands (`agenda --analysis …`
            // beside `agenda respond …`) takes options where a subcommand could stand.
            if command.run != nil, word.hasPrefix("--") { break }
            guard let sub = command.subcommands.first(where: { $0.name == word }) else {
                let hint = Identifier.closest(to: word, in: command.subcommands.map(\.name))
                let option = word.hasPrefix("-")
                throw UsageError(
                    nl: (option ? "onbekende optie '\(word)'" : "onbekende opdracht '\(word)'") + (hint.map { "; bedoelt u '\($0)'?" } ?? ""),
                    en: (option ? "unknown option '\(word)'" : "unknown command '\(word)'") + (hint.map { "; did you mean '\($0)'?" } ?? ""),
                    commandPath: path)
            }
            command = sub
            path.append(sub.name)
            index += 1
        }

        var parsed = ParsedArguments(commandPath: path)
        for option in command.allOptions {
            if let value = option.defaultValue { parsed.defaults[option.name] = value }
        }
        if let lang = environment["WIJKPEIL_LANG"], Language(code: lang) != nil { parsed.defaults["lang"] = lang }
        var optionsEnded = false
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if optionsEnded || !word.hasPrefix("-") || word == "-" {
                parsed.positionals.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }
            if word == "-h" { return .help(command, path: path) }
            guard word.hasPrefix("--") else {
                throw UsageError(
                    nl: "onbekende optie '\(word)'; opties beginnen met '--'", en: "unknown option '\(word)'; options start with '--'", commandPath: path)
            }
            var name = String(word.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let option = command.allOptions.first(where: { $0.name == name }) else {
                let hint = Identifier.closest(to: name, in: command.allOptions.map(\.name))
                throw UsageError(
                    nl: "onbekende optie '--\(name)'" + (hint.map { "; bedoelt u '--\($0)'?" } ?? ""),
                    en: "unknown option '--\(name)'" + (hint.map { "; did you mean '--\($0)'?" } ?? ""),
                    commandPath: path)
            }
            if option.name == "help" { return .help(command, path: path) }
            guard option.valueName != nil else {
                if inlineValue != nil {
                    throw UsageError(nl: "optie '--\(name)' krijgt geen waarde", en: "option '--\(name)' takes no value", commandPath: path)
                }
                parsed.flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else if index < arguments.count, !arguments[index].hasPrefix("--") {
                value = arguments[index]
                index += 1
            } else {
                throw UsageError(
                    nl: "optie '--\(name)' heeft een waarde nodig (\(option.valueName ?? "WAARDE"))",
                    en: "option '--\(name)' needs a value (\(option.valueName ?? "VALUE"))", commandPath: path)
            }
            if let allowed = option.allowed, !allowed.contains(value) {
                throw UsageError(
                    nl: "'\(value)' is geen geldige waarde voor '--\(name)'; kies uit: \(allowed.joined(separator: ", "))",
                    en: "'\(value)' is not a valid value for '--\(name)'; choose one of: \(allowed.joined(separator: ", "))",
                    commandPath: path)
            }
            if parsed.values[name] != nil, !option.repeatable {
                throw UsageError(nl: "optie '--\(name)' staat er twee keer", en: "option '--\(name)' is given twice", commandPath: path)
            }
            parsed.values[name, default: []].append(value)
        }
        try checkPositionals(parsed.positionals, of: command, path: path)
        return .run(command, parsed)
    }

    private func checkPositionals(_ given: [String], of command: CommandSpec, path: [String]) throws(UsageError) {
        let required = command.positionals.filter { !$0.optional }
        if given.count < required.count {
            let missing = required[given.count]
            throw UsageError(nl: "\(missing.name) ontbreekt (zie --help)", en: "missing \(missing.name): \(missing.help)", commandPath: path)
        }
        let variadic = command.positionals.contains { $0.variadic }
        if !variadic, given.count > command.positionals.count {
            let extra = given[command.positionals.count]
            throw UsageError(nl: "onverwacht argument '\(extra)'", en: "unexpected argument '\(extra)'", commandPath: path)
        }
    }
}

/// The help texts made from specs.
enum HelpText {
    static func usage(_ command: CommandSpec, path: [String]) -> String {
        var forms: [String] = []
        if command.run != nil || command.subcommands.isEmpty {
            var parts = path
            if !command.options.isEmpty { parts.append("[options]") }
            for positional in command.positionals {
                let name = positional.variadic ? "\(positional.name)..." : positional.name
                parts.append(positional.optional ? "[\(name)]" : name)
            }
            forms.append(parts.joined(separator: " "))
        }
        if !command.subcommands.isEmpty { forms.append((path + ["<command>"]).joined(separator: " ")) }
        return "usage: " + forms.joined(separator: "\n       ")
    }

    static func full(_ command: CommandSpec, path: [String]) -> String {
        var lines = [command.abstract, "", usage(command, path: path)]
        if let discussion = command.discussion {
            lines += ["", discussion]
        }
        if !command.subcommands.isEmpty {
            lines += ["", "Commands:"]
            let width = command.subcommands.map(\.name.count).max() ?? 0
            for sub in command.subcommands {
                lines.append("  " + sub.name.padded(to: width + 2) + sub.abstract)
            }
            lines += ["", "Run '\(path.joined(separator: " ")) <command> --help' for a command's options."]
            // A group that only holds subcommands has no options of its own to list.
            if command.run == nil { return lines.joined(separator: "\n") }
        }
        if !command.positionals.isEmpty {
            lines += ["", "Arguments:"]
            let width = command.positionals.map(\.name.count).max() ?? 0
            for positional in command.positionals {
                lines.append("  " + positional.name.padded(to: width + 2) + positional.help)
            }
        }
        lines += ["", "Options:"]
        let labels = command.allOptions.map { option in
            "--" + option.name + (option.valueName.map { " " + $0 } ?? "")
        }
        let width = labels.map(\.count).max() ?? 0
        for (option, label) in zip(command.allOptions, labels) {
            var help = option.help
            if let value = option.defaultValue { help += " (default: \(value))" }
            if option.repeatable { help += " May be repeated." }
            lines.append("  " + label.padded(to: width + 2) + help)
        }
        return lines.joined(separator: "\n")
    }
}
