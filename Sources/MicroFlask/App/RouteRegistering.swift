import Foundation

/// Anything routes can be registered on: the `App` and each `Blueprint`.
///
/// Every overload funnels into `addRoute`, so both share one set of `route`/`get`/`post`/...
/// methods. A view may return:
/// - a `ResponseConvertible`: `String` (HTML), `Response`, `[UInt8]`/`Data` (HTML, as in Flask), `Status`;
/// - several kinds on different paths (`return redirect(...)` on one, `return try app.render(...)`
///   on another): the closure's result is then `any ResponseConvertible`, with no wrapping;
/// - an `Encodable` value, sent as JSON;
/// - `(body, Status)`, `(body, Headers)` or `(body, Status, Headers)`, like Flask's tuples.
///
/// Anything else is a compile error that names `Encodable`:
/// ```
/// error: 'route' is unavailable: this view returns a type that is neither Encodable (sent as
/// JSON) nor ResponseConvertible (String, Response, [UInt8], Data, Status): make it conform to
/// Encodable, or return one of those, or (body, Status), (body, Headers), (body, Status, Headers)
/// ```
public protocol RouteRegistering: AnyObject {
    /// Records a route; called by every `route`/`get`/`post`/... overload.
    func addRoute(_ rule: String, methods: [Method], endpoint: String?, location: String, handler: @escaping Handler)
}

extension RouteRegistering {
    /// Registers a view for `rule` (Flask's `@app.route`).
    ///
    /// ```swift
    /// app.route("/users/<int:id>", methods: [.GET, .DELETE]) { req in
    ///     let id: Int = try req.param("id")
    ///     return req.method == .DELETE ? "deleted \(id)" : "user \(id)"
    /// }
    /// ```
    /// - Parameters:
    ///   - rule: the URL pattern; placeholders are `<name>`, `<int:id>`, `<float:x>`, `<path:p>`, `<uuid:u>`, `<any(a,b):x>`.
    ///   - methods: the methods the view answers (GET by default; HEAD and OPTIONS come automatically).
    ///   - endpoint: the name for `urlFor`; derived from the rule when nil (see `App.derivedEndpoint`).
    ///   - file: where the route was registered, named in setup errors (a duplicate endpoint, a
    ///     route shadowed by another); leave the default.
    ///   - line: the line of `file`; leave the default.
    ///   - handler: the view: it gets the request and returns the response or what becomes one.
    public func route<R: ResponseConvertible>(
        _ rule: String, methods: [Method] = [.GET], endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> R
    ) {
        addRoute(rule, methods: methods, endpoint: endpoint, location: "\(file):\(line)") {
            try handler($0).makeResponse()
        }
    }

    /// Registers a view whose `Encodable` result is sent as JSON.
    @_disfavoredOverload
    public func route<R: Encodable & SendableMetatype>(
        _ rule: String, methods: [Method] = [.GET], endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> R
    ) {
        addRoute(rule, methods: methods, endpoint: endpoint, location: "\(file):\(line)") { request in
            try request.jsonResponse(try handler(request))
        }
    }

    /// Registers a view that returns different kinds of result on different paths.
    ///
    /// ```swift
    /// app.route("/login", methods: [.GET, .POST]) { req in
    ///     if req.method == .POST, try login(req) { return redirect(to: try app.urlFor("index")) }
    ///     return try app.render("login.html")
    /// }
    /// ```
    /// Disfavoured, so a closure whose returns all have one type keeps that type.
    @_disfavoredOverload
    public func route(
        _ rule: String, methods: [Method] = [.GET], endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> any ResponseConvertible
    ) {
        addRoute(rule, methods: methods, endpoint: endpoint, location: "\(file):\(line)") {
            try handler($0).makeResponse()
        }
    }

    /// Registers a view that returns a body and a status, like Flask's `return "Created", 201`.
    public func route<R: ResponseConvertible>(
        _ rule: String, methods: [Method] = [.GET], endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> (R, Status)
    ) {
        addRoute(rule, methods: methods, endpoint: endpoint, location: "\(file):\(line)") { request in
            let (body, status) = try handler(request)
            return try makeResponse(body, status)
        }
    }

    /// Registers a view that returns a body and extra headers, like Flask's
    /// `return "body", {"X-Id": "7"}`. Repeated fields (two `Set-Cookie`) all reach the client.
    public func route<R: ResponseConvertible>(
        _ rule: String, methods: [Method] = [.GET], endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> (R, Headers)
    ) {
        addRoute(rule, methods: methods, endpoint: endpoint, location: "\(file):\(line)") { request in
            let (body, headers) = try handler(request)
            return try makeResponse(body, nil, headers)
        }
    }

    /// Registers a view that returns a body, a status and extra headers. A header replaces the
    /// body's field of the same name (`Content-Type`); repeated fields are all kept.
    public func route<R: ResponseConvertible>(
        _ rule: String, methods: [Method] = [.GET], endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> (R, Status, Headers)
    ) {
        addRoute(rule, methods: methods, endpoint: endpoint, location: "\(file):\(line)") { request in
            let (body, status, headers) = try handler(request)
            return try makeResponse(body, status, headers)
        }
    }

    /// Not a view: its result is neither `ResponseConvertible` nor `Encodable`. This overload
    /// exists so that the compiler's error names `Encodable`, not only `ResponseConvertible`.
    @available(
        *, unavailable,
        message:
            "this view returns a type that is neither Encodable (sent as JSON) nor ResponseConvertible (String, Response, [UInt8], Data, Status): make it conform to Encodable, or return one of those, or (body, Status), (body, Headers), (body, Status, Headers)"
    )
    public func route<R>(
        _ rule: String, methods: [Method] = [.GET], endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> R
    ) {
        fatalError("unavailable")
    }
}
