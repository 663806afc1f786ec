import CSQLite
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One SQLite connection. Not `Sendable`: it belongs to whoever opened it (the writer's queue, or
/// one read call), which is how SQLite connections are safely used.
final class Connection {
    let handle: OpaquePointer
    let path: String

    /// Opens (and with `create`, creates) the database at `path`.
    init(path: String, readOnly: Bool = false, create: Bool = true) throws(StoreError) {
        self.path = path
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        flags |= readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0))
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) }
            sqlite3_close_v2(handle)
            throw Connection.error(code: code, message: message, purpose: "opening the database", path: path)
        }
        self.handle = handle
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String, purpose: String) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw error(code, purpose: purpose, message: text)
        }
    }

    func prepare(_ sql: String, purpose: String) throws(StoreError) -> Statement {
        try Statement(connection: self, sql: sql, purpose: purpose)
    }

    /// Runs `body` in a transaction (`BEGIN IMMEDIATE`: the write lock is taken at once, so a
    /// busy database fails here rather than half-way); rolls back on any error.
    func inTransaction<T>(purpose: String, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try execute("BEGIN IMMEDIATE", purpose: purpose)
        do {
            let result = try body()
            try execute("COMMIT", purpose: purpose)
            return result
        } catch {
            try? execute("ROLLBACK", purpose: purpose)
            throw error
        }
    }

    /// An integer from a `PRAGMA` or a one-value query.
    func integer(_ sql: String, purpose: String) throws(StoreError) -> Int64 {
        let statement = try prepare(sql, purpose: purpose)
        guard try statement.step() else { return 0 }
        return statement.int64(0)
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    var changes: Int { Int(sqlite3_changes(handle)) }

    func error(_ code: Int32, purpose: String, message: String? = nil) -> StoreError {
        var error = Connection.error(code: code, message: message ?? String(cString: sqlite3_errmsg(handle)), purpose: purpose, path: path)
        // SQLite says "disk I/O error" when the write-ahead log cannot grow on a full disk: the
        // operating system's error tells it apart, and an organiser is told the disk is full.
        if error.kind == .ioError, sqlite3_system_errno(handle) == ENOSPC { error.kind = .full }
        return error
    }

    static func error(code: Int32, message: String?, purpose: String, path: String?) -> StoreError {
        let kind: StoreError.Kind
        switch code & 0xff {
        case SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_AUTH: kind = .cannotOpen
        case SQLITE_NOTADB, SQLITE_CORRUPT: kind = .notADatabase
        case SQLITE_READONLY: kind = .readOnly
        case SQLITE_FULL: kind = .full
        case SQLITE_BUSY, SQLITE_LOCKED: kind = .busy
        case SQLITE_IOERR: kind = .ioError
        case SQLITE_CONSTRAINT: kind = .constraint
        default: kind = .other
        }
        return StoreError(kind, purpose: purpose, sqliteMessage: message, path: path)
    }
}
