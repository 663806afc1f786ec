import Foundation
import WijkpeilCore

/// What merging one source database brought into the store (``Store/merge(from:)``).
public struct MergeReport: Sendable, Hashable {
    /// The source's path as given.
    public var source: String
    /// Responses stored, and responses the store held already with the same answers.
    public var stored = 0
    public var alreadyPresent = 0
    /// Responses whose key (survey, channel, submission key) the store holds with other answers:
    /// listed, not stored.
    public var conflicts: [ResponseKey] = []
    /// Survey definitions (versions) the store did not have.
    public var definitions = 0
    /// Imported files (`responses import`) the store did not know.
    public var importBatches = 0
    /// Paper sticker counts (`stickers store`) the store did not have.
    public var stickerFiles = 0
    /// Batches of invitation codes brought over, and batches whose later uses were brought.
    public var inviteBatches = 0
    public var inviteBatchesUpdated = 0
    /// Batches used in the source and in the store, each with uses the other lacks: the same
    /// batch handed out at two venues. Reported by batch, never by code; not merged.
    public var inviteConflicts: [InviteBatchSummary] = []
    /// `PRAGMA integrity_check` of the store before and after, and of the source.
    public var integrity: [String] = []

    /// A response's key: what a conflict is reported by.
    public struct ResponseKey: Sendable, Hashable {
        public var survey: String
        public var source: ResponseSource
        public var submissionKey: String
    }

    /// A batch of invitation codes as a conflict names it: never its codes.
    public struct InviteBatchSummary: Sendable, Hashable {
        public var survey: String
        public var venue: String?
        public var createdAt: String
        public var codes: Int
        /// Codes used in the store and in the source.
        public var usedHere: Int
        public var usedThere: Int
    }

    /// Whether the source added nothing the store did not have.
    public var addedNothing: Bool {
        stored == 0 && definitions == 0 && importBatches == 0 && stickerFiles == 0 && inviteBatches == 0 && inviteBatchesUpdated == 0
    }
}

extension Store {
    /// Brings what another Wijkpeil database holds — survey definitions, responses, imported
    /// files, paper sticker counts, invitation batches and their uses — into this store, in one
    /// transaction: all of it or, on an error, nothing. The source is opened read-only and never
    /// changed (an older one is upgraded in a temporary copy).
    ///
    /// Merging the same source again adds nothing. A response whose key is stored with other
    /// answers, and an invitation batch used in both, are conflicts: reported, not stored.
    /// Running totals of digital stickers are kept up for the responses stored. Both databases
    /// are checked with `PRAGMA integrity_check` first, and this one again after.
    public func merge(from sourcePath: String) throws(StoreError) -> MergeReport {
        let purpose = "merging \(sourcePath)"
        let here = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard URL(fileURLWithPath: sourcePath).resolvingSymlinksInPath().path != here else {
            throw StoreError(.other, purpose: purpose, sqliteMessage: "the source is this database itself", path: sourcePath)
        }
        guard FileManager.default.fileExists(atPath: sourcePath) else {
            throw StoreError(.cannotOpen, purpose: purpose, sqliteMessage: "there is no database here", path: sourcePath)
        }
        let (source, temporary) = try Self.openSource(sourcePath, purpose: purpose)
        defer {
            if let temporary { try? FileManager.default.removeItem(atPath: temporary) }
        }
        var report = MergeReport(source: sourcePath)
        try Self.checkIntegrity(source, name: sourcePath, into: &report, purpose: purpose)
        try writer.exclusive { connection throws(StoreError) in
            try Self.checkIntegrity(connection, name: path, into: &report, purpose: purpose)
            try connection.inTransaction(purpose: purpose) { () throws(StoreError) in
                report.definitions = try Self.copyRows(
                    "SELECT hash, survey_id, version, json, stored_at FROM definitions",
                    into: "INSERT OR IGNORE INTO definitions (hash, survey_id, version, json, stored_at) VALUES (?, ?, ?, ?, ?)", columns: 5,
                    from: source, to: connection, purpose: purpose)
                try Self.copyResponses(from: source, to: connection, into: &report, purpose: purpose)
                report.importBatches = try Self.copyRows(
                    "SELECT survey_id, hash, file_name, rows, imported_at FROM import_batches",
                    into: "INSERT OR IGNORE INTO import_batches (survey_id, hash, file_name, rows, imported_at) VALUES (?, ?, ?, ?, ?)", columns: 5,
                    from: source, to: connection, purpose: purpose)
                report.stickerFiles = try Self.copyRows(
                    "SELECT session_id, hash, file_name, entry, bytes, stored_at FROM sticker_files",
                    into: "INSERT OR IGNORE INTO sticker_files (session_id, hash, file_name, entry, bytes, stored_at) VALUES (?, ?, ?, ?, ?, ?)",
                    columns: 6, from: source, to: connection, purpose: purpose)
                try Self.copyInvites(from: source, to: connection, into: &report, purpose: purpose)
            }
            try Self.checkIntegrity(connection, name: path, into: &report, purpose: purpose)
        }
        return report
    }

    /// The source, read-only; an older one as an upgraded temporary copy (returned to remove).
    private static func openSource(_ path: String, purpose: String) throws(StoreError) -> (Connection, String?) {
        let source = try Connection(path: path, readOnly: true)
        try source.execute("PRAGMA busy_timeout = 5000", purpose: purpose)
        let version = Int(try source.integer("PRAGMA user_version", purpose: purpose))
        if version > Schema.currentVersion {
            throw StoreError(
                .newerSchema, purpose: purpose, sqliteMessage: "schema version \(version); this Wijkpeil knows up to \(Schema.currentVersion)", path: path)
        }
        guard version < Schema.currentVersion else {
            try source.execute("PRAGMA query_only = ON", purpose: purpose)
            return (source, nil)
        }
        guard version > 0 else {
            throw StoreError(.notADatabase, purpose: purpose, sqliteMessage: "no Wijkpeil tables in it", path: path)
        }
        // Never upgrade the source itself: upgrade a copy (opened read-only, the source cannot
        // be written; `query_only` would refuse even the copy).
        let copy = NSTemporaryDirectory() + "wijkpeil-merge-\(UUID().uuidString).sqlite"
        try source.prepare("VACUUM INTO ?", purpose: purpose).run(.text(copy))
        do throws(StoreError) {
            _ = try Store(path: copy)
            let upgraded = try Connection(path: copy, readOnly: true)
            try upgraded.execute("PRAGMA query_only = ON", purpose: purpose)
            return (upgraded, copy)
        } catch {
            try? FileManager.default.removeItem(atPath: copy)
            throw error
        }
    }

    private static func checkIntegrity(_ connection: Connection, name: String, into report: inout MergeReport, purpose: String) throws(StoreError) {
        var lines: [String] = []
        try connection.prepare("PRAGMA integrity_check", purpose: purpose).query { row in lines.append(row.text(0)) }
        guard lines == ["ok"] else {
            throw StoreError(.notADatabase, purpose: purpose, sqliteMessage: "integrity check: " + lines.prefix(5).joined(separator: "; "), path: name)
        }
        report.integrity.append("\(name): ok")
    }

    /// Copies every row `select` reads from `source` with `insert` (an `INSERT OR IGNORE`), and
    /// returns how many were new.
    private static func copyRows(_ select: String, into insert: String, columns: Int32, from source: Connection, to target: Connection, purpose: String)
        throws(StoreError) -> Int
    {
        let statement = try target.prepare(insert, purpose: purpose)
        var added = 0
        try source.prepare(select, purpose: purpose).query { row throws(StoreError) in
            try statement.run((0..<columns).map { row.value($0) })
            added += target.changes
        }
        return added
    }

    private static func copyResponses(from source: Connection, to target: Connection, into report: inout MergeReport, purpose: String) throws(StoreError) {
        let before = try target.integer("SELECT coalesce(max(id), 0) FROM responses", purpose: purpose)
        let find = try target.prepare("SELECT answers FROM responses WHERE survey_id = ? AND source = ? AND submission_key = ?", purpose: purpose)
        let insert = try target.prepare(
            "INSERT INTO responses (survey_id, definition_hash, submission_key, source, answers, received_at) VALUES (?, ?, ?, ?, ?, ?)", purpose: purpose)
        try source.prepare("SELECT survey_id, definition_hash, submission_key, source, answers, received_at FROM responses ORDER BY id", purpose: purpose).query {
            row throws(StoreError) in
            let survey = row.text(0), channel = row.text(3), key = row.text(2), answers = row.text(4)
            var found: String?
            try find.query([.text(survey), .text(channel), .text(key)]) { match in found = match.text(0) }
            switch found {
            case answers?:
                report.alreadyPresent += 1
            case .some:
                report.conflicts.append(MergeReport.ResponseKey(survey: survey, source: ResponseSource(rawValue: channel) ?? .web, submissionKey: key))
            case nil:
                try insert.run(.text(survey), .text(row.text(1)), .text(key), .text(channel), .text(answers), .text(row.text(5)))
                report.stored += 1
            }
        }
        // The running sticker totals, for the responses just stored, as the writer keeps them:
        // per colour ('' for one colour) and option, and a participant per question with stickers.
        try target.prepare(
            """
            INSERT INTO sticker_totals (survey_id, question_id, colour, option_id, stickers)
            SELECT survey_id, question_id, colour, option_id, sum(stickers) FROM (
                SELECT r.survey_id, q.key AS question_id, '' AS colour, o.key AS option_id, o.value AS stickers
                FROM responses r, json_each(r.answers) q, json_each(q.value) o
                WHERE r.id > ?1 AND q.type = 'object' AND o.type IN ('integer', 'real') AND o.value > 0
                UNION ALL
                SELECT r.survey_id, q.key, c.key, o.key, o.value
                FROM responses r, json_each(r.answers) q, json_each(q.value) c, json_each(c.value) o
                WHERE r.id > ?1 AND q.type = 'object' AND c.type = 'object' AND o.type IN ('integer', 'real') AND o.value > 0
            ) WHERE true GROUP BY survey_id, question_id, colour, option_id
            ON CONFLICT (survey_id, question_id, colour, option_id) DO UPDATE SET stickers = stickers + excluded.stickers
            """, purpose: purpose
        ).run(.integer(before))
        try target.prepare(
            """
            INSERT INTO sticker_participants (survey_id, question_id, participants)
            SELECT survey_id, question_id, count(*) FROM (
                SELECT DISTINCT r.id, r.survey_id, q.key AS question_id
                FROM responses r, json_each(r.answers) q, json_tree(q.value) t
                WHERE r.id > ?1 AND q.type = 'object' AND t.type IN ('integer', 'real') AND t.value > 0
            ) WHERE true GROUP BY survey_id, question_id
            ON CONFLICT (survey_id, question_id) DO UPDATE SET participants = participants + excluded.participants
            """, purpose: purpose
        ).run(.integer(before))
    }

    /// Batches are known by their salt. A new batch comes with its codes' hashes and used flags;
    /// a known one brings the uses the store lacks when the store's uses are all among the
    /// source's (the same venue's laptop, merged again later); uses on both sides that the other
    /// lacks are the same batch used at two venues: a conflict.
    private static func copyInvites(from source: Connection, to target: Connection, into report: inout MergeReport, purpose: String) throws(StoreError) {
        struct Batch {
            var id: Int64
            var survey: String
            var salt: [UInt8]
            var iterations: Int64
            var createdAt: String
            var venue: String?
        }
        var batches: [Batch] = []
        try source.prepare("SELECT id, survey_id, salt, iterations, created_at, venue FROM invite_batches ORDER BY id", purpose: purpose).query { row in
            batches.append(
                Batch(
                    id: row.int64(0), survey: row.text(1), salt: row.blob(2), iterations: row.int64(3), createdAt: row.text(4),
                    venue: row.isNull(5) ? nil : row.text(5)))
        }
        let codes = try source.prepare("SELECT hash, used FROM invites WHERE batch_id = ?", purpose: purpose)
        let findBatch = try target.prepare("SELECT id FROM invite_batches WHERE salt = ?", purpose: purpose)
        let usedHere = try target.prepare("SELECT hash FROM invites WHERE batch_id = ? AND used = 1", purpose: purpose)
        let addBatch = try target.prepare(
            "INSERT INTO invite_batches (survey_id, salt, iterations, created_at, venue) VALUES (?, ?, ?, ?, ?)", purpose: purpose)
        let addCode = try target.prepare("INSERT INTO invites (hash, batch_id, used) VALUES (?, ?, ?)", purpose: purpose)
        let use = try target.prepare("UPDATE invites SET used = 1 WHERE hash = ? AND batch_id = ?", purpose: purpose)
        for batch in batches {
            var there: [(hash: [UInt8], used: Bool)] = []
            try codes.query([.integer(batch.id)]) { row in there.append((row.blob(0), row.int64(1) == 1)) }
            var existing: Int64?
            try findBatch.query([.blob(batch.salt)]) { row in existing = row.int64(0) }
            guard let existing else {
                try addBatch.run(
                    .text(batch.survey), .blob(batch.salt), .integer(batch.iterations), .text(batch.createdAt), batch.venue.map { .text($0) } ?? .null)
                let id = target.lastInsertRowID
                for code in there { try addCode.run(.blob(code.hash), .integer(id), .integer(code.used ? 1 : 0)) }
                report.inviteBatches += 1
                continue
            }
            var here: Set<[UInt8]> = []
            try usedHere.query([.integer(existing)]) { row in here.insert(row.blob(0)) }
            let usedThere = Set(there.filter(\.used).map(\.hash))
            if usedThere.isSubset(of: here) { continue }
            guard here.isSubset(of: usedThere) else {
                report.inviteConflicts.append(
                    MergeReport.InviteBatchSummary(
                        survey: batch.survey, venue: batch.venue, createdAt: batch.createdAt, codes: there.count, usedHere: here.count, usedThere: usedThere.count))
                continue
            }
            for hash in usedThere.subtracting(here) { try use.run(.blob(hash), .integer(existing)) }
            report.inviteBatchesUpdated += 1
        }
    }
}
