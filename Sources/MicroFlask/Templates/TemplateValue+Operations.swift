import Foundation

/// Comparison, membership and attribute access with Python semantics, shared by the renderer and filters.
extension TemplateValue {
    /// The Python type name, for error messages.
    var typeName: String {
        switch self {
        case .null: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "float"
        case .string: return "str"
        case .safe: return "Markup"
        case .array: return "list"
        case .dictionary: return "dict"
        case .object(let object): return object.templateTypeName
        }
    }

    /// How Jinja names the value's type in undefined errors: `dict object`, `None`, … .
    var objectTypeRepr: String {
        if case .null = self { return "None" }
        return typeName + " object"
    }

    /// The value itself, or for an object the plain value it stands for (when it has one).
    var plain: TemplateValue {
        if case .object(let object) = self, let value = object.plainValue { return value }
        return self
    }

    /// The value as a number, when it is one (booleans count, as in Python).
    var number: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        case .bool(let value): return value ? 1 : 0
        default: return nil
        }
    }

    /// The string content of `.string` and `.safe`.
    var stringContent: String? {
        switch self {
        case .string(let text), .safe(let text): return text
        default: return nil
        }
    }

    /// Python `==`: numbers compare by value across int, float and bool; markup equals its text.
    static func looselyEqual(_ lhs: TemplateValue?, _ rhs: TemplateValue?) -> Bool {
        guard let lhs = lhs?.plain, let rhs = rhs?.plain else { return lhs == nil && rhs == nil }
        if let left = lhs.number, let right = rhs.number { return left == right }
        if let left = lhs.stringContent, let right = rhs.stringContent { return left == right }
        switch (lhs, rhs) {
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { looselyEqual($0, $1) }
        case (.dictionary(let left), .dictionary(let right)):
            return left.count == right.count && left.allSatisfy { looselyEqual($0.value, right[$0.key]) }
        case (.object(let left), .object(let right)):
            return left.isEqual(to: right)
        default:
            return lhs == rhs
        }
    }

    /// Python ordering for numbers, strings and lists; throws for anything else.
    static func order(_ lhs: TemplateValue?, _ rhs: TemplateValue?, _ symbol: String) throws -> ComparisonResult {
        if let lhs = lhs?.plain, let rhs = rhs?.plain {
            if case .object(let left) = lhs, case .object(let right) = rhs,
                let left = left as? TemplateDate, let right = right as? TemplateDate
            {
                return left.date < right.date
                    ? .orderedAscending : left.date > right.date ? .orderedDescending : .orderedSame
            }
            if let left = lhs.number, let right = rhs.number {
                return left < right ? .orderedAscending : left > right ? .orderedDescending : .orderedSame
            }
            if let left = lhs.stringContent, let right = rhs.stringContent {
                return left < right ? .orderedAscending : left > right ? .orderedDescending : .orderedSame
            }
            if case .array(let left) = lhs, case .array(let right) = rhs {
                for (a, b) in zip(left, right) {
                    let result = try order(a, b, symbol)
                    if result != .orderedSame { return result }
                }
                return left.count < right.count
                    ? .orderedAscending : left.count > right.count ? .orderedDescending : .orderedSame
            }
        }
        throw TemplateError(
            .runtime,
            "'\(symbol)' is not supported between \(lhs?.typeName ?? "undefined") and \(rhs?.typeName ?? "undefined")")
    }

    /// Python `in`: substring, list element or dictionary key.
    func contains(_ element: TemplateValue?) throws -> Bool {
        let element = element?.plain
        switch plain {
        case .string(let text), .safe(let text):
            guard let needle = element?.stringContent else {
                throw TemplateError(
                    .runtime, "'in <string>' requires a string on the left, not \(element?.typeName ?? "undefined")")
            }
            return needle.isEmpty || text.contains(needle)
        case .array(let items):
            return items.contains { TemplateValue.looselyEqual($0, element) }
        case .dictionary(let entries):
            guard let key = element?.stringContent else { return false }
            return entries[key] != nil
        default:
            throw TemplateError(.runtime, "argument of type '\(typeName)' is not iterable")
        }
    }

    /// `value.name`: a dictionary key or an object's member; anything else has no attributes (undefined).
    func attribute(_ name: String) -> TemplateValue? {
        switch self {
        case .dictionary(let entries): return entries[name]
        case .object(let object): return object.member(name)
        default: return nil
        }
    }

    /// `value[key]`: dictionary key, or list and string position (negative counts from the end).
    func element(_ key: TemplateValue) -> TemplateValue? {
        switch (self, key) {
        case (.object(let object), _):
            return object.item(key)
        case (.dictionary(let entries), _):
            if let name = key.stringContent { return entries[name] }
            if case .int(let number) = key { return entries[String(number)] }
            return nil
        case (.array(let items), .int(let position)):
            let resolved = position < 0 ? items.count + position : position
            guard items.indices.contains(resolved) else { return nil }
            return items[resolved]
        case (.string(let text), .int(let position)), (.safe(let text), .int(let position)):
            let characters = Array(text)
            let resolved = position < 0 ? characters.count + position : position
            guard characters.indices.contains(resolved) else { return nil }
            return .string(String(characters[resolved]))
        default:
            return nil
        }
    }

    /// The items a `{% for %}` loop visits: list elements, dictionary keys (in order) or characters.
    func iterationItems() throws -> [TemplateValue] {
        switch plain {
        case .array(let items): return items
        case .dictionary(let entries): return entries.keys.map { .string($0) }
        case .string(let text), .safe(let text): return text.map { .string(String($0)) }
        default: throw TemplateError(.runtime, "'\(typeName)' object is not iterable")
        }
    }

    /// `(key, value)` pairs of a dictionary in order, as two-element lists.
    var dictionaryItems: [TemplateValue] {
        guard case .dictionary(let entries) = self else { return [] }
        return entries.map { .array([.string($0.key), $0.value]) }
    }
}
