/// Endpoint names: derived from rules, given with `endpoint:`, shared by several rules.
extension App {
    /// The endpoint name of a rule registered without `endpoint:`, made to read like the view
    /// function name Flask would use: the rule's static segments joined by `_`, plus the names of
    /// the placeholders that come after the last static segment; `/` is `index`.
    ///
    /// | rule | endpoint |
    /// |---|---|
    /// | `/` | `index` |
    /// | `/create` | `create` |
    /// | `/<int:id>/update` | `update` (in blueprint `blog`: `blog.update`, as in Flaskr) |
    /// | `/users/<id>/edit` | `users_edit` |
    /// | `/users/<int:id>` | `users_id` |
    /// | `/a-b/c.json` | `a_b_c_json` |
    ///
    /// Two rules whose derived names collide are an error at freeze naming both places (pass
    /// `endpoint:` to one of them).
    static func derivedEndpoint(_ rule: String) -> String {
        let segments = rule.split(separator: "/")
        let lastStatic = segments.lastIndex { !$0.contains("<") }
        var words: [String] = []
        for (index, segment) in segments.enumerated() {
            if !segment.contains("<") {
                words.append(word(segment))
            } else if lastStatic.map({ index > $0 }) ?? true {
                words.append(contentsOf: placeholderNames(segment).map { word($0) })
            }
        }
        words.removeAll { $0.isEmpty }
        return words.isEmpty ? "index" : words.joined(separator: "_")
    }

    /// `text` with every character that is not a letter or digit replaced by `_`.
    private static func word(_ text: Substring) -> String {
        String(text.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// The names of the `<converter:name>` placeholders in one segment.
    private static func placeholderNames(_ segment: Substring) -> [Substring] {
        var names: [Substring] = []
        var rest = segment[...]
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let inner = rest[rest.index(after: open)..<close]
            names.append(inner.split(separator: ":").last ?? inner)
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    func addAlias(_ rule: String, methods: [Method], endpoint: String?, location: String) {
        lock.withLock {
            checkNotFrozen("URL rule '\(rule)'")
            routes.append(Route.alias(rule, methods: methods, endpoint: endpoint, location: location))
        }
    }

    /// Gives each `addURLRule` rule without a view the view of its endpoint; those whose endpoint
    /// has no view anywhere only build URLs (they never match a request).
    static func resolvingAliases(_ routes: [Route]) -> (routable: [Route], buildOnly: [Route]) {
        var views: [String: Route] = [:]
        for route in routes where !route.isAlias && views[route.endpoint] == nil { views[route.endpoint] = route }
        var routable: [Route] = []
        var buildOnly: [Route] = []
        for route in routes {
            guard route.isAlias else {
                routable.append(route)
                continue
            }
            guard let target = views[route.endpoint] else {
                buildOnly.append(route)
                continue
            }
            var bound = Route(
                rule: route.rule, methods: route.methods, endpoint: route.endpoint, location: route.location,
                blueprint: target.blueprint, handler: target.handler)
            bound.isAlias = true
            routable.append(bound)
        }
        return (routable, buildOnly)
    }
}
