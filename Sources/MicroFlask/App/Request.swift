import Foundation

/// The request as a view sees it (Flask's `request`): the HTTP request, plus the app-level
/// state of this request: the session and flashes, `g`, the app and its config, the matched
/// endpoint, rule, blueprint and parameters, and URL building.
///
/// ```swift
/// app.get("/users/<int:id>") { req in
///     let id: Int = try req.param("id")
///     let verbose = req.args["verbose"] != nil
///     req.g["viewer"] = req.session["user_id"] as Int?
///     return "user \(id) on \(req.app.name), see \(try req.urlFor("index"))"
/// }
/// ```
/// The HTTP parts (`method`, `path`, `args`, `headers`, `cookies`, `body`, `form`, ...) are
/// forwarded from `http`, an `HTTPRequest`, which knows nothing of the app.
///
/// `@unchecked Sendable` by the one-owner protocol: the dispatcher creates it for one request,
/// and only the thread dispatching that request (or the async view it waits for) touches it.
public final class Request: @unchecked Sendable {
    /// The HTTP request underneath: what the client sent, parsed lazily.
    public let http: HTTPRequest
    /// The frozen app serving this request.
    let dispatcher: Dispatcher
    /// Path parameters captured by the route, in rule order, as their converters produced them:
    /// converted once, while the route matched. Kept as a list, since most views read one or two
    /// by name and a dictionary would cost more to build than the look-ups it saves.
    let captures: [RoutePattern.Capture]
    /// Path parameters captured by the route, as their converters produced them (`<int:id>`
    /// gives `.int`).
    public var routeValues: [String: RouteValue] {
        Dictionary(captures.map { ($0.name, $0.value) }) { _, last in last }
    }
    /// Path parameters captured by the route, as text: each value's `description`.
    public var params: [String: String] {
        if let paramsText { return paramsText }
        let text = Dictionary(captures.map { ($0.name, $0.value.description) }) { _, last in last }
        paramsText = text
        return text
    }
    /// `params`, made on first use.
    private var paramsText: [String: String]?

    /// The value the route captured for `name`, if any.
    func routeValue(_ name: String) -> RouteValue? {
        captures.first { $0.name == name }?.value
    }
    /// The endpoint name of the matched route (`index`, `auth.login`), nil when none matched.
    public let endpoint: String?
    /// The rule of the matched route as registered, prefix included (Flask's `request.url_rule`),
    /// such as `/users/<int:id>`; nil when none matched.
    public let rule: String?
    /// The dotted name of the matched route's blueprint (`auth`, `api.v1`; Flask's
    /// `request.blueprint`); nil for the app's own routes and when none matched.
    public let blueprint: String?
    /// Per-request values (Flask's `g`): set in a `beforeRequest` hook, read in the view.
    ///
    /// ```swift
    /// app.beforeRequest { req in req.g["user"] = loadUser(req); return nil }
    /// app.get("/") { req in
    ///     let user: User? = req.g["user"]
    ///     return "Hello, \(user?.name ?? "stranger")"
    /// }
    /// ```
    public var g = RequestGlobals()
    /// The session, once loaded.
    var loadedSession: Session?
    /// The flashed messages, once taken out of the session in this request.
    var takenFlashes: [(category: String, message: String)]?
    /// Set when parsing the form body failed (the dispatcher answered the error): reads are then empty.
    var formFailed = false

    /// Wraps `http` for the app of `dispatcher`, with the route that matched it (nil when
    /// none did); the dispatcher makes one per request.
    init(http: HTTPRequest, dispatcher: Dispatcher, route: Route?, captures: [RoutePattern.Capture]) {
        self.http = http
        self.dispatcher = dispatcher
        self.captures = captures
        self.endpoint = route?.endpoint
        self.rule = route?.rule
        self.blueprint = route?.blueprint
    }

    /// The application serving this request (Flask's `current_app`), so views and blueprints
    /// reach it without capturing it.
    ///
    /// ```swift
    /// bp.get("/") { req in try req.app.render("index.html") }
    /// ```
    public var app: App { dispatcher.app }

    /// The app's settings as frozen for serving (Flask's `current_app.config`).
    public var config: Config { dispatcher.config }

    /// The JSON response for an `Encodable` view result, encoded as the app's config says.
    func jsonResponse(_ value: some Encodable) throws -> Response {
        try dispatcher.jsonEncoding.response(value)
    }

    /// A path parameter converted to `T`.
    ///
    /// Throws a 400 `HTTPError` naming the parameter when it is missing or does not convert.
    /// ```swift
    /// let id: Int = try req.param("id")
    /// ```
    public func param<T: RouteParameter>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let value = routeValue(name) else {
            throw HTTPError(.badRequest, message: "The route has no parameter named '\(name)'.")
        }
        guard let typed = T(routeValue: value) else {
            throw HTTPError(.badRequest, message: "Parameter '\(name)' is not a valid \(T.self): '\(value)'.")
        }
        return typed
    }
}
