import CSQLite
import Foundation
public import Programme
public import WijkpeilCore

/// Reading the store without writing to it: for every command that only reads (analysis,
/// export, counts, tallies). It opens the file read-only (`SQLITE_OPEN_READONLY`, and
/// `query_only` besides), runs no migrations, and never creates a database: a missing file is
/// an error. A database from an older Wijkpeil is upgraded once by a writable open first (the
/// same as any writing command would), then read read-only; one from a newer Wijkpeil is refused.
///
/// A ``Store`` reads through the same code (``Store/reader``), on a fresh connection per read
/// beside its writer.
public final class StoreReader: Sendable {
    public let path: String
    private let source: Source

    private enum Source: Sendable {
        /// One read-only connection, used by one read at a time.
        case readOnly(SharedConnection)
        /// A fresh connection for each read (a writable store's reads, beside its writer).
        case fresh(busyTimeoutMilliseconds: Int)
    }

    /// Opens the database at `path` for reading only.
    public init(path: String, busyTimeoutMilliseconds: Int = 5_000) throws(StoreError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.cannotOpen, purpose: "opening the database", sqliteMessage: "there is no database here", path: path)
        }
        var connection = try Self.openReadOnly(path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        let version = Int(try connection.integer("PRAGMA user_version", purpose: "reading the schema version"))
        if version < Schema.currentVersion {
            // An older database: upgraded once, as a writing command would, then read read-only.
            _ = try Store(path: path)
            connection = try Self.openReadOnly(path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        } else if version > Schema.currentVersion {
            throw StoreError(
                .newerSchema, purpose: "opening the database", sqliteMessage: "schema version \(version); this Wijkpeil knows up to \(Schema.currentVersion)",
                path: path)
        }
        source = .readOnly(SharedConnection(connection))
    }

    /// The reads of a writable store: a fresh connection per read.
    init(sharing path: String, busyTimeoutMilliseconds: Int) {
        self.path = path
        source = .fresh(busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    }

    private static func openReadOnly(_ path: String, busyTimeoutMilliseconds: Int) throws(StoreError) -> Connection {
        let connection = try Connection(path: path, readOnly: true)
        try connection.execute("PRAGMA busy_timeout = \(busyTimeoutMilliseconds); PRAGMA query_only = ON", purpose: "opening the database")
        return connection
    }

    /// Runs `body` with a connection for reading.
    private func read(_ body: (Connection) throws(StoreError) -> Void) throws(StoreError) {
        switch source {
        case .readOnly(let shared):
            try shared.use(body)
        case .fresh(let busyTimeout):
            let connection = try Connection(path: path, create: false)
            try connection.execute("PRAGMA busy_timeout = \(busyTimeout)", purpose: "opening the database")
            try body(connection)
        }
    }

    /// The stored definition with `hash`, as JSON.
    public func definitionJSON(hash: String) throws(StoreError) -> JSONValue? {
        var text: String?
        try read { connection throws(StoreError) in
            try connection.prepare("SELECT json FROM definitions WHERE hash = ?", purpose: "reading a survey definition")
                .query([.text(hash)]) { row in text = row.text(0) }
        }
        return text.flatMap { try? JSONValue.parse(Data($0.utf8)) }
    }

    /// The definitions the responses to `survey` answered, by hash, with how many responses
    /// answered each, in the order they were first answered.
    public func definitionHashes(survey: String) throws(StoreError) -> [(hash: String, responses: Int)] {
        var found: [(hash: String, responses: Int)] = []
        try read { connection throws(StoreError) in
            try connection.prepare(
                "SELECT definition_hash, count(*), min(id) AS first FROM responses WHERE survey_id = ? GROUP BY definition_hash ORDER BY first",
                purpose: "reading which versions were answered"
            ).query([.text(survey)]) { row in found.append((row.text(0), Int(row.int64(1)))) }
        }
        return found
    }

    /// The earlier import of the file with SHA-256 `hash` for `survey`, if there was one.
    public func importBatch(survey: String, hash: String) throws(StoreError) -> ImportBatch? {
        var found: ImportBatch?
        try read { connection throws(StoreError) in found = try ImportBatch.find(survey: survey, hash: hash, in: connection) }
        return found
    }

    /// Calls `body` for the responses to `survey` with an id above `afterId`, oldest first, at
    /// most `limit` of them: for summaries kept up to date a step at a time.
    public func forEachResponse(
        survey: String, afterId: Int64, limit: Int, _ body: (StoredResponse) throws(StoreError) -> Void
    ) throws(StoreError) {
        try read { connection throws(StoreError) in
            try connection.prepare(
                "SELECT id, survey_id, definition_hash, submission_key, source, answers, received_at FROM responses WHERE survey_id = ? AND id > ? ORDER BY id LIMIT ?",
                purpose: "reading responses"
            ).query([.text(survey), .integer(afterId), .integer(Int64(limit))]) { row throws(StoreError) in
                try body(try storedResponse(row))
            }
        }
    }

    /// How many responses `survey` has: one count over the survey's index, not a read of every answer.
    public func responseCount(survey: String) throws(StoreError) -> Int {
        var count = 0
        try read { connection throws(StoreError) in
            try connection.prepare("SELECT count(*) FROM responses WHERE survey_id = ?", purpose: "counting responses")
                .query([.text(survey)]) { row in count = Int(row.int64(0)) }
        }
        return count
    }

    private func storedResponse(_ row: Statement) throws(StoreError) -> StoredResponse {
        guard let answers = try? JSONValue.parse(Data(row.text(5).utf8)) else {
            throw StoreError(.notADatabase, purpose: "reading response \(row.int64(0))", sqliteMessage: "answers are not JSON", path: path)
        }
        return StoredResponse(
            id: row.int64(0), surveyId: row.text(1), definitionHash: row.text(2), submissionKey: row.text(3),
            source: ResponseSource(rawValue: row.text(4)) ?? .web, answers: answers, receivedAt: row.text(6))
    }

    /// Calls `body` for every response to `survey` (all surveys when `nil`), oldest first or
    /// `shuffled`, without holding them all in memory.
    public func forEachResponse(
        survey: String?, shuffled: Bool = false, _ body: (StoredResponse) throws(StoreError) -> Void
    ) throws(StoreError) {
        try read { connection throws(StoreError) in
            // Shuffled: SQLite sorts by random keys, spilling to disk, so memory stays flat.
            let sql =
                "SELECT id, survey_id, definition_hash, submission_key, source, answers, received_at FROM responses"
                + (survey == nil ? "" : " WHERE survey_id = ?") + (shuffled ? " ORDER BY random()" : " ORDER BY id")
            try connection.prepare(sql, purpose: "reading responses").query(survey.map { [.text($0)] } ?? []) { row throws(StoreError) in
                try body(try storedResponse(row))
            }
        }
    }

    /// Calls `body` with only `fields` of each response to `survey` (those it answered), oldest
    /// first: SQLite takes them out of the stored JSON, so a pass that needs a few answers does not
    /// decode every response whole. Field names are question ids (`[a-z0-9-]+`).
    public func forEachResponse(
        survey: String, fields: [String], _ body: ([String: JSONValue]) throws(StoreError) -> Void
    ) throws(StoreError) {
        let columns = fields.map { "answers -> '$.\"\($0)\"'" }
        guard !columns.isEmpty, fields.allSatisfy({ $0.utf8.allSatisfy { $0 == 45 || (48...57).contains($0) || (97...122).contains($0) } }) else {
            throw StoreError(.other, purpose: "reading answers", sqliteMessage: "field names must be question ids", path: path)
        }
        try read { connection throws(StoreError) in
            try connection.prepare(
                "SELECT \(columns.joined(separator: ", ")) FROM responses WHERE survey_id = ? ORDER BY id", purpose: "reading answers"
            ).query([.text(survey)]) { row throws(StoreError) in
                var answers: [String: JSONValue] = [:]
                for (index, field) in fields.enumerated() where !row.isNull(Int32(index)) {
                    guard let value = try? JSONValue.parse(Data(row.text(Int32(index)).utf8)) else {
                        throw StoreError(.notADatabase, purpose: "reading answers", sqliteMessage: "answers are not JSON", path: path)
                    }
                    answers[field] = value
                }
                try body(answers)
            }
        }
    }

    /// Responses per survey id.
    public func responseCounts() throws(StoreError) -> [String: Int] {
        var counts: [String: Int] = [:]
        try read { connection throws(StoreError) in
            try connection.prepare("SELECT survey_id, count(*) FROM responses GROUP BY survey_id", purpose: "counting responses")
                .query { row in counts[row.text(0)] = Int(row.int64(1)) }
        }
        return counts
    }

    /// The stickers per colour and option of one `stickers` question over all stored responses
    /// to `survey` (colour `""` for a question of one colour), and how many responses placed
    /// any. Read from the running totals the writer keeps in the same transaction as each
    /// response, so a million answers take a few rows to tally. Every stored answer was
    /// validated on entry, so budgets and caps hold already.
    public func stickerCounts(survey: String, question: String) throws(StoreError) -> StickerCounts {
        var counts = StickerCounts()
        try read { connection throws(StoreError) in
            try connection.prepare(
                "SELECT colour, option_id, stickers FROM sticker_totals WHERE survey_id = ? AND question_id = ?", purpose: "counting digital stickers"
            ).query([.text(survey), .text(question)]) { row in counts.stickers[row.text(0), default: [:]][row.text(1)] = Int(row.int64(2)) }
            try connection.prepare("SELECT participants FROM sticker_participants WHERE survey_id = ? AND question_id = ?", purpose: "counting digital stickers")
                .query([.text(survey), .text(question)]) { row in counts.participants = Int(row.int64(0)) }
        }
        return counts
    }

    /// The same counts recomputed from the stored answers themselves: for checking the running
    /// totals, as `wijkpeil-bench crash-check` does.
    public func recountStickers(survey: String, question: String) throws(StoreError) -> StickerCounts {
        var counts = StickerCounts()
        try forEachResponse(survey: survey) { response in
            guard case .object(let answers) = response.answers, case .object(let placed)? = answers[question] else { return }
            counts.participants += 1
            for (key, value) in placed {
                switch value {
                case .number(let count): counts.stickers["", default: [:]][key, default: 0] += Int(count)
                case .object(let byOption):
                    for case (let option, .number(let count)) in byOption { counts.stickers[key, default: [:]][option, default: 0] += Int(count) }
                default: break
                }
            }
        }
        return counts
    }

    /// The paper placement files stored for `session` (``Store/storeStickerFiles(_:)``), in the
    /// order they were stored.
    public func stickerFiles(session: String) throws(StoreError) -> [StickerFile] {
        var files: [StickerFile] = []
        try read { connection throws(StoreError) in
            try connection.prepare(
                "SELECT hash, file_name, entry, bytes, stored_at FROM sticker_files WHERE session_id = ? ORDER BY stored_at, file_name",
                purpose: "reading paper sticker counts"
            ).query([.text(session)]) { row in
                files.append(
                    StickerFile(
                        sessionId: session, hash: row.text(0), fileName: row.text(1), entry: row.isNull(2) ? nil : row.text(2), bytes: row.blob(3),
                        storedAt: row.text(4)))
            }
        }
        return files
    }

    /// How many codes `survey` has, and how many were used.
    public func inviteCounts(survey: String) throws(StoreError) -> (total: Int, used: Int) {
        var counts = (total: 0, used: 0)
        try read { connection throws(StoreError) in
            try connection.prepare(
                "SELECT count(*), coalesce(sum(used), 0) FROM invites JOIN invite_batches ON invites.batch_id = invite_batches.id WHERE survey_id = ?",
                purpose: "counting invitation codes"
            ).query([.text(survey)]) { row in counts = (Int(row.int64(0)), Int(row.int64(1))) }
        }
        return counts
    }

    /// The codes of `survey` per venue (`nil`: made for no venue), and how many were used there.
    public func inviteCountsByVenue(survey: String) throws(StoreError) -> [(venue: String?, total: Int, used: Int)] {
        var counts: [(venue: String?, total: Int, used: Int)] = []
        try read { connection throws(StoreError) in
            try connection.prepare(
                """
                SELECT venue, count(*), coalesce(sum(used), 0) FROM invites JOIN invite_batches ON invites.batch_id = invite_batches.id
                WHERE survey_id = ? GROUP BY venue ORDER BY venue
                """, purpose: "counting invitation codes"
            ).query([.text(survey)]) { row in counts.append((row.isNull(0) ? nil : row.text(0), Int(row.int64(1)), Int(row.int64(2)))) }
        }
        return counts
    }

    /// Every commitment, by number, with how it was closed.
    public func commitments() throws(StoreError) -> [Commitment] {
        var found: [Commitment] = []
        try read { connection throws(StoreError) in
            try connection.prepare(
                """
                SELECT c.number, c.made, c.audience, c.what, c.owner, c.due, c.wijk, x.closed_on, x.how
                FROM commitments AS c LEFT JOIN commitment_closures AS x ON x.number = c.number ORDER BY c.number
                """, purpose: "reading the commitments"
            ).query { row in
                found.append(
                    Commitment(
                        number: Int(row.int64(0)), made: row.text(1), audience: Commitment.Audience(rawValue: row.text(2)) ?? .council,
                        what: row.text(3), owner: row.text(4), due: row.isNull(5) ? nil : row.text(5), wijk: row.isNull(6) ? nil : row.text(6),
                        closure: row.isNull(7) ? nil : Commitment.Closure(date: row.text(7), how: row.text(8))))
            }
        }
        return found
    }

    /// `PRAGMA integrity_check`: `["ok"]` for a sound database, else SQLite's findings.
    public func integrityCheck() throws(StoreError) -> [String] {
        var lines: [String] = []
        try read { connection throws(StoreError) in
            try connection.prepare("PRAGMA integrity_check", purpose: "checking the database").query { row in lines.append(row.text(0)) }
        }
        return lines
    }

}

/// One connection used by one caller at a time.
private final class SharedConnection: @unchecked Sendable {
    // @unchecked: the connection is touched only while `lock` is held.
    private let lock = NSRecursiveLock()  // a read inside another read (a lookup per row) is fine
    private let connection: Connection

    init(_ connection: Connection) {
        self.connection = connection
    }

    func use(_ body: (Connection) throws(StoreError) -> Void) throws(StoreError) {
        lock.lock()
        defer { lock.unlock() }
        try body(connection)
    }
}
