import Foundation

/// The few Python methods templates commonly call: `d.items()`, `d.get(k)`, `s.upper()`, … .
enum TemplateMethods {
    static func call(
        _ method: String, on value: TemplateValue?, _ arguments: [TemplateValue], _ keywords: [String: TemplateValue]
    ) throws -> TemplateValue? {
        if case .object(let object)? = value {
            if let result = try object.callMethod(method, arguments, keywords) { return result }
            if let plain = object.plainValue { return try call(method, on: plain, arguments, keywords) }
            throw TemplateError(.runtime, "'\(object.templateTypeName)' object has no method '\(method)'")
        }
        switch (value, method) {
        case (.dictionary?, "items"): return .array(value!.dictionaryItems)
        case (.dictionary(let entries)?, "keys"): return .array(entries.keys.map { .string($0) })
        case (.dictionary(let entries)?, "values"): return .array(entries.values)
        case (.dictionary(let entries)?, "get"):
            guard let key = arguments.first?.stringContent else { return arguments.count > 1 ? arguments[1] : .null }
            return entries[key] ?? (arguments.count > 1 ? arguments[1] : .null)
        case (.string(let text)?, _), (.safe(let text)?, _):
            if let result = try stringMethod(method, text, arguments) {
                if case .string(let string) = result, value!.isSafe { return .safe(string) }
                return result
            }
        default:
            break
        }
        throw TemplateError(.runtime, "'\(value?.typeName ?? "undefined")' object has no method '\(method)'")
    }

    private static func stringMethod(_ method: String, _ text: String, _ arguments: [TemplateValue]) throws
        -> TemplateValue?
    {
        let first = arguments.first?.stringContent
        switch method {
        case "upper": return .string(text.uppercased())
        case "lower": return .string(text.lowercased())
        case "strip": return .string(text.trimmingCharacters(in: .whitespacesAndNewlines))
        case "title": return .string(TemplateFilters.title(text))
        case "capitalize": return .string(text.prefix(1).uppercased() + text.dropFirst().lowercased())
        case "startswith": return .bool(text.hasPrefix(first ?? ""))
        case "endswith": return .bool(text.hasSuffix(first ?? ""))
        case "replace":
            guard let old = first, let new = arguments.dropFirst().first?.stringContent else { return nil }
            return .string(text.replacingOccurrences(of: old, with: new))
        case "split":
            if let separator = first {
                return .array(text.components(separatedBy: separator).map { .string($0) })
            }
            return .array(text.split(whereSeparator: \.isWhitespace).map { .string(String($0)) })
        default: return nil
        }
    }
}
