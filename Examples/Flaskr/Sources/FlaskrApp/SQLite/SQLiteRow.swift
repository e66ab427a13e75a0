/// One result row, readable by column name or position (Python's `sqlite3.Row`).
public struct SQLiteRow: Sendable, Equatable {
    /// The column names, in the order of the query.
    public let columns: [String]
    /// The values, in the same order.
    public let values: [SQLiteValue]

    /// The value of the column named `name`, or nil when the query has no such column.
    public subscript(name: String) -> SQLiteValue? {
        columns.firstIndex(of: name).map { values[$0] }
    }

    /// The value at `index`.
    public subscript(index: Int) -> SQLiteValue { values[index] }
}
