/// Why the store could not do what was asked, in words an organiser can act on.
///
/// It carries SQLite's own message and what the store was doing, never the values bound to the
/// statement: those may be residents' answers.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The file or its folder cannot be opened or created.
        case cannotOpen = "cannot-open"
        /// The file is not a SQLite database, or is damaged.
        case notADatabase = "not-a-database"
        /// The database was made by a newer Wijkpeil.
        case newerSchema = "newer-schema"
        /// The database or its folder is read-only.
        case readOnly = "read-only"
        /// The disk (or the database's size limit) is full.
        case full
        /// Another process held the database for too long.
        case busy
        /// The operating system reported an I/O error.
        case ioError = "io-error"
        /// The invitation code is unknown or mistyped.
        case inviteRejected = "invite-rejected"
        /// The invitation code is right but was used already (perhaps a moment ago, on another tap).
        case inviteUsed = "invite-used"
        /// A row broke a rule of the schema.
        case constraint
        /// The submission key was already used, on this survey and channel, for other answers.
        case keyConflict = "key-conflict"
        /// A file that would be overwritten already exists.
        case fileExists = "file-exists"
        /// Anything else SQLite reported.
        case other
    }

    public var kind: Kind
    /// What the store was doing: "opening the database", "storing a response".
    public var purpose: String
    /// SQLite's message, when SQLite reported the error.
    public var sqliteMessage: String?
    public var path: String?

    public init(_ kind: Kind, purpose: String, sqliteMessage: String? = nil, path: String? = nil) {
        self.kind = kind
        self.purpose = purpose
        self.sqliteMessage = sqliteMessage
        self.path = path
    }

    /// Whether the error belongs to one submission (the others in its batch still commit) rather
    /// than to the database as a whole.
    public var isRejection: Bool {
        kind == .inviteRejected || kind == .inviteUsed || kind == .constraint || kind == .keyConflict
    }

    public var description: String {
        let place = path.map { " (\($0))" } ?? ""
        let detail = sqliteMessage.map { " — SQLite: \($0)" } ?? ""
        let advice: String
        switch kind {
        case .cannotOpen: advice = "check that the folder exists and that you may write there"
        case .notADatabase: advice = "this file is not a Wijkpeil database or is damaged; restore it from a copy made with `wijkpeil backup`"
        case .newerSchema: advice = "it was made by a newer Wijkpeil; upgrade Wijkpeil to open it"
        case .readOnly: advice = "the database or its folder is read-only; give write permission or choose another --db"
        case .full: advice = "the disk is full; nothing was stored from this attempt — free space and try again"
        case .busy: advice = "another program holds the database; stop it or try again"
        case .ioError: advice = "the disk reported an error; nothing was stored from this attempt — check the disk"
        case .inviteRejected: advice = "the invitation code is unknown or mistyped"
        case .inviteUsed: advice = "the invitation code was used already"
        case .constraint: advice = "the data broke a rule of the database"
        case .keyConflict:
            advice = "this submission key was already used for other answers; the answers stored first were kept and these were not stored — give a new form its own key"
        case .fileExists: advice = "the file already exists; choose a new name"
        case .other: advice = "see SQLite's message"
        }
        return "\(purpose)\(place) failed: \(advice)\(detail)"
    }
}
