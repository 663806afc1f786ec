import Dispatch
import Foundation
public import WijkpeilCore

/// Measurements for `wijkpeil bench store`: the store's durable write rate against plain SQLite
/// doing the same inserts the fastest plain way (prepared statement, 100-row transactions).
public enum StoreBenchmark {
    /// Inserts `answers` as responses into a fresh database at `path` with plain SQLite, in
    /// transactions of `batch` rows with `synchronous=FULL`; returns the seconds taken.
    public static func plainSQLite(path: String, answers: [JSONValue], batch: Int = 100) throws(StoreError) -> Double {
        let connection = try Connection(path: path)
        try Store.configure(connection, Store.Configuration())
        try Schema.migrate(connection)
        try connection.execute("INSERT INTO definitions VALUES ('bench', 'bench', 1, '{}', '2026-01-01T00:00:00Z')", purpose: "benchmark")
        let texts = answers.map(\.compactText)
        let insert = try connection.prepare(
            "INSERT INTO responses (survey_id, definition_hash, submission_key, source, answers, received_at) VALUES (?, ?, ?, ?, ?, ?)",
            purpose: "benchmark")
        let start = DispatchTime.now()
        var index = 0
        while index < texts.count {
            let end = min(index + batch, texts.count)
            try connection.inTransaction(purpose: "benchmark") { () throws(StoreError) in
                let receivedAt = Timestamp.now()
                for row in index..<end {
                    try insert.run(.text("bench"), .text("bench"), .text("plain-\(row)"), .text("api"), .text(texts[row]), .text(receivedAt))
                }
            }
            index = end
        }
        return seconds(since: start)
    }

    /// Submits every submission through `store` from `writers` threads at once, each waiting for
    /// its own commit; returns the seconds taken.
    public static func concurrentSubmits(_ submissions: [Submission], to store: Store, writers: Int) throws -> Double {
        let failures = FailureBox()
        let group = DispatchGroup()
        let start = DispatchTime.now()
        for writer in 0..<writers {
            group.enter()
            let share = stride(from: writer, to: submissions.count, by: writers).map { submissions[$0] }
            let thread = Thread {
                for submission in share {
                    do throws(StoreError) { _ = try store.submit(submission) } catch { failures.record(error) }
                }
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        if let error = failures.first { throw error }
        return seconds(since: start)
    }

    /// Submits every submission through `store` from `writers` concurrent tasks using the async
    /// API (as the form server does); returns the seconds taken.
    public static func concurrentAsyncSubmits(_ submissions: [Submission], to store: Store, writers: Int) async throws -> Double {
        let start = DispatchTime.now()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                let share = stride(from: writer, to: submissions.count, by: writers).map { submissions[$0] }
                group.addTask {
                    for submission in share { _ = try await store.submit(submission) }
                }
            }
            try await group.waitForAll()
        }
        return seconds(since: start)
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}

import Synchronization

private final class FailureBox: Sendable {
    private let errors = Mutex<[StoreError]>([])

    func record(_ error: StoreError) { errors.withLock { $0.append(error) } }

    var first: StoreError? { errors.withLock { $0.first } }
}
