import Foundation

/// Anything routes can be registered on: the `App` and each `Blueprint`.
///
/// Every overload funnels into `addRoute`, so both share one set of `route`/`get`/`post`/...
/// methods. Handlers may return a `ResponseConvertible` (String, Response, bytes), an
/// `Encodable` value (sent as JSON), `(body, Status)` or `(body, Status, Headers)`.
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
    ///   - endpoint: the name for `urlFor`; derived from the rule when nil.
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
            try Response.json(try handler(request), encoder: request.jsonEncoder)
        }
    }

    /// Registers a view that returns a body and a status, like Flask's `return "Created", 201`.
    public func route<R: ResponseConvertible>(
        _ rule: String, methods: [Method] = [.GET], endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> (R, Status)
    ) {
        addRoute(rule, methods: methods, endpoint: endpoint, location: "\(file):\(line)") { request in
            let (body, status) = try handler(request)
            var response = try body.makeResponse()
            response.status = status
            return response
        }
    }

    /// Registers a view that returns a body, a status and extra headers.
    public func route<R: ResponseConvertible>(
        _ rule: String, methods: [Method] = [.GET], endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> (R, Status, Headers)
    ) {
        addRoute(rule, methods: methods, endpoint: endpoint, location: "\(file):\(line)") { request in
            let (body, status, headers) = try handler(request)
            var response = try body.makeResponse()
            response.status = status
            for field in headers { response.headers[field.name] = field.value }
            return response
        }
    }
}
