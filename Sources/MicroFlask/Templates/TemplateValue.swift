import Foundation

/// A dynamic value that templates can print, test, iterate and pass to filters.
///
/// Contexts are plain dictionaries of these values, and the literal conformances keep them short:
///
/// ```swift
/// let context: [String: TemplateValue] = ["title": "Home", "items": [1, 2], "user": ["name": "Ada"]]
/// ```
///
/// Mappings keep insertion order, as Python's `dict` does, so `{% for k, v in d.items() %}`
/// iterates as in Jinja. (The context itself is a Swift dictionary: its order does not matter,
/// since templates read it by name.)
public enum TemplateValue: Sendable, Equatable {
    /// Python's `None`; prints as `None`, like Jinja. A missing variable is *undefined* instead and prints nothing.
    case null
    /// A boolean; prints as `True` or `False`.
    case bool(Bool)
    /// An integer.
    case int(Int)
    /// A floating-point number; prints like Python (`2.0`, `0.5`).
    case double(Double)
    /// Text that is HTML-escaped when printed.
    case string(String)
    /// Markup that is printed as is (the result of `|safe` or `|escape`).
    case safe(String)
    /// A list.
    case array([TemplateValue])
    /// A mapping from keys to values, in insertion order; attribute access `user.name` reads key `"name"`.
    case dictionary(TemplateDictionary)
    /// A host object whose members are read on demand (see ``TemplateObject``), such as `request`.
    /// (Stored out of line, so that every other value stays as small as a `String`.)
    indirect case object(any TemplateObject)

    /// A mapping made from a Swift dictionary, whose order is unspecified: its keys are sorted.
    /// (Dictionary literals written as a `TemplateValue` keep their written order instead.)
    @_disfavoredOverload
    public static func dictionary(_ entries: [String: TemplateValue]) -> TemplateValue {
        .dictionary(TemplateDictionary(entries))
    }

    /// Values are equal when they have the same case and payload; objects when they say so.
    public static func == (lhs: TemplateValue, rhs: TemplateValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.string(let a), .string(let b)), (.safe(let a), .safe(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.dictionary(let a), .dictionary(let b)): return a == b
        case (.object(let a), .object(let b)): return a.isEqual(to: b)
        default: return false
        }
    }
}

extension TemplateValue {
    /// Whether the value counts as true in `{% if %}`, `and`, `or` and `not` (Python truthiness).
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let value): return value
        case .int(let value): return value != 0
        case .double(let value): return value != 0
        case .string(let text), .safe(let text): return !text.isEmpty
        case .array(let items): return !items.isEmpty
        case .dictionary(let entries): return !entries.isEmpty
        case .object(let object): return object.plainValue?.isTruthy ?? true
        }
    }

    /// Whether the value is markup that must not be escaped again.
    var isSafe: Bool {
        if case .safe = self { return true }
        return false
    }

    /// The value as Python's `str()` would print it, without escaping.
    public var text: String {
        switch self {
        case .string(let text), .safe(let text): return text
        case .int(let value): return String(value)
        default:
            var out = ""
            writeText(into: &out)
            return out
        }
    }

    /// Appends the Python `str()` form of the value to `out`.
    func writeText(into out: inout String) {
        switch self {
        case .null: out += "None"
        case .bool(let value): out += value ? "True" : "False"
        case .int(let value): out += String(value)
        case .double(let value): out += TemplateValue.pythonString(value)
        case .string(let text), .safe(let text): out += text
        case .array, .dictionary: writeRepr(into: &out)
        case .object(let object): out += object.templateText
        }
    }

    /// Appends the Python `repr()` form of the value, as used inside printed lists and dicts.
    func writeRepr(into out: inout String) {
        switch self {
        case .string(let text), .safe(let text):
            out += "'"
            out += text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
            out += "'"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += ", " }
                item.writeRepr(into: &out)
            }
            out += "]"
        case .dictionary(let entries):
            out += "{"
            for (index, entry) in entries.enumerated() {
                if index > 0 { out += ", " }
                TemplateValue.string(entry.key).writeRepr(into: &out)
                out += ": "
                entry.value.writeRepr(into: &out)
            }
            out += "}"
        default:
            writeText(into: &out)
        }
    }

    /// Formats a double the way Python prints floats: always with a fraction or an exponent.
    static func pythonString(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        var text = value.description
        if let exponent = text.firstIndex(of: "e") {
            // Swift prints 1e+20 and 1e-07 like Python; only strip a redundant ".0" mantissa.
            let mantissa = text[..<exponent]
            if mantissa.hasSuffix(".0") {
                text = String(mantissa.dropLast(2)) + text[exponent...]
            }
            return text
        }
        return text
    }
}
