/// The command line was wrong: an unknown command or option, a missing value. Exit code 2.
struct UsageError: Error, Sendable {
    var message: String
    /// The command whose usage line to print.
    var commandPath: [String]
}

/// The command could not do its work for a reason outside the input's content: a file that is
/// missing or unreadable. Exit code 2 when the user named it, with what to do.
struct CommandFailure: Error, Sendable {
    var message: String
    var exitCode: ExitCode = .usage
}
