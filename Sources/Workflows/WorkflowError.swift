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
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
