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

    /// The fields as a mapping (name as first sent, repeated fields' values joined), for `in`,
    /// `|length` and loops; one pass over the fields, grouping them by their lower-cased name.
    var plainValue: TemplateValue? {
        var groups: [String: Int] = [:]
        var names: [String] = []
        var values: [[String]] = []
        for field in headers {
            let key = field.name.lowercased()
            if let group = groups[key] {
                values[group].append(field.value)
            } else {
                groups[key] = names.count
                names.append(field.name)
                values.append([field.value])
            }
        }
        return .dictionary(
            TemplateDictionary(zip(names, values).map { ($0, TemplateValue.string($1.joined(separator: ", "))) }))
    }
}
