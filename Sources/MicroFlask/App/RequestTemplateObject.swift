/// Flask's `request` in templates: each field is read from the ``Request`` when the template
/// asks for it, so rendering a page that never touches `request.form` never parses the body.
///
/// Fields: `form`, `args`, `values`, `cookies`, `headers`, `view_args`, `path`, `full_path`,
/// `script_root`, `url`, `base_url`, `url_root`, `host_url`, `host`, `scheme`, `method`,
/// `endpoint`, `blueprint`, `remote_addr`, `is_secure`, `is_json`, `mimetype`, `content_type`,
/// `content_length` and `query_string`. `form`, `args`, `values` and `cookies` are mappings
/// of the first value per key, in order, as Werkzeug's `MultiDict` reads with `[]`.
struct RequestTemplateObject: TemplateObject {
    let request: Request
    /// The mappings already built for this render (the object is made once per render).
    private let cache = TemplateMemberCache()

    init(request: Request) {
        self.request = request
    }

    var templateTypeName: String { "Request" }

    func member(_ name: String) -> TemplateValue? {
        switch name {
        case "form": return cache.value(name) { Self.mapping(form) }
        case "args": return cache.value(name) { Self.mapping(request.args) }
        case "values":
            return cache.value(name) {
                Self.mapping(
                    MultiDict(Array(request.args.map { ($0.key, $0.value) }) + form.map { ($0.key, $0.value) }))
            }
        case "cookies":
            return cache.value(name) {
                .dictionary(TemplateDictionary(request.cookies.mapValues(TemplateValue.string)))
            }
        case "headers": return .object(HeadersTemplateObject(headers: request.headers))
        case "view_args":
            return cache.value(name) { .dictionary(TemplateDictionary(request.params.mapValues(TemplateValue.string))) }
        case "path": return .string(request.path)
        case "full_path": return .string(request.path + "?" + request.queryString)
        case "script_root": return .string("")
        case "url": return .string(request.url)
        case "base_url": return .string(request.baseURL)
        case "url_root", "host_url": return .string(hostURL)
        case "host": return .string(request.host)
        case "scheme": return .string(request.scheme)
        case "method": return .string(request.method.rawValue)
        case "endpoint": return request.endpoint.map(TemplateValue.string) ?? .null
        case "blueprint": return request.blueprint.map(TemplateValue.string) ?? .null
        case "remote_addr": return .string(request.remoteAddress)
        case "is_secure": return .bool(request.scheme == "https")
        case "is_json": return .bool(request.isJSON)
        case "mimetype": return .string(request.mimeType)
        case "content_type": return request.headers["Content-Type"].map(TemplateValue.string) ?? .null
        case "content_length":
            return request.headers["Content-Length"].flatMap { Int($0) }.map(TemplateValue.int) ?? .null
        case "query_string": return .string(String(request.queryString))
        default: return nil
        }
    }

    /// Flask prints `<Request 'http://localhost/path' [GET]>`.
    var templateText: String { "<Request '\(request.url)' [\(request.method.rawValue)]>" }

    private var form: MultiDict { request.form }

    private var hostURL: String { "\(request.scheme)://\(request.host.isEmpty ? "localhost" : request.host)/" }

    /// A multi-map as templates read it: the first value of each key, keys in first-seen order.
    static func mapping(_ values: MultiDict) -> TemplateValue {
        var result = TemplateDictionary()
        for (key, value) in values where result[key] == nil { result[key] = .string(value) }
        return .dictionary(result)
    }
}
