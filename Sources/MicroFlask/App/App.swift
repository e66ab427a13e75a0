import Foundation

/// A MicroFlask application: register views, then `run()`.
///
/// ```swift
/// let app = App()
/// app.route("/") { req in try app.render("index.html") }
/// app.get("/hello/<name>") { req in "Hello, \(req.params["name"] ?? "")!" }
/// try app.run()            // http://127.0.0.1:5000
/// ```
/// Registration happens before serving. The first `run()`, `start()` or test request freezes
/// the app into an immutable dispatcher shared by all threads; registering after that is a
/// programming error and stops the program with a message that says so.
///
/// `@unchecked Sendable` by its lock: every mutable property is read and written under `lock`
/// (set-up happens on one thread; the frozen `Dispatcher` that serves is immutable).
public final class App: RouteRegistering, AliasRegistering, HookRegistering, @unchecked Sendable {
    /// The application's name, used in log lines.
    public let name: String
    /// Settings; change them before serving.
    public var config = Config() {
        willSet { checkNotFrozen("config") }
    }
    /// The logger for application and access messages.
    public var logger = Logger()

    let lock = NSLock()
    var routes: [Route] = []
    var hooks = Hooks()
    var blueprints: [(Blueprint, String?)] = []
    var commands: [String: Command] = [:]
    /// The cookie jar of the clients `app.test` returns, made on first use (held as `AnyObject`
    /// since App may not name Testing's types; not the client, which holds the app).
    var testCookieJarSlot: AnyObject?
    /// The access log, made by the first `start()` that logs (see `App+AccessLog.swift`).
    var accessLogSlot: AccessLog?
    var assignedURLs: [String: View] = [:]
    private var frozen: Dispatcher?
    /// Templates, made on first use (see `templates`).
    var templateEnvironment: TemplateEnvironment?
    /// Functions that add variables to every template rendered during a request (`contextProcessor`).
    var contextProcessors: [ContextProcessor] = []
    /// Where relative `templates` and `static` folders are looked for (Flask's `root_path`).
    let root: AppRoot

    /// Creates an application.
    ///
    /// - Parameters:
    ///   - name: The name used in log lines.
    ///   - sourceFile: Leave the default: the file creating the app, near which relative
    ///     `templates` and `static` folders are looked for, like Flask's `root_path`.
    public init(name: String = "app", sourceFile: String = #filePath) {
        self.name = name
        self.root = AppRoot(sourceFile: sourceFile)
    }

    /// Records a route on the app; every `route`/`get`/`post`/... overload ends here.
    ///
    /// Call the overloads rather than this. Registering after the app started serving is a
    /// programming error (it traps), since the route table is frozen then; `location` is the
    /// registration's `file:line`, named in setup errors such as a duplicate endpoint.
    public func addRoute(
        _ rule: String, methods: [Method], endpoint: String?, location: String, handler: @escaping Handler
    ) {
        lock.withLock {
            checkNotFrozen("route '\(rule)'")
            routes.append(
                Route.registered(rule, methods: methods, endpoint: endpoint, location: location, handler: handler))
        }
    }

    /// Changes the app's hooks under its lock; `before_request`-style registrations call it.
    ///
    /// `what` names the registration in the trap raised when the app is already serving.
    public func updateHooks(_ what: String, _ change: (inout Hooks) -> Void) {
        lock.withLock {
            checkNotFrozen(what)
            change(&hooks)
        }
    }

    /// Registers a blueprint's routes, hooks and error handlers (Flask's `register_blueprint`),
    /// under its own prefix or `urlPrefix`.
    ///
    /// ```swift
    /// let api = Blueprint("api", urlPrefix: "/api")
    /// api.get("/items") { _ in ["a", "b"] }       // GET /api/items, endpoint "api.items"
    /// app.register(api)
    /// ```
    public func register(_ blueprint: Blueprint, urlPrefix: String? = nil) {
        lock.withLock {
            checkNotFrozen("blueprint '\(blueprint.name)'")
            blueprint.adopt(by: self)
            blueprints.append((blueprint, urlPrefix))
        }
    }

    func checkNotFrozen(_ what: String) {
        if frozen != nil {
            preconditionFailure(
                "MicroFlask: cannot register \(what) after the app started serving. Register every route, hook and setting before app.run(), app.start() or the first app.test request."
            )
        }
    }

    /// Applies settings from the command line just before serving. An app frozen earlier (by a
    /// `freeze()` or `urlFor` call during setup) is thawed and frozen again with them, since
    /// nothing is serving yet; templates made earlier pick up `debug` for reloading.
    func applyBeforeServing(_ change: (inout Config) -> Void) {
        lock.withLock { frozen = nil }
        change(&config)
        lock.withLock { templateEnvironment?.autoReload = config.debug }
    }

    /// Compiles the routes into the immutable dispatcher, reporting every bad or duplicate rule at once.
    ///
    /// `run()`, `start()` and the test client call this; call it yourself to check an app early.
    @discardableResult
    public func freeze() throws -> Dispatcher {
        try lock.withLock {
            if let frozen { return frozen }
            var allRoutes = routes
            var blueprintHooks: [String: Hooks] = [:]
            var appHooks = hooks
            for (blueprint, prefix) in blueprints {
                blueprint.flatten(
                    prefix: prefix ?? blueprint.urlPrefix, parentName: nil, routes: &allRoutes, hooks: &blueprintHooks)
                blueprint.collectAppHooks(into: &appHooks)
            }
            let (routable, buildOnly) = App.resolvingAliases(allRoutes + builtInRoutes())
            let (table, problems) = RouteTable.build(routable, buildOnly: buildOnly)
            if !problems.isEmpty { throw AppSetupError(problems: problems) }
            let dispatcher = Dispatcher(
                app: self, table: table, hooks: appHooks, blueprintHooks: blueprintHooks, config: config,
                logger: logger)
            frozen = dispatcher
            return dispatcher
        }
    }

    /// The routes as registered, in registration order.
    public var registeredRoutes: [Route] { lock.withLock { routes } }
}

/// Problems found when an app is frozen: bad patterns, unknown converters, duplicate rules.
public struct AppSetupError: Error, Sendable, CustomStringConvertible {
    /// One line per problem, each naming where the route was registered.
    public let problems: [String]

    /// A heading with the problem count, then one indented line per problem.
    public var description: String {
        "The app's routes have \(problems.count) problem\(problems.count == 1 ? "" : "s"):\n"
            + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
