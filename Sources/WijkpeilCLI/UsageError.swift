import WijkpeilCore

/// The command line was wrong: an unknown command or option, a missing value. Exit code 2.
struct UsageError: Error, Sendable {
    /// What was wrong and what to do, in Dutch and English; printed in the language asked for.
    var text: LocalizedText
    /// The command whose usage line to print.
    var commandPath: [String]

    /// A message in one wording for both languages (an option's name, a value).
    init(message: String, commandPath: [String]) {
        self.init(nl: message, en: message, commandPath: commandPath)
    }

    init(nl: String, en: String, commandPath: [String]) {
        self.text = LocalizedText(nl: nl, en: en)
        self.commandPath = commandPath
    }
}

/// The command could not do its work for a reason outside the input's content: a file that is
/// missing or unreadable. Exit code 2 when the user named it, with what to do.
struct CommandFailure: Error, Sendable {
    /// What went wrong and what to do, in Dutch and English.
    var text: LocalizedText
    var exitCode: ExitCode = .usage

    init(message: String, exitCode: ExitCode = .usage) {
        self.init(nl: message, en: message, exitCode: exitCode)
    }

    init(nl: String, en: String, exitCode: ExitCode = .usage) {
        self.text = LocalizedText(nl: nl, en: en)
        self.exitCode = exitCode
    }
}
