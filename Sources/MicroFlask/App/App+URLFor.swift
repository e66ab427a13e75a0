import Foundation

/// A value `urlFor` puts in a URL: anything with a text form; an array of them repeats its key
/// in the query string (`["tag": ["a", "b"]]` gives `?tag=a&tag=b`).
public typealias URLValue = any CustomStringConvertible & Sendable

extension App {
    /// Builds the URL of an endpoint (Flask's `url_for`); values that no placeholder takes
    /// become the query string, in the order written.
    ///
    /// ```swift
    /// app.get("/users/<int:id>", endpoint: "user") { ... }
    /// try app.urlFor("user", [("id", 7), ("tab", "posts"), ("sort", "new")])   // "/users/7?tab=posts&sort=new"
    /// try app.urlFor("user", ["id": 7, "tag": ["a", "b"]])          // "/users/7?tag=a&tag=b"
    /// try app.urlFor("user", ["id": 7], anchor: "bio")             // "/users/7#bio"
    /// try app.urlFor("user", ["id": 7], external: true)            // "http://example.com/users/7"
    /// try app.urlFor(".login")          // in a view of blueprint "auth": "auth.login"
    /// ```
    /// A dictionary literal (`["id": 7, "tab": "posts"]`) is a Swift `Dictionary`, which has no
    /// order: its query values are sorted by name. Pairs (`[("tab", "posts")]`) or
    /// `KeyValuePairs` keep the order, as Flask keeps its keyword arguments' order.
    /// - Parameters:
    ///   - endpoint: the endpoint name; a leading `.` makes it relative to the blueprint of the
    ///     request being served (`auth.login` for `.login`), or to the app outside blueprints.
    ///   - values: the rule's placeholders by name; the other values go into the query string.
    ///   - anchor: appended after `#` (Flask's `_anchor`).
    ///   - external: an absolute URL with scheme and host (`_external`): the request's `Host`, or
    ///     `config.externalHost` outside a request. Default: only when `scheme` is given.
    ///   - scheme: the scheme of an external URL (`_scheme`); needs `external` (true or nil).
    ///   - blueprint: what a relative endpoint is relative to; nil means the current request's
    ///     blueprint, `""` the app.
    public func urlFor(
        _ endpoint: String, _ values: [String: URLValue] = [:], anchor: String? = nil, external: Bool? = nil,
        scheme: String? = nil, relativeTo blueprint: String? = nil
    ) throws -> String {
        try buildURL(
            endpoint, values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, anchor: anchor,
            external: external, scheme: scheme, relativeTo: blueprint)
    }

    /// Builds the URL of an endpoint from `KeyValuePairs`, keeping their order (see the `Dictionary` form).
    public func urlFor(
        _ endpoint: String, _ values: KeyValuePairs<String, URLValue>, anchor: String? = nil, external: Bool? = nil,
        scheme: String? = nil, relativeTo blueprint: String? = nil
    ) throws -> String {
        try buildURL(
            endpoint, values.map { ($0.key, $0.value) }, anchor: anchor, external: external, scheme: scheme,
            relativeTo: blueprint)
    }

    /// Builds the URL of an endpoint from name-value pairs, keeping their order (see the `Dictionary` form).
    public func urlFor(
        _ endpoint: String, _ values: [(String, URLValue)], anchor: String? = nil, external: Bool? = nil,
        scheme: String? = nil, relativeTo blueprint: String? = nil
    ) throws -> String {
        try buildURL(endpoint, values, anchor: anchor, external: external, scheme: scheme, relativeTo: blueprint)
    }

    /// Builds a URL from Flask's `url_for(endpoint, **values)` arguments, for callers that hold
    /// keyword arguments (the templates' `url_for`): `_anchor`, `_external`, `_scheme` and
    /// `_method` are read as Flask reads them (`_external` as a `Bool` or `"true"`/`"True"`/`"1"`),
    /// and the others are the values, in order.
    public func urlFor(_ endpoint: String, keywords: [(String, URLValue)], relativeTo blueprint: String? = nil)
        throws -> String
    {
        var values: [(String, URLValue)] = []
        var anchor: String?
        var external: Bool?
        var scheme: String?
        for (key, value) in keywords {
            switch key {
            case "_anchor": anchor = value.description
            case "_external": external = (value as? Bool) ?? ["true", "True", "1"].contains(value.description)
            case "_scheme": scheme = value.description
            case "_method": continue
            default: values.append((key, value))
            }
        }
        return try buildURL(endpoint, values, anchor: anchor, external: external, scheme: scheme, relativeTo: blueprint)
    }

    private func buildURL(
        _ endpoint: String, _ values: [(String, URLValue)], anchor: String?, external: Bool?, scheme: String?,
        relativeTo blueprint: String?
    ) throws -> String {
        let request = CurrentRequest.value
        let name = App.resolveEndpoint(endpoint, relativeTo: blueprint ?? request.flatMap(App.blueprint(of:)) ?? "")
        let index = try freeze().table.endpoints
        guard let rules = index.rules(for: name) else {
            let relative = name == endpoint ? "" : " ('\(endpoint)' relative to the current blueprint)"
            throw URLBuildError(
                message:
                    "no endpoint named '\(name)'\(relative); the known endpoints are: \(index.names.joined(separator: ", "))"
            )
        }
        var url = try App.build(rules, values)
        let isExternal = external ?? (scheme != nil)
        if let scheme, !isExternal {
            throw URLBuildError(message: "scheme '\(scheme)' needs an external URL: pass external: true")
        }
        if isExternal { url = try externalPrefix(scheme: scheme, request: request) + url }
        if let anchor { url += "#" + PercentEncoding.encode(anchor, safe: "%!#$&'()*+,/:;=?@") }
        return url
    }

    /// `.name` made absolute against `blueprint` (`auth` gives `auth.name`; `""` gives `name`).
    static func resolveEndpoint(_ endpoint: String, relativeTo blueprint: String) -> String {
        guard endpoint.hasPrefix(".") else { return endpoint }
        return blueprint.isEmpty ? String(endpoint.dropFirst()) : blueprint + endpoint
    }

    /// The blueprint of a request, as Flask's `request.blueprint`: its endpoint up to the last dot.
    static func blueprint(of request: Request) -> String? {
        guard let endpoint = request.endpoint, let dot = endpoint.lastIndex(of: ".") else { return nil }
        return String(endpoint[..<dot])
    }

    /// The first rule every placeholder of which has a fitting value, with the other values as
    /// the query string (Werkzeug's order; see `EndpointIndex`).
    static func build(_ rules: [CompiledRoute], _ values: [(String, URLValue)]) throws -> String {
        var single: [String: String] = [:]
        var query: [(String, String)] = []
        for (key, value) in values {
            if let list = App.listValue(value) {
                query += list.map { (key, $0) }
                if single[key] == nil, let first = list.first { single[key] = first }
            } else {
                query.append((key, value.description))
                if single[key] == nil { single[key] = value.description }
            }
        }
        var firstError: URLBuildError?
        for rule in rules where rule.pattern.parameterNames.allSatisfy({ single[$0] != nil }) {
            do {
                var url = try rule.pattern.build(single)
                let names = Set(rule.pattern.parameterNames)
                let leftovers = query.filter { !names.contains($0.0) }
                if !leftovers.isEmpty { url += "?" + URLEncodedForm.encode(leftovers) }
                return url
            } catch {
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
        // No rule has all its values: name what the first (the most specific) one misses.
        return try rules[0].pattern.build(single)
    }

    /// The texts of a list value (an array), nil for a single value.
    private static func listValue(_ value: URLValue) -> [String]? {
        guard !(value is any StringProtocol), let list = value as? [any CustomStringConvertible] else { return nil }
        return list.map(\.description)
    }

    /// `scheme://host` for an external URL: the request's, or the configured one outside a request.
    private func externalPrefix(scheme: String?, request: Request?) throws -> String {
        if let request {
            let host = request.host.isEmpty ? "localhost" : request.host
            return "\(scheme ?? request.scheme)://\(host)"
        }
        let settings = config
        guard let host = settings.externalHost else {
            throw URLBuildError(
                message:
                    "an external URL outside a request needs a host: set config.externalHost (Flask's SERVER_NAME), such as \"example.com\""
            )
        }
        return "\(scheme ?? settings.preferredURLScheme)://\(host)"
    }
}
