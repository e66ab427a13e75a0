/// A value encodes as what Python's `sqlite3` gives: a number, text, bytes, a date for a
/// timestamp (a `datetime` in templates), or nil (`None`).
extension SQLiteValue: Encodable {
    /// Encodes the value as a single value: its number, text, bytes or date, or nil.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let number): try container.encode(number)
        case .real(let number): try container.encode(number)
        case .text(let text): try container.encode(text)
        case .blob(let bytes): try container.encode(bytes)
        case .timestamp(let date): try container.encode(date)
        case .null: try container.encodeNil()
        }
    }
}
