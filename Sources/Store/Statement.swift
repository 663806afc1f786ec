import CSQLite

/// A value bound to, or read from, a statement.
enum SQLValue {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// A prepared statement: prepared in `init`, finalised in `deinit`, so none is ever left open.
final class Statement {
    private let handle: OpaquePointer
    private let connection: Connection
    let purpose: String

    init(connection: Connection, sql: String, purpose: String) throws(StoreError) {
        var handle: OpaquePointer?
        // `tail` points into the C string SQLite was given, so it is read while that string lives:
        // a String passed straight to C is a temporary, freed when the call returns, and reading
        // `tail` afterwards read freed memory (a sporadic "more than one statement").
        let (code, trailing) = sql.withCString { text -> (Int32, Bool) in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(connection.handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, &tail)
            guard code == SQLITE_OK, let tail else { return (code, false) }
            return (code, !String(cString: tail).allSatisfy(\.isWhitespace))
        }
        guard code == SQLITE_OK, let handle else { throw connection.error(code, purpose: purpose) }
        // One statement per Statement: trailing SQL would silently never run.
        if trailing {
            sqlite3_finalize(handle)
            throw StoreError(.other, purpose: purpose, sqliteMessage: "more than one statement in one prepare", path: connection.path)
        }
        self.handle = handle
        self.connection = connection
        self.purpose = purpose
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `values` to the statement's parameters, after checking that the counts agree.
    func bind(_ values: [SQLValue]) throws(StoreError) {
        sqlite3_reset(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw StoreError(.other, purpose: purpose, sqliteMessage: "expected \(expected) values, got \(values.count)", path: connection.path)
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
            case .real(let number): code = sqlite3_bind_double(handle, index, number)
            case .text(let text):
                // Copied at bind time (SQLITE_TRANSIENT): the Swift string's buffer may not outlive
                // the call. Handed over with its length, straight from the string's storage.
                var text = text
                code = text.withUTF8 { utf8 in
                    guard let base = utf8.baseAddress, !utf8.isEmpty else { return sqlite3_bind_text(handle, index, "", 0, csqlite_transient()) }
                    return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                        sqlite3_bind_text(handle, index, $0, Int32(utf8.count), csqlite_transient())
                    }
                }
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { buffer in
                    sqlite3_bind_blob(handle, index, buffer.baseAddress, Int32(buffer.count), csqlite_transient())
                }
            }
            guard code == SQLITE_OK else { throw connection.error(code, purpose: purpose) }
        }
    }

    /// Advances to the next row; `false` when the statement is done.
    func step() throws(StoreError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = connection.error(code, purpose: purpose)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Binds and runs a statement that returns no rows.
    func run(_ values: SQLValue...) throws(StoreError) {
        try run(values)
    }

    func run(_ values: [SQLValue]) throws(StoreError) {
        try bind(values)
        while try step() {}
        sqlite3_reset(handle)
    }

    /// Binds, then calls `row` for every row.
    func query(_ values: [SQLValue] = [], row: (Statement) throws(StoreError) -> Void) throws(StoreError) {
        try bind(values)
        while try step() { try row(self) }
        sqlite3_reset(handle)
    }

    /// The column's value as SQLite holds it: for copying a row as it is.
    func value(_ column: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL: .null
        case SQLITE_INTEGER: .integer(int64(column))
        case SQLITE_FLOAT: .real(double(column))
        case SQLITE_BLOB: .blob(blob(column))
        default: .text(text(column))
        }
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        return String(cString: pointer)
    }

    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}
