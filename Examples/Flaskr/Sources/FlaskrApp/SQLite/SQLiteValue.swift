import Foundation

/// A value stored in or read from SQLite: one of its five storage classes, or a timestamp.
///
/// As Python's `sqlite3` with `detect_types=PARSE_DECLTYPES` (what Flaskr's `get_db` asks
/// for), a column declared `TIMESTAMP` reads as a date (`.timestamp`), so templates can write
/// `post['created'].strftime('%Y-%m-%d')`; it is stored as the text `YYYY-MM-DD HH:MM:SS`.
public enum SQLiteValue: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    /// An `INTEGER` value.
    case integer(Int)
    /// A `REAL` value.
    case real(Double)
    /// A `TEXT` value.
    case text(String)
    /// A `BLOB` value.
    case blob([UInt8])
    /// A `TIMESTAMP` column's value, a wall-clock time read as UTC (SQLite's `CURRENT_TIMESTAMP` is UTC).
    case timestamp(Date)
    /// SQL `NULL` (Python's `None`).
    case null

    /// A string literal is `.text`.
    public init(stringLiteral value: String) { self = .text(value) }
    /// An integer literal is `.integer`.
    public init(integerLiteral value: Int) { self = .integer(value) }

    /// The integer, if this is one.
    public var int: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The text, if this is text.
    public var string: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    /// The date, if this is a timestamp.
    public var date: Date? {
        if case .timestamp(let value) = self { return value }
        return nil
    }
}
