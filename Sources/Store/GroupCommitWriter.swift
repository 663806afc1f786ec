import Dispatch
import Foundation
import Synchronization
import Surveys
import WijkpeilCore

/// The one owner of the write connection. Concurrent writers hand it submissions; it commits them
/// in batches — whatever arrived while the previous batch was being made durable — and tells each
/// writer its result only after the batch's `COMMIT` returned.
///
/// A rejected submission (an invitation code already used, a row that breaks a rule) fails alone:
/// SQLite undoes a failed statement by itself, and a submission of two statements runs inside its
/// own `SAVEPOINT`; an error of the database itself (full disk, I/O) fails the whole batch and
/// nothing in it is acknowledged.
final class GroupCommitWriter: @unchecked Sendable {
    // @unchecked: `connection` and `statements` are touched only by blocks on `queue`, a serial
    // queue; the list of pending jobs is behind the `state` Mutex.
    private let connection: Connection
    private let queue = DispatchQueue(label: "wijkpeil.store.writer", qos: .userInitiated)
    private let state = Mutex(State())
    /// Where the writer waits for more submissions (see `waitForSiblings`).
    private let arrivals = NSCondition()
    private let maxBatchSize: Int
    private var statements: Statements?

    struct Job {
        var submission: Submission
        /// PBKDF2 hashes of the invitation code, one per batch of codes for the survey.
        var inviteHashes: [[UInt8]]
        var completion: @Sendable (Result<Receipt, StoreError>) -> Void
    }

    private struct State {
        var pending: [Job] = []
        var draining = false
        var batches = 0
        var submissions = 0
        var lastBatchSize = 0
        var stored = 0
        var duplicates = 0
        /// How many pending submissions the writer is waiting for, while it waits.
        var awaited: Int?
    }

    /// Batches committed and what became of the submissions in them, since the store was opened.
    var statistics: WriteStatistics {
        state.withLock { WriteStatistics(batches: $0.batches, submissions: $0.submissions, stored: $0.stored, duplicates: $0.duplicates) }
    }

    /// The statements of the hot path, prepared once.
    private struct Statements {
        let findKey: Statement
        let insert: Statement
        let useInvite: Statement
        let findUsedInvite: Statement
        let savepoint: Statement
        let release: Statement
        let rollbackToSavepoint: Statement
        let addStickers: Statement
        let addParticipant: Statement
    }

    private let commitDelay: Duration

    init(connection: Connection, maxBatchSize: Int, commitDelay: Duration) {
        self.connection = connection
        self.maxBatchSize = maxBatchSize
        self.commitDelay = commitDelay
    }

    /// Queues a submission; `job.completion` is called once it is committed or refused.
    func enqueue(_ job: Job) {
        let (startDrain, wakeWriter) = state.withLock { state in
            state.pending.append(job)
            if state.draining { return (false, state.pending.count == state.awaited) }
            state.draining = true
            return (true, false)
        }
        if startDrain { queue.async { self.drain() } }
        if wakeWriter {
            arrivals.lock()
            arrivals.signal()
            arrivals.unlock()
        }
    }

    /// Runs `body` with the write connection, between batches.
    func exclusive<T>(_ body: (Connection) throws(StoreError) -> T) throws(StoreError) -> T {
        let result: Result<T, StoreError> = queue.sync {
            do throws(StoreError) {
                return .success(try body(connection))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Stores submissions in one transaction, all or nothing (the paper import).
    func storeAll(_ submissions: [Submission]) throws(StoreError) -> [Receipt] {
        try exclusive { connection throws(StoreError) in
            try connection.inTransaction(purpose: "storing imported responses") { () throws(StoreError) in
                var receipts: [Receipt] = []
                receipts.reserveCapacity(submissions.count)
                let receivedAt = Timestamp.now()
                for submission in submissions {
                    receipts.append(try self.insert(submission, inviteHashes: [], receivedAt: receivedAt))
                }
                return receipts
            }
        }
    }

    /// Stores a file's rows in one transaction as `next` hands them over, and records the file
    /// (the paper import; see ``Store/importFile(registering:commitDespiteRejections:next:)``).
    /// `inviteHashes` gives a row's invitation code hashed once per batch of codes.
    func importFile(
        definition: SurveyDefinition?, commitDespiteRejections: Bool, inviteHashes: (Submission) throws(StoreError) -> [[UInt8]],
        next: () -> ImportFeed
    ) throws(StoreError) -> ImportOutcome {
        try exclusive { connection throws(StoreError) in
            let purpose = "storing imported responses"
            try connection.execute("BEGIN IMMEDIATE", purpose: purpose)
            do throws(StoreError) {
                if let definition { _ = try Store.keep(definition, in: connection) }
                let receivedAt = Timestamp.now()
                var results: [Result<Receipt, StoreError>] = []
                var batch: ImportBatch
                feeding: while true {
                    switch next() {
                    case .submissions(let submissions):
                        for submission in submissions {
                            let hashes = try inviteHashes(submission)
                            // A rejected row (a key used for other answers, a code unknown or
                            // spent) has written nothing: it is found before anything of it is stored.
                            do throws(StoreError) {
                                results.append(.success(try insert(submission, inviteHashes: hashes, receivedAt: receivedAt)))
                            } catch  where error.isRejection {
                                results.append(.failure(error))
                            }
                        }
                    case .record(let record):
                        // The same file again, found while it is read: nothing is stored.
                        if let earlier = try ImportBatch.find(survey: record.surveyId, hash: record.hash, in: connection) {
                            try connection.execute("ROLLBACK", purpose: purpose)
                            return .alreadyImported(earlier)
                        }
                    case .end(let record):
                        batch = record
                        break feeding
                    case .refused:
                        try connection.execute("ROLLBACK", purpose: purpose)
                        return .imported(results: results, committed: false)
                    }
                }
                // The same file again, found at its end: its rows were all there already, and
                // nothing is stored.
                if let earlier = try ImportBatch.find(survey: batch.surveyId, hash: batch.hash, in: connection) {
                    try connection.execute("ROLLBACK", purpose: purpose)
                    return .alreadyImported(earlier)
                }
                let rejected = results.contains { if case .failure = $0 { true } else { false } }
                guard !rejected || commitDespiteRejections else {
                    try connection.execute("ROLLBACK", purpose: purpose)
                    return .imported(results: results, committed: false)
                }
                let stored = results.filter { if case .success(let receipt) = $0 { !receipt.isDuplicate } else { false } }.count
                try connection.prepare(
                    "INSERT INTO import_batches (survey_id, hash, file_name, rows, imported_at) VALUES (?, ?, ?, ?, ?)", purpose: purpose
                ).run(.text(batch.surveyId), .text(batch.hash), .text(batch.fileName), .integer(Int64(stored)), .text(receivedAt))
                try connection.execute("COMMIT", purpose: purpose)
                return .imported(results: results, committed: true)
            } catch {
                try? connection.execute("ROLLBACK", purpose: purpose)
                throw error
            }
        }
    }

    private func drain() {
        while true {
            waitForSiblings()
            let batch: [Job] = state.withLock { state in
                let count = min(state.pending.count, maxBatchSize)
                let batch = Array(state.pending.prefix(count))
                state.pending.removeFirst(count)
                if batch.isEmpty { state.draining = false }
                state.batches += batch.isEmpty ? 0 : 1
                state.submissions += batch.count
                state.lastBatchSize = batch.count
                return batch
            }
            if batch.isEmpty { return }
            commit(batch)
        }
    }

    /// Under concurrent load, the writers answered by the last commit are still waking up when
    /// the next batch starts. If the last batch was large and fewer are waiting now, wait a
    /// moment (at most `commitDelay`) so they share the next commit's fsync, like PostgreSQL's
    /// `commit_delay`. A lone writer (last batch of 1) never waits. The writer sleeps until
    /// the last of them arrives rather than spin: on a machine of two cores a spinning writer
    /// takes the core the writers need (it cost the server 7% more CPU per POST).
    private func waitForSiblings() {
        guard commitDelay > .zero else { return }
        // `arrivals` is held from the check to the wait, so that no signal can slip in between.
        arrivals.lock()
        defer { arrivals.unlock() }
        let waiting = state.withLock { state in
            guard state.lastBatchSize >= 4, state.pending.count < state.lastBatchSize else { return false }
            state.awaited = state.lastBatchSize
            return true
        }
        guard waiting else { return }
        let (seconds, attoseconds) = commitDelay.components
        _ = arrivals.wait(until: Date.now.addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18))
        state.withLock { $0.awaited = nil }
    }

    private func commit(_ batch: [Job]) {
        var results: [Result<Receipt, StoreError>] = []
        results.reserveCapacity(batch.count)
        do throws(StoreError) {
            let statements = try prepared()
            // One time for the batch: the responses are received when their batch commits.
            let receivedAt = Timestamp.now()
            try connection.execute("BEGIN IMMEDIATE", purpose: "storing a response")
            for job in batch {
                // A failed statement is undone by SQLite on its own; a submission that runs two
                // (spend the code, then insert) needs a savepoint so both go or neither.
                let guarded = job.submission.requiresInvite
                if guarded { try statements.savepoint.run() }
                do throws(StoreError) {
                    let receipt = try insert(job.submission, inviteHashes: job.inviteHashes, receivedAt: receivedAt)
                    if guarded { try statements.release.run() }
                    results.append(.success(receipt))
                } catch  where error.isRejection {
                    if guarded {
                        try statements.rollbackToSavepoint.run()
                        try statements.release.run()
                    }
                    results.append(.failure(error))
                }
            }
            try connection.execute("COMMIT", purpose: "storing a response")
        } catch {
            try? connection.execute("ROLLBACK", purpose: "storing a response")
            results = batch.map { _ in .failure(error) }
        }
        let duplicates = results.filter { (try? $0.get())?.isDuplicate == true }.count
        let stored = results.filter { (try? $0.get())?.isDuplicate == false }.count
        state.withLock { state in
            state.stored += stored
            state.duplicates += duplicates
        }
        for (job, result) in zip(batch, results) {
            job.completion(result)
        }
    }

    /// Stores one submission inside the current transaction: once per submission key, and for
    /// invite-only surveys only while its code is unused.
    private func insert(_ submission: Submission, inviteHashes: [[UInt8]], receivedAt: String) throws(StoreError) -> Receipt {
        let statements = try prepared()
        // A key means "the same request again": the same answers get the first id, other answers
        // are a conflict, never a silent drop.
        func existing() throws(StoreError) -> Receipt? {
            var found: (id: Int64, answers: String)?
            try statements.findKey.query([.text(submission.surveyId), .text(submission.source.rawValue), .text(submission.submissionKey)]) { row in
                found = (row.int64(0), row.text(1))
            }
            guard let found else { return nil }
            guard found.answers == submission.answersText else {
                throw StoreError(.keyConflict, purpose: "storing a response", path: connection.path)
            }
            return Receipt(id: found.id, isDuplicate: true)
        }
        if submission.requiresInvite {
            // A repeated submission must not spend a second code: look the key up first.
            if let receipt = try existing() { return receipt }
            var used = false
            for hash in inviteHashes where !used {
                try statements.useInvite.run(.blob(hash))
                used = connection.changes == 1
            }
            guard used else {
                // A code that exists but was spent (a second tap, another device) is no guess.
                var spent = false
                for hash in inviteHashes where !spent {
                    try statements.findUsedInvite.query([.blob(hash)]) { _ in spent = true }
                }
                throw StoreError(spent ? .inviteUsed : .inviteRejected, purpose: "checking the invitation code", path: connection.path)
            }
        }
        try statements.insert.run(
            .text(submission.surveyId), .text(submission.definitionHash), .text(submission.submissionKey),
            .text(submission.source.rawValue), .text(submission.answersText), .text(receivedAt))
        if connection.changes == 0, let receipt = try existing() {
            return receipt
        }
        let id = connection.lastInsertRowID
        var questions: [String] = []
        for sticker in submission.stickers {
            try statements.addStickers.run(
                .text(submission.surveyId), .text(sticker.question), .text(sticker.colour), .text(sticker.option), .integer(Int64(sticker.count)))
            if questions.last != sticker.question { questions.append(sticker.question) }
        }
        for question in questions {
            try statements.addParticipant.run(.text(submission.surveyId), .text(question))
        }
        return Receipt(id: id, isDuplicate: false)
    }

    private func prepared() throws(StoreError) -> Statements {
        if let statements { return statements }
        let made = Statements(
            findKey: try connection.prepare(
                "SELECT id, answers FROM responses WHERE survey_id = ? AND source = ? AND submission_key = ?",
                purpose: "looking up a submission key"),
            insert: try connection.prepare(
                """
                INSERT INTO responses (survey_id, definition_hash, submission_key, source, answers, received_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (survey_id, source, submission_key) DO NOTHING
                """, purpose: "storing a response"),
            useInvite: try connection.prepare("UPDATE invites SET used = 1 WHERE hash = ? AND used = 0", purpose: "using an invitation code"),
            findUsedInvite: try connection.prepare("SELECT 1 FROM invites WHERE hash = ? AND used = 1", purpose: "checking an invitation code"),
            savepoint: try connection.prepare("SAVEPOINT submission", purpose: "storing a response"),
            release: try connection.prepare("RELEASE submission", purpose: "storing a response"),
            rollbackToSavepoint: try connection.prepare("ROLLBACK TO submission", purpose: "storing a response"),
            addStickers: try connection.prepare(
                """
                INSERT INTO sticker_totals (survey_id, question_id, colour, option_id, stickers) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (survey_id, question_id, colour, option_id) DO UPDATE SET stickers = stickers + excluded.stickers
                """, purpose: "counting digital stickers"),
            addParticipant: try connection.prepare(
                """
                INSERT INTO sticker_participants (survey_id, question_id, participants) VALUES (?, ?, 1)
                ON CONFLICT (survey_id, question_id) DO UPDATE SET participants = participants + 1
                """, purpose: "counting digital stickers"))
        statements = made
        return made
    }
}

/// Times as stored: ISO 8601 in UTC, to the second.
enum Timestamp {
    static func now() -> String {
        Date.now.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }
}
