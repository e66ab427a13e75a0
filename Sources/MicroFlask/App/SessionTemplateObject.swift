/// Flask's `session` in templates. The session is loaded from its cookie only when a template
/// reads it, so a page that never shows `session` leaves it untouched.
struct SessionTemplateObject: TemplateObject {
    let request: Request

    var templateTypeName: String { "SecureCookieSession" }

    func member(_ name: String) -> TemplateValue? {
        request.session[name].map(\.templateValue)
    }

    /// The whole session, for `session.get(...)`, `'key' in session`, `{% if session %}` and loops.
    var plainValue: TemplateValue? {
        let session = request.session
        return .dictionary(
            TemplateDictionary(session.keys.compactMap { key in session[key].map { (key, $0.templateValue) } }))
    }
}
