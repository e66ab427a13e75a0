/// A value stored in or read from SQLite: one of its five storage classes.
public enum SQLiteValue: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case integer(Int)
    case real(Double)
    case text(String)
    case blob([UInt8])
    case null

    public init(stringLiteral value: String) { self = .text(value) }
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
}
