import MicroFlask

/// Renders a page with what Flask's templates see without being told: `g.user` and `request.form`.
///
/// WORKAROUND(13.6): Flask's templates see `g` and `request.form` / the port passes both in the context.
/// WORKAROUND(13.1): Flask's views return `render_template(...)` beside `redirect(...)` / the port wraps the page in a Response.
func renderPage(_ app: App, _ req: Request, _ name: String, _ context: [String: TemplateValue] = [:]) throws
    -> Response
{
    var context = context
    // WORKAROUND(13.6): Flask's templates see g / the port passes g.user itself
    context["g"] = ["user": currentUser(req)?.templateValue ?? .null]
    // WORKAROUND(13.6): Flask's templates see request.form / the port passes the form itself
    var form: [String: TemplateValue] = [:]
    // WORKAROUND(13.6): as above
    for (key, value) in try req.form where form[key] == nil { form[key] = .string(value) }
    // WORKAROUND(13.6): as above, with the parts of `request` that MicroFlask already offers
    context["request"] = [
        "form": .dictionary(form), "path": .string(req.path), "method": .string(req.method.rawValue),
        "endpoint": req.endpoint.map(TemplateValue.string) ?? .null,
    ]
    // WORKAROUND(13.1): Flask returns the page's text / the port wraps it in a Response
    return Response(try app.render(name, context))
}

/// A required form field: a missing one is a 400, as Flask's `request.form["name"]` answers.
///
/// WORKAROUND(13.4): Flask's `request.form["x"]` answers 400 when missing / the port checks by hand.
func formField(_ req: Request, _ name: String) throws -> String {
    guard let value = try req.form[name] else { throw HTTPError(.badRequest) }
    return value
}
