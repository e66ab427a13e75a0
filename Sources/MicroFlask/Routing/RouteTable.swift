import Glibc

/// The frozen, immutable route table shared by every serving thread (no locks).
///
/// Static rules are a dictionary look-up (the seed's `URLS`); dynamic rules are tried in
/// Werkzeug's precedence order. Unknown path: `.notFound`; known path with the wrong method:
/// `.methodNotAllowed` with the allowed methods.
struct RouteTable: Sendable {
    enum Match {
        /// The route and its parameters in rule order, converted once by their converters.
        case found(CompiledRoute, captures: [RoutePattern.Capture])
        /// The path matches rules, but none for this method; OPTIONS is answered from `allowed`.
        case methodNotAllowed(allowed: [Method])
        case automaticOptions(allowed: [Method])
        /// The rule ends with `/` and the request did not: redirect (308) to `location`.
        case redirect(location: String)
        case notFound
    }

    let routes: [CompiledRoute]
    private let staticRoutes: StaticRouteIndex
    /// Indices of dynamic routes, in match order.
    private let dynamicRoutes: [Int]
    /// For each of `dynamicRoutes`, the bytes a path must start with to match it (its leading
    /// literal segments): most rules are ruled out by a prefix comparison, without matching.
    private let dynamicPrefixes: [[UInt8]]
    /// For each of `dynamicRoutes`, the matcher that decides it on the path's bytes, or nil when
    /// its rule needs the general matcher (a `path` placeholder, several pieces in a segment).
    private let dynamicMatchers: [BytePathMatcher?]
    /// The dynamic routes whose rule ends with `/`: the only ones the strict-slash retry can find.
    private let trailingSlashRoutes: [Int]
    /// The rules of each endpoint, for `urlFor`.
    let endpoints: EndpointIndex

    private init(
        routes: [CompiledRoute], staticRoutes: StaticRouteIndex, dynamicRoutes: [Int], trailingSlashRoutes: [Int],
        endpoints: EndpointIndex
    ) {
        self.routes = routes
        self.staticRoutes = staticRoutes
        self.dynamicRoutes = dynamicRoutes
        self.dynamicPrefixes = dynamicRoutes.map { routes[$0].pattern.leadingBytes }
        self.dynamicMatchers = dynamicRoutes.map { BytePathMatcher(routes[$0].pattern) }
        self.trailingSlashRoutes = trailingSlashRoutes
        self.endpoints = endpoints
    }

    /// Compiles `routes`, collecting every problem instead of stopping at the first;
    /// `buildOnly` rules (see `addURLRule`) build URLs and are never matched.
    static func build(_ routes: [Route], buildOnly: [Route] = []) -> (RouteTable, [String]) {
        var problems: [String] = []
        var compiled: [CompiledRoute] = []
        for route in routes {
            do {
                compiled.append(CompiledRoute(route: route, pattern: try RoutePattern(route.rule)))
            } catch {
                problems.append("\(route.location): \(error)")
            }
        }
        var staticRoutes: [String: [Int]] = [:]
        var dynamic: [Int] = []
        var seen: [String: Int] = [:]
        for (index, route) in compiled.enumerated() {
            for method in route.route.methods {
                let key = "\(method) \(route.pattern.shape)"
                if let other = seen[key] {
                    problems.append(
                        "\(route.route.location): duplicate route \(method) '\(route.route.rule)' (endpoint '\(route.route.endpoint)'); it is already registered at \(compiled[other].route.location) (endpoint '\(compiled[other].route.endpoint)')"
                    )
                }
                seen[key] = index
            }
            if route.pattern.isStatic {
                staticRoutes[route.pattern.source, default: []].append(index)
            } else {
                dynamic.append(index)
            }
        }
        let (endpoints, endpointProblems) = EndpointIndex.build(compiled, buildOnly: buildOnly)
        problems += endpointProblems
        // Stable sort by precedence key: ties keep registration order, as Werkzeug does.
        let ordered = dynamic.enumerated().sorted { a, b in
            let ka = compiled[a.element].pattern.sortKey
            let kb = compiled[b.element].pattern.sortKey
            return RouteTable.precedes(ka, kb) || (ka == kb && a.offset < b.offset)
        }.map(\.element)
        let trailingSlash = ordered.filter { compiled[$0].pattern.segments.last?.literal == "" }
        return (
            RouteTable(
                routes: compiled, staticRoutes: StaticRouteIndex(staticRoutes), dynamicRoutes: ordered,
                trailingSlashRoutes: trailingSlash, endpoints: endpoints),
            problems
        )
    }

    /// Lexicographic order, except that when one key is a prefix of the other the longer one
    /// comes first: `/<path:p>/edit` is tried before `/<path:p>`, which would otherwise take its URLs.
    static func precedes(_ a: [Int], _ b: [Int]) -> Bool {
        for (x, y) in zip(a, b) where x != y { return x < y }
        return a.count > b.count
    }

    /// All routes in the order a request tries them (static first, then by precedence).
    var matchOrder: [CompiledRoute] {
        routes.indices.filter { routes[$0].pattern.isStatic }.map { routes[$0] } + dynamicRoutes.map { routes[$0] }
    }

    /// Finds the route for `method` and a percent-decoded `path`.
    func match(method: Method, path: String) -> Match {
        var allowed = Set<Method>()
        var automaticOptions = false
        if let candidates = staticRoutes[path] {
            for index in candidates {
                let route = routes[index]
                if RouteTable.answers(route, method) { return .found(route, captures: []) }
                allowed.formUnion(route.methods)
                automaticOptions = automaticOptions || route.automaticOptions
            }
        }
        if !dynamicRoutes.isEmpty {
            // Nearly every path's UTF-8 is contiguous; the bytes are then scanned in place.
            let found =
                path.utf8.withContiguousStorageIfAvailable { bytes in
                    matchDynamic(method, path, bytes, &allowed, &automaticOptions)
                } ?? matchDynamic(method, path, nil, &allowed, &automaticOptions)
            if let found { return found }
        }
        if !allowed.isEmpty {
            let sorted = allowed.sorted { $0.rawValue < $1.rawValue }
            if method == .OPTIONS && automaticOptions { return .automaticOptions(allowed: sorted) }
            return .methodNotAllowed(allowed: sorted)
        }
        if !path.hasSuffix("/"), slashedPathIsRouted(method: method, path: path) {
            return .redirect(location: path + "/")
        }
        return .notFound
    }

    /// Tries the dynamic routes in order: the one that matches `path` and answers `method`, or nil
    /// after adding the methods of those that match to `allowed`. `bytes` is the path's UTF-8,
    /// nil when it is not contiguous (then every rule takes the general matcher).
    private func matchDynamic(
        _ method: Method, _ path: String, _ bytes: UnsafeBufferPointer<UInt8>?, _ allowed: inout Set<Method>,
        _ automaticOptions: inout Bool
    ) -> Match? {
        // Split only once a rule needs the general matcher.
        var segments: [Substring]?
        for (position, index) in dynamicRoutes.enumerated() {
            let prefix = dynamicPrefixes[position]
            guard bytes.map({ RouteTable.bytes($0, startWith: prefix) }) ?? path.utf8.starts(with: prefix) else {
                continue
            }
            let route = routes[index]
            var captures: [RoutePattern.Capture]?
            if let bytes {
                switch dynamicMatchers[position]?.match(bytes, of: path) {
                case .matched(let found): captures = found
                case .mismatch: continue
                case .undecided, nil: break
                }
            }
            if captures == nil {
                if segments == nil { segments = RouteTable.segments(of: path) }
                captures = route.pattern.matchInOrder(segments.unsafelyUnwrapped)
            }
            guard let captures else { continue }
            // Even when a static rule matched the path with other methods, a dynamic one may take this method.
            if RouteTable.answers(route, method) { return .found(route, captures: captures) }
            allowed.formUnion(route.methods)
            automaticOptions = automaticOptions || route.automaticOptions
        }
        return nil
    }

    /// Whether a view answers `method` on `path` + `/` (Werkzeug's strict-slash redirect).
    ///
    /// Called only when no rule matched `path` at all. Then a rule can match the slashed path
    /// only if it ends with `/` (a `path` placeholder at the end would have matched `path`
    /// too), so only the static look-up and `trailingSlashRoutes` are tried, not the whole table.
    private func slashedPathIsRouted(method: Method, path: String) -> Bool {
        let slashed = path + "/"
        if let candidates = staticRoutes[slashed],
            candidates.contains(where: { RouteTable.answers(routes[$0], method) })
        {
            return true
        }
        let answering = trailingSlashRoutes.filter { RouteTable.answers(routes[$0], method) }
        guard !answering.isEmpty else { return false }
        let segments = RouteTable.segments(of: slashed)
        return answering.contains { routes[$0].pattern.matchInOrder(segments) != nil }
    }

    /// Whether the UTF-8 bytes of a path start with `prefix` (never empty: it starts with `/`).
    private static func bytes(_ bytes: UnsafeBufferPointer<UInt8>, startWith prefix: [UInt8]) -> Bool {
        guard bytes.count >= prefix.count, let base = bytes.baseAddress else { return false }
        return prefix.withUnsafeBufferPointer { memcmp(base, $0.baseAddress!, prefix.count) == 0 }
    }

    /// Whether `route` runs its view for `method` (an automatic OPTIONS is answered by the table).
    private static func answers(_ route: CompiledRoute, _ method: Method) -> Bool {
        route.methodList.contains(method) && !(method == .OPTIONS && route.automaticOptions)
    }

    /// The `/`-separated segments after the first character (the leading `/`), found on the
    /// UTF-8 bytes (a split on `Character`s would walk grapheme clusters).
    static func segments(of path: String) -> [Substring] {
        let utf8 = path.utf8
        var segments: [Substring] = []
        // Room for the segments of nearly every path at once: growing the array one segment at a
        // time cost two reallocations on a path as short as `/users/42`.
        segments.reserveCapacity(8)
        // Whatever the first character is (`/`, or the `*` of `OPTIONS *`), it is not a segment.
        var start = path.isEmpty ? path.endIndex : path.index(after: path.startIndex)
        var index = start
        while index < utf8.endIndex {
            if utf8[index] == UInt8(ascii: "/") {
                segments.append(path[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        segments.append(path[start..<utf8.endIndex])
        return segments
    }
}

extension RoutePattern {
    /// The pattern with placeholder names erased: two rules of the same shape match the same URLs.
    var shape: String {
        segments.map { segment in
            segment.pieces.map { piece in
                switch piece {
                case .literal(let text): text
                case .parameter(_, let converter):
                    "<\(converter.kind)\(converter.arguments.sorted { $0.key < $1.key })>"
                }
            }.joined()
        }.joined(separator: "/")
    }
}
