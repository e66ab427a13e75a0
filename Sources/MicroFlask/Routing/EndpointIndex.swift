/// The rules of every endpoint, for building URLs (`urlFor`).
///
/// An endpoint may have several rules (`addURLRule`, or the same `endpoint:` given to several
/// routes). As Werkzeug does, building tries the rules with more placeholders first (so
/// `urlFor("page", ["n": 2])` picks `/page/<int:n>` over `/page`), then a view's own rules
/// before the ones `addURLRule` added without a view, then in registration order, and takes the
/// first one that every placeholder's value fits.
struct EndpointIndex: Sendable {
    private let rules: [String: [CompiledRoute]]
    /// The rules that only build URLs (`addURLRule` without a view for an endpoint with none).
    let buildOnly: [CompiledRoute]

    /// The endpoint names, sorted.
    var names: [String] { rules.keys.sorted() }

    /// The rules of `endpoint` in the order building tries them; nil for an unknown name.
    func rules(for endpoint: String) -> [CompiledRoute]? { rules[endpoint] }

    /// Indexes the compiled routes and the rules that only build URLs (compiled here), and
    /// reports endpoints that collide: two different rules under one name that was derived
    /// from a rule (rather than given) on either side.
    static func build(_ routes: [CompiledRoute], buildOnly: [Route]) -> (EndpointIndex, [String]) {
        var problems: [String] = []
        var compiledBuildOnly: [CompiledRoute] = []
        for route in buildOnly {
            do {
                compiledBuildOnly.append(CompiledRoute(route: route, pattern: try RoutePattern(route.rule)))
            } catch {
                problems.append("\(route.location): \(error)")
            }
        }
        var grouped: [String: [CompiledRoute]] = [:]
        for route in routes + compiledBuildOnly {
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
            // A stable sort: more placeholders first, then a view's own rules before those added
            // without a view (`addURLRule`), then registration order.
            grouped[name] = group.enumerated().sorted {
                let a = ($0.element.pattern.parameterNames.count, $0.element.route.isAlias ? 0 : 1)
                let b = ($1.element.pattern.parameterNames.count, $1.element.route.isAlias ? 0 : 1)
                return a != b ? a > b : $0.offset < $1.offset
            }.map(\.element)
        }
        return (EndpointIndex(rules: grouped, buildOnly: compiledBuildOnly), problems)
    }

    /// Whether two routes may not share their endpoint: different rules, and at least one name
    /// derived (the same rule under other methods is one view registered twice).
    private static func collides(_ a: Route, _ b: Route) -> Bool {
        !b.isAlias && a.rule != b.rule && !(a.endpointIsExplicit && b.endpointIsExplicit)
    }
}
