import Foundation

/// The built-in filters, keyed by name. Each follows the Jinja filter of the same name.
enum TemplateFilters {
    static let builtins: [String: TemplateFilter] = {
        var filters: [String: TemplateFilter] = [
            "upper": { value, _, _ in mapText(value) { $0.uppercased() } },
            "lower": { value, _, _ in mapText(value) { $0.lowercased() } },
            "title": { value, _, _ in mapText(value, title) },
            "capitalize": { value, _, _ in mapText(value) { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() } },
            "trim": { value, arguments, keywords in
                let characters = argument(0, "chars", arguments, keywords)?.stringContent
                let set = characters.map { CharacterSet(charactersIn: $0) } ?? .whitespacesAndNewlines
                return mapText(value) { $0.trimmingCharacters(in: set) }
            },
            "length": { value, _, _ in try length(value) },
            "default": { value, arguments, keywords in
                let fallback = argument(0, "default_value", arguments, keywords) ?? .string("")
                let boolean = argument(1, "boolean", arguments, keywords)?.isTruthy ?? false
                guard let value else { return fallback }
                return boolean && !value.isTruthy ? fallback : value
            },
            "escape": { value, _, _ in escape(value) },
            "safe": { value, _, _ in
                if let value, value.isSafe { return value }
                return .safe(value?.text ?? "")
            },
            "join": { value, arguments, keywords in try join(value, arguments, keywords) },
            "replace": { value, arguments, keywords in try replace(value, arguments, keywords) },
            "int": { value, arguments, keywords in
                let fallback = argument(0, "default", arguments, keywords) ?? .int(0)
                let base = argument(1, "base", arguments, keywords).flatMap {
                    if case .int(let b) = $0 { b } else { nil }
                }
                return toInt(value, base: base ?? 10) ?? fallback
            },
            "float": { value, arguments, keywords in
                let fallback = argument(0, "default", arguments, keywords) ?? .double(0)
                return toDouble(value).map { .double($0) } ?? fallback
            },
            "round": { value, arguments, keywords in try round(value, arguments, keywords) },
            "abs": { value, _, _ in
                switch value {
                case .int(let number)?: return .int(abs(number))
                case .double(let number)?: return .double(abs(number))
                default:
                    throw TemplateError(.runtime, "bad operand type for abs(): '\(value?.typeName ?? "undefined")'")
                }
            },
            "string": { value, _, _ in
                if let value, value.isSafe { return value }
                return .string(value?.text ?? "")
            },
            "list": { value, _, _ in .array(try value?.iterationItems() ?? []) },
        ]
        for (name, filter) in collectionFilters { filters[name] = filter }
        filters["d"] = filters["default"]
        filters["e"] = filters["escape"]
        filters["count"] = filters["length"]
        return filters
    }()

    // MARK: - Helpers shared by the filters

    /// Positional argument `index`, or keyword `name`.
    static func argument(
        _ index: Int,
        _ name: String,
        _ arguments: [TemplateValue],
        _ keywords: [String: TemplateValue]
    ) -> TemplateValue? {
        index < arguments.count ? arguments[index] : keywords[name]
    }

    /// Applies a text transformation, keeping markup as markup. Undefined becomes the empty string.
    static func mapText(_ value: TemplateValue?, _ transform: (String) -> String) -> TemplateValue {
        guard let value else { return .string("") }
        if case .safe(let markup) = value { return .safe(transform(markup)) }
        return .string(transform(value.text))
    }

    /// Jinja's title case: each word starts upper-case after a space, `-`, or an opening bracket.
    static func title(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var atWordStart = true
        for character in text {
            let isBoundary = character.isWhitespace || "-({[<".contains(character)
            if isBoundary {
                out.append(character)
                atWordStart = true
            } else {
                out += atWordStart ? character.uppercased() : character.lowercased()
                atWordStart = false
            }
        }
        return out
    }

    static func length(_ value: TemplateValue?) throws -> TemplateValue {
        switch value?.plain {
        case nil: return .int(0)
        case .string(let text)?, .safe(let text)?: return .int(text.count)
        case .array(let items)?: return .int(items.count)
        case .dictionary(let entries)?: return .int(entries.count)
        case let other?: throw TemplateError(.runtime, "object of type '\(other.typeName)' has no length")
        }
    }

    static func escape(_ value: TemplateValue?) -> TemplateValue {
        guard let value else { return .safe("") }
        if value.isSafe { return value }
        return .safe(HTMLEscaping.escape(value.text))
    }

    private static func join(
        _ value: TemplateValue?,
        _ arguments: [TemplateValue],
        _ keywords: [String: TemplateValue]
    ) throws -> TemplateValue {
        let separator = argument(0, "d", arguments, keywords) ?? .string("")
        var items = try value?.iterationItems() ?? []
        if let attribute = argument(1, "attribute", arguments, keywords)?.stringContent {
            items = items.map { $0.attribute(attribute) ?? .string("") }
        }
        let isMarkup = separator.isSafe || items.contains { $0.isSafe }
        guard isMarkup else { return .string(items.map(\.text).joined(separator: separator.text)) }
        return .safe(items.map { escape($0).text }.joined(separator: escape(separator).text))
    }

    private static func replace(
        _ value: TemplateValue?,
        _ arguments: [TemplateValue],
        _ keywords: [String: TemplateValue]
    ) throws -> TemplateValue {
        guard let old = argument(0, "old", arguments, keywords), let new = argument(1, "new", arguments, keywords)
        else {
            throw TemplateError(
                .runtime, "replace() needs the old and new strings", hint: "write |replace('old', 'new')")
        }
        let limit = argument(2, "count", arguments, keywords).flatMap { if case .int(let n) = $0 { n } else { nil } }
        let source = value ?? .string("")
        let isMarkup = source.isSafe || old.isSafe || new.isSafe
        let text = isMarkup ? escape(source).text : source.text
        let target = isMarkup ? escape(old).text : old.text
        let replacement = isMarkup ? escape(new).text : new.text
        var result = text
        if let limit, limit >= 0 {
            result = ""
            var rest = Substring(text)
            var done = 0
            while done < limit, !target.isEmpty, let range = rest.range(of: target) {
                result += rest[..<range.lowerBound]
                result += replacement
                rest = rest[range.upperBound...]
                done += 1
            }
            result += rest
        } else if !target.isEmpty {
            result = text.replacingOccurrences(of: target, with: replacement)
        }
        return isMarkup ? .safe(result) : .string(result)
    }

    static func toInt(_ value: TemplateValue?, base: Int) -> TemplateValue? {
        switch value {
        case .int(let number)?: return .int(number)
        case .bool(let flag)?: return .int(flag ? 1 : 0)
        case .double(let number)?:
            guard number.isFinite, abs(number) < 9.2e18 else { return nil }
            return .int(Int(number))
        case .string(let text)?, .safe(let text)?:
            let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
            if let number = Int(trimmed, radix: base) { return .int(number) }
            return toInt(Double(trimmed).map { .double($0) }, base: base)
        default: return nil
        }
    }

    static func toDouble(_ value: TemplateValue?) -> Double? {
        switch value {
        case .string(let text)?, .safe(let text)?:
            return Double(text.trimmingCharacters(in: .whitespaces))
        default:
            return value?.number
        }
    }

    private static func round(
        _ value: TemplateValue?,
        _ arguments: [TemplateValue],
        _ keywords: [String: TemplateValue]
    ) throws -> TemplateValue {
        var precision = 0
        if case .int(let digits)? = argument(0, "precision", arguments, keywords) { precision = digits }
        let method = argument(1, "method", arguments, keywords)?.text ?? "common"
        if case .int(let number)? = value, method == "common", precision >= 0 { return .int(number) }
        guard let number = value?.number else {
            throw TemplateError(.runtime, "round() needs a number, not \(value?.typeName ?? "undefined")")
        }
        let rule: FloatingPointRoundingRule
        switch method {
        case "common": rule = .toNearestOrEven
        case "ceil": rule = .up
        case "floor": rule = .down
        default: throw TemplateError(.runtime, "round() method must be 'common', 'ceil' or 'floor'")
        }
        let scale = pow(10, Double(precision))
        return .double((number * scale).rounded(rule) / scale)
    }
}
