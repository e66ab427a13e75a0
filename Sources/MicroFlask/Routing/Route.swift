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
    /// Whether the endpoint name was given (`endpoint:`) rather than derived from the rule.
    /// Several rules may share an endpoint only when every one of them names it.
    var endpointIsExplicit = true
    /// A rule added by `addURLRule` without a view: it takes the view of its endpoint when
    /// another rule has one, and otherwise only builds URLs (Flaskr's
    /// `app.add_url_rule("/", endpoint="index")`).
    var isAlias = false
    /// The view: an App `Handler` in a box, kept opaque because Routing may not name App's
    /// types. A class reference, so copying a route (every match does) is one retain.
    let handler: any AnyObject & Sendable

    /// This route under a blueprint's URL prefix and endpoint name.
    func nested(rulePrefix: String, endpointPrefix: String, blueprint: String) -> Route {
        var route = Route(
            rule: rulePrefix + rule, methods: methods, endpoint: "\(endpointPrefix).\(endpoint)", location: location,
            blueprint: blueprint, handler: handler)
        route.endpointIsExplicit = endpointIsExplicit
        route.isAlias = isAlias
        return route
    }
}

/// A rule compiled at freeze time. A class, so that a match hands it on with one retain
/// instead of copying every field of the route and its pattern.
final class CompiledRoute: Sendable {
    let route: Route
    let pattern: RoutePattern
    /// The registered methods plus HEAD (when GET is there) and OPTIONS.
    let methods: Set<Method>
    /// `methods` as a list: the registered ones in order, then HEAD and OPTIONS. Every request
    /// asks whether its route answers its method, and a scan of a few short strings costs less
    /// than hashing the method for the set (about 290 instructions a request).
    let methodList: [Method]
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
        var list: [Method] = []
        for method in route.methods + [.HEAD, .OPTIONS] where methods.contains(method) && !list.contains(method) {
            list.append(method)
        }
        methodList = list
    }
}
