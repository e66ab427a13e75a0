import CSQLite
import Foundation

/// A connection to an SQLite database file: the little of Python's `sqlite3` that Flaskr uses.
///
/// ```swift
/// let db = try SQLiteDatabase(path: "flaskr.sqlite")
/// try db.execute("INSERT INTO user (username, password) VALUES (?, ?)", ["ada", hash])
/// let user = try db.execute("SELECT * FROM user WHERE username = ?", ["ada"]).first
/// ```
/// Every statement commits on its own (SQLite's autocommit), so there is no `commit()`.
/// Columns declared `TIMESTAMP` read as dates, as with Python's `detect_types=PARSE_DECLTYPES`.
/// A connection belongs to one request at a time; it is not shared between threads at once.
public final class SQLiteDatabase: @unchecked Sendable {
    private var handle: OpaquePointer?

    /// Opens (creating if needed) the database at `path`.
    public init(path: String) throws(SQLiteError) {
        var connection: OpaquePointer?
        let status = sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        guard status == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open \(path)"
            sqlite3_close(connection)
            throw SQLiteError(code: status, message: message)
        }
        sqlite3_extended_result_codes(connection, 1)
        // Flaskr's schema declares a foreign key; SQLite checks them only when asked.
        sqlite3_exec(connection, "PRAGMA foreign_keys = ON", nil, nil, nil)
        handle = connection
    }

    deinit { sqlite3_close(handle) }

    /// Whether ``close()`` was called.
    public var isClosed: Bool { handle == nil }

    /// Closes the connection; later calls fail with "Cannot operate on a closed database."
    public func close() {
        sqlite3_close(handle)
        handle = nil
    }

    /// Runs one statement with `?` parameters and returns its rows (none for INSERT/UPDATE/DELETE).
    @discardableResult
    public func execute(_ sql: String, _ parameters: [SQLiteValue] = []) throws(SQLiteError) -> [SQLiteRow] {
        guard let handle else { throw .closed }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw lastError(handle)
        }
        defer { sqlite3_finalize(statement) }
        for (index, value) in parameters.enumerated() {
            guard bind(value, at: Int32(index + 1), in: statement) == SQLITE_OK else { throw lastError(handle) }
        }
        let columns = (0..<sqlite3_column_count(statement)).map { String(cString: sqlite3_column_name(statement, $0)) }
        var rows: [SQLiteRow] = []
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw lastError(handle) }
            rows.append(SQLiteRow(columns: columns, values: (0..<Int32(columns.count)).map { column(statement, $0) }))
        }
        return rows
    }

    /// Runs several `;`-separated statements, such as a schema file (Python's `executescript`).
    public func executeScript(_ sql: String) throws(SQLiteError) {
        guard let handle else { throw .closed }
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw lastError(handle) }
    }

    /// SQLite copies bound text and blobs at once (`SQLITE_TRANSIENT`), so Swift's buffers may go.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func bind(_ value: SQLiteValue, at index: Int32, in statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let number): sqlite3_bind_int64(statement, index, Int64(number))
        case .real(let number): sqlite3_bind_double(statement, index, number)
        case .text(let text): sqlite3_bind_text(statement, index, text, -1, Self.transient)
        case .blob(let bytes): sqlite3_bind_blob(statement, index, bytes, Int32(bytes.count), Self.transient)
        case .timestamp(let date):
            sqlite3_bind_text(statement, index, SQLiteTimestamp.text(from: date), -1, Self.transient)
        case .null: sqlite3_bind_null(statement, index)
        }
    }

    private func column(_ statement: OpaquePointer, _ index: Int32) -> SQLiteValue {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(Int(sqlite3_column_int64(statement, index)))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            let text = String(cString: sqlite3_column_text(statement, index))
            guard Self.isTimestamp(sqlite3_column_decltype(statement, index)),
                let date = SQLiteTimestamp.date(from: text)
            else { return .text(text) }
            return .timestamp(date)
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, index))
            guard count > 0, let bytes = sqlite3_column_blob(statement, index) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }

    /// Whether a column's declared type is `TIMESTAMP`: Python's converter lookup, which takes
    /// the declared type's first word, case-insensitively (`timestamp`, `TIMESTAMP NOT NULL`).
    private static func isTimestamp(_ declared: UnsafePointer<CChar>?) -> Bool {
        guard let declared else { return false }
        let firstWord = String(cString: declared).prefix { $0 != " " && $0 != "(" }
        return firstWord.uppercased() == "TIMESTAMP"
    }

    private func lastError(_ handle: OpaquePointer) -> SQLiteError {
        SQLiteError(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)))
    }
}
