import Foundation

/// Flask's `g` in templates: the request's per-request storage, each value converted when read.
///
/// Values that are a `TemplateValue`, a ``TemplateObject``, a `Date` or any `Encodable` (a
/// `String`, a number, a `struct User: Codable`, …) can be read; others are undefined.
struct GTemplateObject: TemplateObject {
    let request: Request

    var templateTypeName: String { "_AppCtxGlobals" }

    func member(_ name: String) -> TemplateValue? {
        if request.g.holdsNone(name) { return .null }
        return request.g[name].flatMap(Self.templateValue)
    }

    /// `g.get(name, default=None)`, as Flask's `g.get`, converting only that value.
    func callMethod(
        _ name: String, _ arguments: [TemplateValue], _ keywords: [String: TemplateValue]
    ) throws -> TemplateValue? {
        guard name == "get" else { return nil }
        let key = (arguments.first ?? keywords["name"])?.stringContent ?? ""
        return member(key) ?? (arguments.count > 1 ? arguments[1] : keywords["default"] ?? .null)
    }

    var plainValue: TemplateValue? {
        var result = TemplateDictionary()
        for key in request.g.keys { result[key] = member(key) }
        return .dictionary(result)
    }

    /// A stored value as a template value, when it has one.
    static func templateValue(_ value: Any) -> TemplateValue? {
        switch value {
        case let value as TemplateValue: return value
        case let value as any TemplateObject: return .object(value)
        case let value as Date: return .date(value)
        case let value as any Encodable: return try? TemplateValue(encoding: value)
        default: return nil
        }
    }
}
