import CSQLite
import Dispatch
import Foundation
public import Store
public import WijkpeilCore

/// Measurements for `wijkpeil-bench store`: the store's durable write rate against plain SQLite
/// doing the same inserts the fastest plain way (prepared statement, 100-row transactions).
public enum StoreBenchmark {
    /// Inserts `answers` as responses into a fresh database at `path` with plain SQLite (the
    /// system library straight, as any program would), in transactions of `batch` rows with WAL
    /// and `synchronous=FULL`; returns the seconds taken. The peer the store is measured against.
    public static func plainSQLite(path: String, answers: [JSONValue], batch: Int = 100) throws -> Double {
        var handle: OpaquePointer?
        guard sqlite3_open(path, &handle) == SQLITE_OK, let db = handle else { throw BenchFailure("cannot open \(path)") }
        defer { sqlite3_close(db) }
        func exec(_ sql: String) throws {
            guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw BenchFailure(String(cString: sqlite3_errmsg(db))) }
        }
        // The same table, constraints and index as the store's responses.
        try exec(
            """
            PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
            CREATE TABLE definitions (hash TEXT PRIMARY KEY, survey_id TEXT NOT NULL, version INTEGER NOT NULL, json TEXT NOT NULL, stored_at TEXT NOT NULL);
            INSERT INTO definitions VALUES ('bench', 'bench', 1, '{}', '2026-01-01T00:00:00Z');
            CREATE TABLE responses (
                id INTEGER PRIMARY KEY, survey_id TEXT NOT NULL, definition_hash TEXT NOT NULL REFERENCES definitions(hash),
                submission_key TEXT NOT NULL, source TEXT NOT NULL CHECK (source IN ('web', 'api', 'paper')),
                answers TEXT NOT NULL CHECK (json_valid(answers)), received_at TEXT NOT NULL, UNIQUE (survey_id, source, submission_key));
            CREATE INDEX responses_by_survey ON responses(survey_id, id);
            """)
        var statement: OpaquePointer?
        let sql = "INSERT INTO responses (survey_id, definition_hash, submission_key, source, answers, received_at) VALUES (?, ?, ?, ?, ?, ?)"
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK,
            let insert = statement
        else { throw BenchFailure(String(cString: sqlite3_errmsg(db))) }
        defer { sqlite3_finalize(insert) }
        let texts = answers.map(\.compactText)
        let start = DispatchTime.now()
        var index = 0
        while index < texts.count {
            let end = min(index + batch, texts.count)
            try exec("BEGIN IMMEDIATE")
            for row in index..<end {
                sqlite3_reset(insert)
                for (column, text) in ["bench", "bench", "plain-\(row)", "api", texts[row], "2026-01-01T00:00:00Z"].enumerated() {
                    sqlite3_bind_text(insert, Int32(column + 1), text, -1, csqlite_transient())
                }
                guard sqlite3_step(insert) == SQLITE_DONE else { throw BenchFailure(String(cString: sqlite3_errmsg(db))) }
            }
            try exec("COMMIT")
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

/// A benchmark that could not run, and why.
public struct BenchFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
