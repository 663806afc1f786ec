public import WijkpeilCore

/// Why a use case could not be done, in words a person can act on: the front end (the CLI, the
/// server) shows the message and chooses its exit code or status from the kind.
public struct WorkflowError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Something named (a file, a folder, a survey id) cannot be used as given: the CLI's exit 2.
        case usage
        /// The input was read but is invalid, or the rules forbid the outcome: the CLI's exit 1.
        case invalid
    }

    public var kind: Kind
    /// The message in Dutch and English; a front end shows it in the language asked for.
    public var text: LocalizedText

    /// A message in one wording for both languages.
    public init(_ kind: Kind, _ message: String) {
        self.init(kind, nl: message, en: message)
    }

    public init(_ kind: Kind, nl: String, en: String) {
        self.kind = kind
        self.text = LocalizedText(nl: nl, en: en)
    }

    /// The English message.
    public var message: String { text.en ?? text.nl }

    public var description: String { message }

    /// A file that is not there or cannot be read: named, with what to do.
    public static func unreadable(_ file: String) -> WorkflowError {
        WorkflowError(.usage, nl: "kan '\(file)' niet lezen; controleer het pad", en: "cannot read '\(file)'; check the path")
    }
}
