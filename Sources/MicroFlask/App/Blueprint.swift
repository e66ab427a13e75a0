/// A group of routes, hooks and error handlers under a name and a URL prefix (Flask's Blueprint).
///
/// ```swift
/// let api = Blueprint("api", urlPrefix: "/api")
/// api.beforeRequest { req in req.headers["X-Key"] == key ? nil : Response.text("no", status: .forbidden) }
/// api.get("/items", endpoint: "items") { _ in ["a", "b"] }   // GET /api/items
/// app.register(api)
/// try app.urlFor("api.items")                                 // "/api/items"
/// ```
/// Its hooks and error handlers apply to its own routes only, after the app's; the `App`
/// variants (`beforeAppRequest`, `appErrorhandler`, ...) apply to every request of the app.
/// Blueprints nest: `api.register(v1)` gives `/api/v1/...` and endpoints `api.v1.name`.
/// In its views and templates, `urlFor(".items")` names `api.items` (relative to the blueprint
/// of the request being served, as in Flask).
///
/// `@unchecked Sendable` by the one-owner protocol: it is changed only while the app is set up
/// (on one thread, before serving; changes after the freeze are refused), and the frozen app
/// keeps copies of its routes and hooks, never the blueprint itself.
public final class Blueprint: RouteRegistering, AliasRegistering, HookRegistering, @unchecked Sendable {
    /// The name, the prefix of its endpoint names.
    public let name: String
    /// The URL prefix of its rules.
    public let urlPrefix: String

    private var routes: [Route] = []
    private var hooks = Hooks()
    /// Hooks and error handlers for every request of the app (`beforeAppRequest`, ...).
    private var appHooks = Hooks()
    private var children: [(Blueprint, String?)] = []
    /// The app it is registered on: once that app is frozen, registering here is the same loud
    /// error as on the app (rather than a route silently ignored).
    private weak var owner: App?

    /// Creates a blueprint; `urlPrefix` is prepended to every rule (no trailing slash needed).
    public init(_ name: String, urlPrefix: String = "") {
        precondition(!name.contains("."), "Blueprint names may not contain '.': '\(name)'")
        self.name = name
        self.urlPrefix = urlPrefix
    }

    /// Records a route on the blueprint; the app adds the blueprint's prefix and name when the
    /// blueprint is registered. Every `route`/`get`/`post`/... overload ends here.
    public func addRoute(
        _ rule: String, methods: [Method], endpoint: String?, location: String, handler: @escaping Handler
    ) {
        owner?.checkNotFrozen("route '\(rule)' on blueprint '\(name)'")
        routes.append(
            Route.registered(rule, methods: methods, endpoint: endpoint, location: location, handler: handler))
    }

    func addAlias(_ rule: String, methods: [Method], endpoint: String?, location: String) {
        owner?.checkNotFrozen("URL rule '\(rule)' on blueprint '\(name)'")
        routes.append(Route.alias(rule, methods: methods, endpoint: endpoint, location: location))
    }

    /// Changes the blueprint's own hooks (they run only for its routes). `what` names the
    /// registration in the trap raised when the app is already serving.
    public func updateHooks(_ what: String, _ change: (inout Hooks) -> Void) {
        owner?.checkNotFrozen("\(what) on blueprint '\(name)'")
        change(&hooks)
    }

    /// Applies a change to the app-wide hooks; `what` names the change for the after-freeze error.
    func updateAppHooks(_ what: String, _ change: (inout Hooks) -> Void) {
        owner?.checkNotFrozen("\(what) on blueprint '\(name)'")
        change(&appHooks)
    }

    /// Adds the app-wide hooks of this blueprint and of those inside it, in registration order.
    func collectAppHooks(into all: inout Hooks) {
        all.append(appHooks)
        for (child, _) in children { child.collectAppHooks(into: &all) }
    }

    /// Nests another blueprint inside this one.
    public func register(_ child: Blueprint, urlPrefix: String? = nil) {
        owner?.checkNotFrozen("blueprint '\(child.name)' on blueprint '\(name)'")
        if let owner { child.adopt(by: owner) }
        children.append((child, urlPrefix))
    }

    /// Records the app this blueprint (and every blueprint inside it) is registered on.
    func adopt(by app: App) {
        owner = app
        for (child, _) in children { child.adopt(by: app) }
    }

    /// Adds this blueprint's routes (prefixed, with dotted endpoints) and hooks to the app's.
    func flatten(prefix: String, parentName: String?, routes all: inout [Route], hooks table: inout [String: Hooks]) {
        let fullName = parentName.map { "\($0).\(name)" } ?? name
        let trimmedPrefix = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
        for route in routes {
            all.append(route.nested(rulePrefix: trimmedPrefix, endpointPrefix: fullName, blueprint: fullName))
        }
        table[fullName] = hooks
        for (child, childPrefix) in children {
            child.flatten(
                prefix: trimmedPrefix + (childPrefix ?? child.urlPrefix), parentName: fullName, routes: &all,
                hooks: &table)
        }
    }
}
