/// Making the routes that `addRoute` and `addURLRule` record.
extension Route {
    /// A route registered with a view; its endpoint is derived from the rule unless given.
    static func registered(
        _ rule: String, methods: [Method], endpoint: String?, location: String, handler: @escaping Handler
    ) -> Route {
        var route = Route(
            rule: rule, methods: methods, endpoint: endpoint ?? App.derivedEndpoint(rule), location: location,
            blueprint: nil, handler: handler)
        route.endpointIsExplicit = endpoint != nil
        return route
    }

    /// A rule without a view of its own (see `addURLRule`); until resolved at freeze, its
    /// handler answers 404.
    static func alias(_ rule: String, methods: [Method], endpoint: String?, location: String) -> Route {
        var route = registered(rule, methods: methods, endpoint: endpoint, location: location) { _ in
            throw HTTPError(.notFound)
        }
        route.isAlias = true
        return route
    }
}
