import Dispatch
import Foundation
import Synchronization
import WijkpeilCore

/// The one owner of the write connection. Concurrent writers hand it submissions; it commits them
/// in batches — whatever arrived while the previous batch was being made durable — and tells each
/// writer its result only after the batch's `COMMIT` returned.
///
/// Each submission runs inside its own `SAVEPOINT`, so a rejected one (an invitation code already
/// used) fails alone; an error of the database itself (full disk, I/O) fails the whole batch and
/// nothing in it is acknowledged.
final class GroupCommitWriter: @unchecked Sendable {
    // @unchecked: `connection` and `statements` are touched only by blocks on `queue`, a serial
    // queue; the list of pending jobs is behind the `state` Mutex.
    private let connection: Connection
    private let queue = DispatchQueue(label: "wijkpeil.store.writer", qos: .userInitiated)
    private let state = Mutex(State())
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
    }

    /// The statements of the hot path, prepared once.
    private struct Statements {
        let findKey: Statement
        let insert: Statement
        let useInvite: Statement
    }

    init(connection: Connection, maxBatchSize: Int) {
        self.connection = connection
        self.maxBatchSize = maxBatchSize
    }

    /// Queues a submission; `job.completion` is called once it is committed or refused.
    func enqueue(_ job: Job) {
        let startDrain = state.withLock { state in
            state.pending.append(job)
            if state.draining { return false }
            state.draining = true
            return true
        }
        if startDrain { queue.async { self.drain() } }
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
                for submission in submissions {
                    receipts.append(try self.insert(submission, inviteHashes: []))
                }
                return receipts
            }
        }
    }

    private func drain() {
        while true {
            let batch: [Job] = state.withLock { state in
                let count = min(state.pending.count, maxBatchSize)
                let batch = Array(state.pending.prefix(count))
                state.pending.removeFirst(count)
                if batch.isEmpty { state.draining = false }
                return batch
            }
            if batch.isEmpty { return }
            commit(batch)
        }
    }

    private func commit(_ batch: [Job]) {
        var results: [Result<Receipt, StoreError>] = []
        results.reserveCapacity(batch.count)
        do throws(StoreError) {
            try connection.execute("BEGIN IMMEDIATE", purpose: "storing a response")
            for job in batch {
                try connection.execute("SAVEPOINT submission", purpose: "storing a response")
                do throws(StoreError) {
                    let receipt = try insert(job.submission, inviteHashes: job.inviteHashes)
                    try connection.execute("RELEASE submission", purpose: "storing a response")
                    results.append(.success(receipt))
                } catch where error.isRejection {
                    try connection.execute("ROLLBACK TO submission; RELEASE submission", purpose: "storing a response")
                    results.append(.failure(error))
                }
            }
            try connection.execute("COMMIT", purpose: "storing a response")
        } catch {
            try? connection.execute("ROLLBACK", purpose: "storing a response")
            results = batch.map { _ in .failure(error) }
        }
        for (job, result) in zip(batch, results) {
            job.completion(result)
        }
    }

    /// Stores one submission inside the current transaction: once per submission key, and for
    /// invite-only surveys only while its code is unused.
    private func insert(_ submission: Submission, inviteHashes: [[UInt8]]) throws(StoreError) -> Receipt {
        let statements = try prepared()
        var existing: Int64?
        try statements.findKey.query([.text(submission.submissionKey)]) { row in existing = row.int64(0) }
        if let existing { return Receipt(id: existing, isDuplicate: true) }
        if submission.requiresInvite {
            var used = false
            for hash in inviteHashes where !used {
                try statements.useInvite.run(.blob(hash))
                used = connection.changes == 1
            }
            guard used else {
                throw StoreError(.inviteRejected, purpose: "checking the invitation code", path: connection.path)
            }
        }
        let answers = String(decoding: submission.answers.encoded(), as: UTF8.self)
        try statements.insert.run(
            .text(submission.surveyId), .text(submission.definitionHash), .text(submission.submissionKey),
            .text(submission.source.rawValue), .text(answers), .text(Timestamp.now()))
        return Receipt(id: connection.lastInsertRowID, isDuplicate: false)
    }

    private func prepared() throws(StoreError) -> Statements {
        if let statements { return statements }
        let made = Statements(
            findKey: try connection.prepare("SELECT id FROM responses WHERE submission_key = ?", purpose: "looking up a submission key"),
            insert: try connection.prepare(
                """
                INSERT INTO responses (survey_id, definition_hash, submission_key, source, answers, received_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, purpose: "storing a response"),
            useInvite: try connection.prepare("UPDATE invites SET used = 1 WHERE hash = ? AND used = 0", purpose: "using an invitation code"))
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
