/// The rules of every endpoint, for building URLs (`urlFor`).
///
/// An endpoint may have several rules (`addURLRule`, or the same `endpoint:` given to several
/// routes). As Werkzeug does, building tries the rules with more placeholders first (so
/// `urlFor("page", ["n": 2])` picks `/page/<int:n>` over `/page`), then in registration order,
/// and takes the first one that every placeholder's value fits.
struct EndpointIndex: Sendable {
    private let rules: [String: [CompiledRoute]]

    /// The endpoint names, sorted.
    var names: [String] { rules.keys.sorted() }

    /// The rules of `endpoint` in the order building tries them; nil for an unknown name.
    func rules(for endpoint: String) -> [CompiledRoute]? { rules[endpoint] }

    /// Indexes the compiled routes and the rules that only build URLs (compiled here), and
    /// reports endpoints that collide: two different rules under one name that was derived
    /// from a rule (rather than given) on either side.
    static func build(_ routes: [CompiledRoute], buildOnly: [Route]) -> (EndpointIndex, [String]) {
        var problems: [String] = []
        var all = routes
        for route in buildOnly {
            do {
                all.append(CompiledRoute(route: route, pattern: try RoutePattern(route.rule)))
            } catch {
                problems.append("\(route.location): \(error)")
            }
        }
        var grouped: [String: [CompiledRoute]] = [:]
        for route in all {
            let earlier = grouped[route.route.endpoint] ?? []
            if !route.route.isAlias,
                let other = earlier.first(where: { collides(route.route, $0.route) })
            {
                let derived = route.route.endpointIsExplicit ? other.route : route.route
                problems.append(
                    "\(route.route.location): endpoint '\(route.route.endpoint)' of '\(route.route.rule)' is already the endpoint of '\(other.route.rule)' at \(other.route.location); the name was derived from '\(derived.rule)', and a derived name must be unique: pass a distinct endpoint: (or the same endpoint: to both, to give one endpoint several rules)"
                )
            }
            grouped[route.route.endpoint] = earlier + [route]
        }
        for (name, group) in grouped {
            // A stable sort: more placeholders first, then registration order.
            grouped[name] = group.enumerated().sorted {
                let (a, b) = ($0.element.pattern.parameterNames.count, $1.element.pattern.parameterNames.count)
                return a != b ? a > b : $0.offset < $1.offset
            }.map(\.element)
        }
        return (EndpointIndex(rules: grouped), problems)
    }

    /// Whether two routes may not share their endpoint: different rules, and at least one name
    /// derived (the same rule under other methods is one view registered twice).
    private static func collides(_ a: Route, _ b: Route) -> Bool {
        !b.isAlias && a.rule != b.rule && !(a.endpointIsExplicit && b.endpointIsExplicit)
    }
}
