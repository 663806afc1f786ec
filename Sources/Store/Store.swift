import CSQLite
import Dispatch
import Foundation
import Hashing
public import Programme
public import Surveys
public import WijkpeilCore

/// Wijkpeil's durable store: survey definitions, responses, invitation codes, sticker
/// placements and the register of commitments in one SQLite file (`./wijkpeil.sqlite` by default).
///
/// Every write that returns has been committed with `synchronous=FULL` in WAL mode: an
/// acknowledged response survives a crash or a pulled plug. Writes from many threads or tasks go
/// through one writer that commits them in batches (group commit). Reads use their own
/// connections and never wait for writes.
public final class Store: Sendable {
    /// Settings with safe defaults.
    public struct Configuration: Sendable {
        /// How hard SQLite works to make each commit durable.
        public enum Synchronous: String, Sendable {
            /// Every commit is on the disk before it returns (the default).
            case full = "FULL"
            /// Faster, but the last commits before a power cut or an operating-system crash may be
            /// lost (not after a crash of Wijkpeil alone). Acknowledged answers could be lost:
            /// use it only for data you can import again.
            case normal = "NORMAL"
        }

        public var synchronous: Synchronous = .full
        /// How long to wait for another process holding the database, in milliseconds.
        public var busyTimeoutMilliseconds = 5_000
        /// The most submissions committed in one transaction.
        public var maxBatchSize = 512
        /// How long the writer may wait for more submissions under concurrent load, so they share
        /// one commit; 0 turns it off. A lone writer never waits.
        public var commitDelay: Duration = .microseconds(200)
        /// A cap on the database's size in pages (of 16 KiB in a database this store created,
        /// 4 KiB in one made before 2026-12); `nil` for none.
        public var maxPageCount: Int?
        /// PBKDF2 iterations for new invitation codes.
        public var inviteIterations = 10_000
        /// The venue this store serves (`serve --venue`): invitation codes are then accepted only
        /// from batches made for this venue or for none. `nil` accepts every batch.
        public var venue: String?

        public init() {}
    }

    public let path: String
    public let configuration: Configuration
    let writer: GroupCommitWriter

    /// Opens the database at `path`, creating it if needed and upgrading its schema.
    public init(path: String, configuration: Configuration = Configuration()) throws(StoreError) {
        self.path = path
        self.configuration = configuration
        let connection = try Connection(path: path)
        if sqlite3_db_readonly(connection.handle, "main") == 1 {
            throw StoreError(.readOnly, purpose: "opening the database", path: path)
        }
        try Self.configure(connection, configuration)
        try Schema.migrate(connection)
        writer = GroupCommitWriter(
            connection: connection, maxBatchSize: configuration.maxBatchSize, commitDelay: configuration.commitDelay)
    }

    static func configure(_ connection: Connection, _ configuration: Configuration) throws(StoreError) {
        let purpose = "opening the database"
        try connection.execute("PRAGMA busy_timeout = \(configuration.busyTimeoutMilliseconds)", purpose: purpose)
        // A new database gets pages of 16 KB instead of SQLite's 4 KB: a response is a row of
        // about 400 bytes, and with four times as many to a page, importing 100,000 of them took
        // a quarter less time while the server's writes stayed as fast (docs/performance.md).
        // A database that has pages keeps their size.
        if try connection.integer("PRAGMA page_count", purpose: purpose) == 0 {
            try connection.execute("PRAGMA page_size = \(Self.newPageSize)", purpose: purpose)
        }
        let mode = try connection.prepare("PRAGMA journal_mode = WAL", purpose: purpose)
        guard try mode.step(), mode.text(0).lowercased() == "wal" else {
            throw StoreError(.other, purpose: purpose, sqliteMessage: "the database cannot use WAL mode here", path: connection.path)
        }
        try connection.execute(
            "PRAGMA synchronous = \(configuration.synchronous.rawValue); PRAGMA foreign_keys = ON", purpose: purpose)
        if let pages = configuration.maxPageCount {
            try connection.execute("PRAGMA max_page_count = \(pages)", purpose: purpose)
        }
    }

    /// The page size of a database this store creates.
    static let newPageSize = 16384

    /// The schema version this Wijkpeil writes.
    public static var schemaVersion: Int { Schema.currentVersion }

    // MARK: Definitions

    /// The content hash of a definition: SHA-256 of its canonical JSON (sorted keys).
    public static func hash(of definition: SurveyDefinition) -> String {
        SHA256.hex(definition.jsonValue.encoded())
    }

    /// Keeps the exact definition responses are validated against, and returns its hash.
    @discardableResult
    public func register(_ definition: SurveyDefinition) throws(StoreError) -> String {
        try writer.exclusive { connection throws(StoreError) in try Self.keep(definition, in: connection) }
    }

    /// Stores `definition` under its hash on `connection`, if it is not there yet.
    static func keep(_ definition: SurveyDefinition, in connection: Connection) throws(StoreError) -> String {
        let json = definition.jsonValue.encoded()
        let hash = SHA256.hex(json)  // the same bytes as `hash(of:)`
        try connection.prepare(
            "INSERT OR IGNORE INTO definitions (hash, survey_id, version, json, stored_at) VALUES (?, ?, ?, ?, ?)",
            purpose: "storing a survey definition"
        ).run(
            .text(hash), .text(definition.id), .integer(Int64(definition.version)),
            .text(String(decoding: json, as: UTF8.self)), .text(Timestamp.now()))
        return hash
    }

    /// The reads of this store, each on a fresh connection beside the writer (WAL lets them read
    /// while it writes): the same as a ``StoreReader`` opened on the file.
    public var reader: StoreReader { StoreReader(sharing: path, busyTimeoutMilliseconds: configuration.busyTimeoutMilliseconds) }

    public func definitionJSON(hash: String) throws(StoreError) -> JSONValue? { try reader.definitionJSON(hash: hash) }
    public func importBatch(survey: String, hash: String) throws(StoreError) -> ImportBatch? { try reader.importBatch(survey: survey, hash: hash) }
    public func forEachResponse(survey: String?, shuffled: Bool = false, _ body: (StoredResponse) throws(StoreError) -> Void) throws(StoreError) {
        try reader.forEachResponse(survey: survey, shuffled: shuffled, body)
    }
    public func forEachResponse(survey: String, afterId: Int64, limit: Int, _ body: (StoredResponse) throws(StoreError) -> Void) throws(StoreError) {
        try reader.forEachResponse(survey: survey, afterId: afterId, limit: limit, body)
    }
    public func responseCount(survey: String) throws(StoreError) -> Int { try reader.responseCount(survey: survey) }
    public func responseCounts() throws(StoreError) -> [String: Int] { try reader.responseCounts() }
    public func stickerCounts(survey: String, question: String) throws(StoreError) -> StickerCounts { try reader.stickerCounts(survey: survey, question: question) }
    public func recountStickers(survey: String, question: String) throws(StoreError) -> StickerCounts { try reader.recountStickers(survey: survey, question: question) }
    public func inviteCounts(survey: String) throws(StoreError) -> (total: Int, used: Int) { try reader.inviteCounts(survey: survey) }
    public func integrityCheck() throws(StoreError) -> [String] { try reader.integrityCheck() }

    /// Registers `definition` (``register(_:)``) and returns it with its hash, for the intake.
    public func registered(_ definition: SurveyDefinition) throws(StoreError) -> RegisteredSurvey {
        RegisteredSurvey(definition: definition, hash: try register(definition))
    }

    // MARK: Responses

    /// Stores a submission and returns once it is committed. The same submission key twice
    /// stores one response and returns the first one's id.
    public func submit(_ submission: Submission) throws(StoreError) -> Receipt {
        let job = try prepareJob(submission)
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        var enqueued = job
        enqueued.completion = { result in
            box.set(result)
            done.signal()
        }
        writer.enqueue(enqueued)
        done.wait()
        return try box.get()
    }

    /// Stores a submission without blocking a thread; returns once it is committed.
    public func submit(_ submission: Submission) async throws(StoreError) -> Receipt {
        let job = try prepareJob(submission)
        let result: Result<Receipt, StoreError> = await withCheckedContinuation { continuation in
            var enqueued = job
            enqueued.completion = { continuation.resume(returning: $0) }
            writer.enqueue(enqueued)
        }
        return try result.get()
    }

    /// Stores a submission and calls `completion` once it is committed or refused, on the
    /// writer's thread: for servers, which must not hold a thread per waiting answer. An
    /// invitation code's slow hashing runs on a background queue, never on the caller's thread.
    public func submit(_ submission: Submission, completion: @escaping @Sendable (Result<Receipt, StoreError>) -> Void) {
        @Sendable func enqueue() {
            do throws(StoreError) {
                var job = try prepareJob(submission)
                job.completion = completion
                writer.enqueue(job)
            } catch {
                completion(.failure(error))
            }
        }
        if submission.requiresInvite, submission.invite != nil {
            DispatchQueue.global(qos: .userInitiated).async { enqueue() }
        } else {
            enqueue()
        }
    }

    /// Stores all submissions in one transaction: all of them, or on any error none.
    public func storeAll(_ submissions: [Submission]) throws(StoreError) -> [Receipt] {
        try writer.storeAll(submissions)
    }

    /// Stores the rows of one imported file in one transaction, and remembers the file by its
    /// SHA-256 so that the same file again stores nothing. A row whose key was already used for
    /// other answers is rejected alone (``StoreError/Kind/keyConflict``); with
    /// `commitDespiteRejections: false` any rejection stores nothing at all.
    public func importFile(
        _ submissions: [Submission], batch: ImportBatch, commitDespiteRejections: Bool
    ) throws(StoreError) -> ImportOutcome {
        // The file's record first (the same file again stores nothing), then its rows.
        var feed: [ImportFeed] = [.record(batch), .submissions(submissions), .end(batch)]
        return try importFile(registering: nil, commitDespiteRejections: commitDespiteRejections) { feed.removeFirst() }
    }

    /// Stores the rows of one imported file as they are read, in one transaction, as
    /// ``importFile(_:batch:commitDespiteRejections:)`` does: `next` hands over the next rows
    /// in the file's order (it may wait while they are read), then ``ImportFeed/end(_:)`` with
    /// the file's record; or ``ImportFeed/refused`` when the file turned out to be invalid, and
    /// nothing is stored. A file imported before is found by its SHA-256 as soon as `next` hands
    /// over its record (``ImportFeed/record(_:)``; the hash may be worked out while the rows are
    /// stored), or else at the end, and then nothing is stored either.
    /// `definition`, the one the rows were checked against, is kept in the same transaction
    /// (``register(_:)``), so a refused file leaves no definition behind.
    public func importFile(
        registering definition: SurveyDefinition?, commitDespiteRejections: Bool, next: () -> ImportFeed
    ) throws(StoreError) -> ImportOutcome {
        // Paper ballots carry their invitation codes: hashed here, as for the form, and spent in
        // the import's one transaction.
        try writer.importFile(
            definition: definition, commitDespiteRejections: commitDespiteRejections,
            inviteHashes: { submission throws(StoreError) in try prepareJob(submission).inviteHashes }, next: next)
    }

    private func prepareJob(_ submission: Submission) throws(StoreError) -> GroupCommitWriter.Job {
        var hashes: [[UInt8]] = []
        if submission.requiresInvite, let invite = submission.invite {
            // The slow hashing happens here, on the caller's thread, not on the writer's.
            for batch in try inviteBatches(survey: submission.surveyId) {
                hashes.append(PBKDF2.derive(password: Array(invite.symbols.utf8), salt: batch.salt, iterations: batch.iterations))
            }
        }
        return GroupCommitWriter.Job(submission: submission, inviteHashes: hashes, completion: { _ in })
    }

    // MARK: Secrets

    /// The secret called `name`, made once from the system's random bytes (`bytes` long) and
    /// kept in the database, so that it outlives a restart: the key of the forms' CSRF tokens.
    public func secret(named name: String, bytes: Int = 32) throws(StoreError) -> [UInt8] {
        try writer.exclusive { connection throws(StoreError) in
            let purpose = "reading the server's secret"
            var found: [UInt8]?
            try connection.prepare("SELECT value FROM secrets WHERE name = ?", purpose: purpose).query([.text(name)]) { row in found = row.blob(0) }
            if let found { return found }
            var generator = SystemRandomNumberGenerator()
            let made = (0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try connection.prepare("INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?)", purpose: purpose)
                .run(.text(name), .blob(made), .text(Timestamp.now()))
            return made
        }
    }

    // MARK: Invitation codes

    struct InviteBatch {
        var salt: [UInt8]
        var iterations: Int
    }

    /// Where an invitation code stands, without spending it.
    public enum InviteStatus: Sendable, Hashable {
        /// Issued for the survey and not used yet.
        case unused
        /// Issued for the survey and used already.
        case used
        /// Never issued for this survey: a typo or a guess.
        case unknown
    }

    /// Looks `code` up among `survey`'s codes, so that a form can refuse a spent code before the
    /// resident confirms a ballot. Slow by design (each batch's key stretching): call it off the
    /// thread that serves requests. Storing the ballot checks the code again.
    public func inviteStatus(_ code: InviteCode, survey: String) throws(StoreError) -> InviteStatus {
        var hashes: [[UInt8]] = []
        for batch in try inviteBatches(survey: survey) {
            hashes.append(PBKDF2.derive(password: Array(code.symbols.utf8), salt: batch.salt, iterations: batch.iterations))
        }
        var status = InviteStatus.unknown
        try read { connection throws(StoreError) in
            let statement = try connection.prepare("SELECT used FROM invites WHERE hash = ?", purpose: "checking an invitation code")
            for hash in hashes where status == .unknown {
                try statement.query([.blob(hash)]) { row in status = row.int64(0) == 0 ? .unused : .used }
            }
        }
        return status
    }

    /// The batches whose codes this store accepts for `survey`: all of them, or with a
    /// ``Configuration/venue`` those of that venue and those made for no venue.
    private func inviteBatches(survey: String) throws(StoreError) -> [InviteBatch] {
        var batches: [InviteBatch] = []
        try read { connection throws(StoreError) in
            try connection.prepare(
                "SELECT salt, iterations FROM invite_batches WHERE survey_id = ? AND (?2 IS NULL OR venue IS NULL OR venue = ?2)",
                purpose: "reading invitation batches"
            ).query([.text(survey), configuration.venue.map { .text($0) } ?? .null]) { row in
                batches.append(InviteBatch(salt: row.blob(0), iterations: Int(row.int64(1))))
            }
        }
        return batches
    }

    /// Makes `count` new codes for `survey` (for one `venue`, or any) and stores only their
    /// salted PBKDF2 hashes. `progress` is told how many are hashed so far.
    public func createInvites(
        survey: String, count: Int, venue: String? = nil, progress: (Int) -> Void = { _ in }
    ) throws(StoreError) -> [InviteCode] {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let iterations = configuration.inviteIterations
        var codes: [InviteCode] = []
        var hashes: [[UInt8]] = []
        var seen: Set<InviteCode> = []
        while codes.count < count {
            let code = InviteCode.generate(using: &generator)
            guard seen.insert(code).inserted else { continue }
            codes.append(code)
            hashes.append(PBKDF2.derive(password: Array(code.symbols.utf8), salt: salt, iterations: iterations))
            if codes.count % 50 == 0 || codes.count == count { progress(codes.count) }
        }
        try writer.exclusive { connection throws(StoreError) in
            try connection.inTransaction(purpose: "storing invitation codes") { () throws(StoreError) in
                try connection.prepare(
                    "INSERT INTO invite_batches (survey_id, salt, iterations, created_at, venue) VALUES (?, ?, ?, ?, ?)",
                    purpose: "storing invitation codes"
                ).run(.text(survey), .blob(salt), .integer(Int64(iterations)), .text(Timestamp.now()), venue.map { .text($0) } ?? .null)
                let batch = connection.lastInsertRowID
                let insert = try connection.prepare("INSERT INTO invites (hash, batch_id) VALUES (?, ?)", purpose: "storing invitation codes")
                for hash in hashes { try insert.run(.blob(hash), .integer(batch)) }
            }
        }
        return codes
    }

    // MARK: Paper sticker counts

    /// Stores the files of `files` not stored yet (by session and SHA-256), all in one
    /// transaction, and returns those that were stored before, with when. The caller checks the
    /// files first (``Stickers/PaperCounts``).
    public func storeStickerFiles(_ files: [StickerFile]) throws(StoreError) -> [StickerFile] {
        try writer.exclusive { connection throws(StoreError) in
            let purpose = "storing paper sticker counts"
            return try connection.inTransaction(purpose: purpose) { () throws(StoreError) -> [StickerFile] in
                let find = try connection.prepare("SELECT stored_at FROM sticker_files WHERE session_id = ? AND hash = ?", purpose: purpose)
                let insert = try connection.prepare(
                    "INSERT INTO sticker_files (session_id, hash, file_name, entry, bytes, stored_at) VALUES (?, ?, ?, ?, ?, ?)", purpose: purpose)
                var earlier: [StickerFile] = []
                let now = Timestamp.now()
                for file in files {
                    var storedAt: String?
                    try find.query([.text(file.sessionId), .text(file.hash)]) { row in storedAt = row.text(0) }
                    if let storedAt {
                        var known = file
                        known.storedAt = storedAt
                        earlier.append(known)
                        continue
                    }
                    try insert.run(
                        .text(file.sessionId), .text(file.hash), .text(file.fileName), file.entry.map { .text($0) } ?? .null, .blob(file.bytes), .text(now))
                }
                return earlier
            }
        }
    }

    public func stickerFiles(session: String) throws(StoreError) -> [StickerFile] { try reader.stickerFiles(session: session) }

    // MARK: Commitments

    /// Adds a commitment under the next number and returns it with that number. The caller
    /// checks it first (``Commitment/validated()``).
    public func addCommitment(_ commitment: Commitment) throws(StoreError) -> Commitment {
        try writer.exclusive { connection throws(StoreError) in
            let purpose = "storing a commitment"
            try connection.prepare(
                "INSERT INTO commitments (made, audience, what, owner, due, wijk, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)", purpose: purpose
            ).run(
                .text(commitment.made), .text(commitment.audience.rawValue), .text(commitment.what), .text(commitment.owner),
                commitment.due.map { .text($0) } ?? .null, commitment.wijk.map { .text($0) } ?? .null, .text(Timestamp.now()))
            var stored = commitment
            stored.number = Int(connection.lastInsertRowID)
            return stored
        }
    }

    /// Records how commitment `number` was closed. The caller checks it may be
    /// (``Commitment/closed(by:)``); a second closing is refused by the database as well.
    public func closeCommitment(_ number: Int, by closure: Commitment.Closure) throws(StoreError) {
        try writer.exclusive { connection throws(StoreError) in
            try connection.prepare(
                "INSERT INTO commitment_closures (number, closed_on, how, recorded_at) VALUES (?, ?, ?, ?)", purpose: "closing a commitment"
            ).run(.integer(Int64(number)), .text(closure.date), .text(closure.how), .text(Timestamp.now()))
        }
    }

    public func commitments() throws(StoreError) -> [Commitment] { try reader.commitments() }

    // MARK: Maintenance

    /// Copies everything in the write-ahead log into the database file and empties the log
    /// (`wal_checkpoint(TRUNCATE)`), so that the `.sqlite` file alone holds every answer: an
    /// organiser may copy just that file to a USB stick. Called after every command that wrote and
    /// when the server stops. Waits for readers to finish, at most the busy timeout.
    public func checkpoint() throws(StoreError) {
        try writer.exclusive { connection throws(StoreError) in
            let purpose = "copying the write-ahead log into the database file"
            let statement = try connection.prepare("PRAGMA wal_checkpoint(TRUNCATE)", purpose: purpose)
            guard try statement.step() else { return }
            if statement.int64(0) != 0 {
                throw StoreError(.busy, purpose: purpose, sqliteMessage: "another program was reading the database", path: path)
            }
        }
    }

    /// Group-commit batches since the store was opened, and what became of the submissions in them.
    public var writeStatistics: WriteStatistics { writer.statistics }

    /// Writes a consistent copy of the database to `destination` with `VACUUM INTO`, while
    /// writes go on. Refuses to overwrite an existing file.
    /// A failed backup (a full disk) leaves no file behind.
    public func backup(to destination: String) throws(StoreError) {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw StoreError(.fileExists, purpose: "making a backup", path: destination)
        }
        do throws(StoreError) {
            try read { connection throws(StoreError) in
                try connection.prepare("VACUUM INTO ?", purpose: "making a backup").run(.text(destination))
            }
        } catch {
            try? FileManager.default.removeItem(atPath: destination)
            throw error
        }
    }

    /// Runs `body` with a fresh connection for reading; WAL lets it read while the writer writes.
    private func read(_ body: (Connection) throws(StoreError) -> Void) throws(StoreError) {
        let connection = try Connection(path: path, create: false)
        try connection.execute("PRAGMA busy_timeout = \(configuration.busyTimeoutMilliseconds)", purpose: "opening the database")
        try body(connection)
    }
}

/// Carries a result from the writer's queue to the waiting thread.
private final class ResultBox: @unchecked Sendable {
    // @unchecked: written once by the writer before it signals the semaphore, read once by the
    // waiter after the semaphore; the semaphore orders the two.
    private var result: Result<Receipt, StoreError>?

    func set(_ result: Result<Receipt, StoreError>) { self.result = result }

    func get() throws(StoreError) -> Receipt {
        guard let result else { throw StoreError(.other, purpose: "storing a response", sqliteMessage: "no result") }
        return try result.get()
    }
}
