/// `request.headers` in templates: `headers['User-Agent']` and `headers.get('accept', '')` look
/// names up case-insensitively, as Werkzeug's headers do.
struct HeadersTemplateObject: TemplateObject {
    let headers: Headers

    var templateTypeName: String { "EnvironHeaders" }

    func member(_ name: String) -> TemplateValue? {
        headers[name].map(TemplateValue.string)
    }

    func callMethod(
        _ name: String, _ arguments: [TemplateValue], _ keywords: [String: TemplateValue]
    ) throws -> TemplateValue? {
        guard name == "get" else { return nil }
        let key = (arguments.first ?? keywords["key"])?.stringContent ?? ""
        let fallback = arguments.count > 1 ? arguments[1] : keywords["default"] ?? .null
        return member(key) ?? fallback
    }

    /// The fields as a mapping (name as sent, values joined), for `in`, `|length` and loops.
    var plainValue: TemplateValue? {
        var result = TemplateDictionary()
        for field in headers where result[field.name] == nil {
            result[field.name] = .string(headers.values(for: field.name).joined(separator: ", "))
        }
        return .dictionary(result)
    }
}
