/// What `addURLRule` needs besides `addRoute`: App and Blueprint record rules without a view.
protocol AliasRegistering: AnyObject {
    func addAlias(_ rule: String, methods: [Method], endpoint: String?, location: String)
}

extension RouteRegistering {
    /// Adds a rule for an endpoint, like Flask's `add_url_rule(rule, endpoint, view_func)`.
    ///
    /// With a `view`, it is a route like any other (one `View` value may serve several rules
    /// under one endpoint). Without one, the rule takes the view of `endpoint` when some route
    /// has it, and otherwise only builds URLs; Flaskr's `app.add_url_rule("/", endpoint="index")`:
    /// ```swift
    /// blog.get("/") { req in try app.render("blog/index.html") }   // endpoint "blog.index"
    /// app.register(blog)
    /// app.addURLRule("/", endpoint: "index")                        // urlFor("index") == "/"
    /// ```
    /// - Parameters:
    ///   - rule: the URL pattern, with the placeholders `route` accepts.
    ///   - endpoint: the name; derived from the rule when nil (see `route`). On a blueprint it
    ///     is relative to it, like every endpoint registered there.
    ///   - methods: the methods the rule answers (GET by default).
    ///   - view: the view to serve; nil to reuse the view of `endpoint`, or only build URLs.
    ///   - file: where the rule was added, for setup errors; leave the default.
    ///   - line: the line of `file`; leave the default.
    public func addURLRule(
        _ rule: String, endpoint: String? = nil, methods: [Method] = [.GET], view: View? = nil,
        file: String = #fileID, line: Int = #line
    ) {
        let location = "\(file):\(line)"
        if let view {
            addRoute(rule, methods: methods, endpoint: endpoint, location: location) { try view($0).makeResponse() }
        } else if let registry = self as? any AliasRegistering {
            registry.addAlias(rule, methods: methods, endpoint: endpoint, location: location)
        } else {
            preconditionFailure("addURLRule without a view needs an App or a Blueprint, not \(type(of: self))")
        }
    }
}
