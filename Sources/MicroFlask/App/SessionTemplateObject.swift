/// Flask's `session` in templates. The session is loaded from its cookie only when a template
/// reads it, so a page that never shows `session` leaves it untouched.
struct SessionTemplateObject: TemplateObject {
    let request: Request

    var templateTypeName: String { "SecureCookieSession" }

    func member(_ name: String) -> TemplateValue? {
        request.session[name].map(\.templateValue)
    }

    /// `session.get(key[, default])`, reading one key without converting the whole session
    /// (positional only, as for Flask's session, a `dict`).
    func callMethod(
        _ name: String, _ arguments: [TemplateValue], _ keywords: [String: TemplateValue]
    ) throws -> TemplateValue? {
        guard name == "get" else { return nil }
        guard keywords.isEmpty, (1...2).contains(arguments.count) else {
            throw TemplateError(.runtime, "session.get() takes a key and an optional default, without keywords")
        }
        return arguments[0].stringContent.flatMap(member) ?? (arguments.count > 1 ? arguments[1] : .null)
    }

    /// The whole session, for `session.get(...)`, `'key' in session`, `{% if session %}` and loops.
    var plainValue: TemplateValue? {
        let session = request.session
        return .dictionary(
            TemplateDictionary(session.keys.compactMap { key in session[key].map { (key, $0.templateValue) } }))
    }
}
