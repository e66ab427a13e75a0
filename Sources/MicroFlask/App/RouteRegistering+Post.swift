/// POST views (Flask's `@app.post`), for every result `route` accepts.
///
/// ```swift
/// app.post("/items/<int:id>") { req in "item \(try req.param("id") as Int)" }
/// ```
extension RouteRegistering {
    /// Registers a view for POST requests to `rule`.
    public func post<R: ResponseConvertible>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> R
    ) {
        route(rule, methods: [.POST], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for POST requests to `rule` whose `Encodable` result is sent as JSON.
    @_disfavoredOverload
    public func post<R: Encodable & SendableMetatype>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> R
    ) {
        route(rule, methods: [.POST], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for POST requests to `rule` that returns different kinds of result on different paths.
    @_disfavoredOverload
    public func post(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> any ResponseConvertible
    ) {
        route(rule, methods: [.POST], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for POST requests to `rule` that returns a body and a status.
    public func post<R: ResponseConvertible>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> (R, Status)
    ) {
        route(rule, methods: [.POST], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for POST requests to `rule` that returns a body and extra headers.
    public func post<R: ResponseConvertible>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> (R, Headers)
    ) {
        route(rule, methods: [.POST], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for POST requests to `rule` that returns a body, a status and extra headers.
    public func post<R: ResponseConvertible>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> (R, Status, Headers)
    ) {
        route(rule, methods: [.POST], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Not a view: its result is neither `ResponseConvertible` nor `Encodable` (see `route`).
    @available(
        *, unavailable,
        message:
            "this view returns a type that is neither Encodable (sent as JSON) nor ResponseConvertible (String, Response, [UInt8], Data, Status): make it conform to Encodable, or return one of those, or (body, Status), (body, Headers), (body, Status, Headers)"
    )
    public func post<R>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> R
    ) {
        fatalError("unavailable")
    }
}
