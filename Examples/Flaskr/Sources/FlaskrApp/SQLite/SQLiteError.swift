import CSQLite

/// An error reported by SQLite, with its result code and message.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// SQLite's (extended) result code, such as `SQLITE_CONSTRAINT_UNIQUE`.
    public let code: Int32
    /// SQLite's message, or ours for misuse such as a closed database.
    public let message: String

    /// Whether a constraint failed (a UNIQUE username, for one): Python's `sqlite3.IntegrityError`.
    public var isConstraintViolation: Bool { code & 0xFF == SQLITE_CONSTRAINT }

    /// `SQLite error <code>: <message>`.
    public var description: String { "SQLite error \(code): \(message)" }

    /// The error for an operation on a closed connection (Python's `ProgrammingError`).
    static let closed = SQLiteError(code: SQLITE_MISUSE, message: "Cannot operate on a closed database.")
}
