/// One registered rule: a pattern, its methods, its endpoint name and its view.
public struct Route: Sendable {
    /// The pattern as written, such as `/users/<int:id>`.
    public let rule: String
    /// The methods the view answers, as registered (HEAD and OPTIONS are added when frozen).
    public let methods: [Method]
    /// The endpoint name used by `urlFor`, such as `users` or `api.items`.
    public let endpoint: String
    /// Where the route was registered (`file:line`), for error messages.
    public let location: String
    /// The dotted name of the blueprint that registered it (`api`, `api.v1`), nil for the app.
    public let blueprint: String?
    /// The view: an App `Handler` in a box, kept opaque because Routing may not name App's
    /// types. A class reference, so copying a route (every match does) is one retain.
    let handler: any AnyObject & Sendable
}

/// A rule compiled at freeze time.
struct CompiledRoute: Sendable {
    let route: Route
    let pattern: RoutePattern
    /// The registered methods plus HEAD (when GET is there) and OPTIONS.
    let methods: Set<Method>
    /// Whether OPTIONS is answered automatically (the user did not register it).
    let automaticOptions: Bool

    init(route: Route, pattern: RoutePattern) {
        self.route = route
        self.pattern = pattern
        var methods = Set(route.methods)
        if methods.contains(.GET) { methods.insert(.HEAD) }
        automaticOptions = !methods.contains(.OPTIONS)
        methods.insert(.OPTIONS)
        self.methods = methods
    }
}
