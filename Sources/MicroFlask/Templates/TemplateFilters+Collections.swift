import Foundation

/// Filters over lists and strings: `first`, `last`, `sort`, `reverse`, `sum`, `min`, `max`.
extension TemplateFilters {
    static let collectionFilters: [String: TemplateFilter] = [
        "first": { value, _, _ in try value?.iterationItems().first },
        "last": { value, _, _ in try value?.iterationItems().last },
        "reverse": { value, _, _ in
            switch value {
            case .string(let text)?: return .string(String(text.reversed()))
            case .safe(let text)?: return .safe(String(text.reversed()))
            case let other?: return .array(try other.iterationItems().reversed())
            case nil: return nil
            }
        },
        "sort": { value, arguments, keywords in
            let reverse = argument(0, "reverse", arguments, keywords)?.isTruthy ?? false
            let caseSensitive = argument(1, "case_sensitive", arguments, keywords)?.isTruthy ?? false
            let attribute = argument(2, "attribute", arguments, keywords)?.stringContent
            return .array(try sorted(value, reverse: reverse, caseSensitive: caseSensitive, attribute: attribute))
        },
        "sum": { value, arguments, keywords in
            let start = argument(1, "start", arguments, keywords) ?? .int(0)
            return try (value?.iterationItems() ?? []).reduce(start) { total, item in
                if case .int(let a) = total, case .int(let b) = item { return .int(a &+ b) }
                guard let a = total.number, let b = item.number else {
                    throw TemplateError(.runtime, "sum() can only add numbers, not \(item.typeName)")
                }
                return .double(a + b)
            }
        },
        "min": { value, _, _ in try sorted(value, reverse: false, caseSensitive: false, attribute: nil).first },
        "max": { value, _, _ in try sorted(value, reverse: false, caseSensitive: false, attribute: nil).last },
    ]

    /// Sorts items with Python ordering; strings compare case-insensitively unless asked otherwise.
    static func sorted(
        _ value: TemplateValue?,
        reverse: Bool,
        caseSensitive: Bool,
        attribute: String?
    ) throws -> [TemplateValue] {
        let items = try value?.iterationItems() ?? []
        func key(_ item: TemplateValue) -> TemplateValue? {
            let base = attribute.map { item.attribute($0) ?? item.element(.string($0)) } ?? item
            if !caseSensitive, let text = base?.stringContent { return .string(text.lowercased()) }
            return base
        }
        var failure: (any Error)?
        let result = items.sorted { lhs, rhs in
            do {
                let order = try TemplateValue.order(key(lhs), key(rhs), "<")
                return reverse ? order == .orderedDescending : order == .orderedAscending
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        return result
    }
}
