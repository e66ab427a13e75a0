/// The method shortcuts (Flask's `@app.get`, `@app.post`, ...), for every handler shape `route` accepts.
///
/// ```swift
/// app.get("/hello/<name>") { req in "Hello, \(req.params["name"] ?? "")!" }
/// app.post("/echo") { req in Response(body: req.body) }
/// ```
extension RouteRegistering {
    /// Registers a view for GET requests to `rule`.
    public func get<R: ResponseConvertible>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> R
    ) {
        route(rule, methods: [.GET], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for GET requests to `rule`.
    @_disfavoredOverload
    public func get<R: Encodable & SendableMetatype>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> R
    ) {
        route(rule, methods: [.GET], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for GET requests to `rule`.
    public func get<R: ResponseConvertible>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> (R, Status)
    ) {
        route(rule, methods: [.GET], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for GET requests to `rule`.
    public func get<R: ResponseConvertible>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> (R, Status, Headers)
    ) {
        route(rule, methods: [.GET], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for POST requests to `rule`.
    public func post<R: ResponseConvertible>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> R
    ) {
        route(rule, methods: [.POST], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for POST requests to `rule`.
    @_disfavoredOverload
    public func post<R: Encodable & SendableMetatype>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> R
    ) {
        route(rule, methods: [.POST], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for POST requests to `rule`.
    public func post<R: ResponseConvertible>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> (R, Status)
    ) {
        route(rule, methods: [.POST], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for POST requests to `rule`.
    public func post<R: ResponseConvertible>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> (R, Status, Headers)
    ) {
        route(rule, methods: [.POST], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for PUT requests to `rule`.
    public func put<R: ResponseConvertible>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> R
    ) {
        route(rule, methods: [.PUT], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for PUT requests to `rule`.
    @_disfavoredOverload
    public func put<R: Encodable & SendableMetatype>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> R
    ) {
        route(rule, methods: [.PUT], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for PUT requests to `rule`.
    public func put<R: ResponseConvertible>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> (R, Status)
    ) {
        route(rule, methods: [.PUT], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for PUT requests to `rule`.
    public func put<R: ResponseConvertible>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> (R, Status, Headers)
    ) {
        route(rule, methods: [.PUT], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for PATCH requests to `rule`.
    public func patch<R: ResponseConvertible>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> R
    ) {
        route(rule, methods: [.PATCH], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for PATCH requests to `rule`.
    @_disfavoredOverload
    public func patch<R: Encodable & SendableMetatype>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> R
    ) {
        route(rule, methods: [.PATCH], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for PATCH requests to `rule`.
    public func patch<R: ResponseConvertible>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> (R, Status)
    ) {
        route(rule, methods: [.PATCH], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for PATCH requests to `rule`.
    public func patch<R: ResponseConvertible>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> (R, Status, Headers)
    ) {
        route(rule, methods: [.PATCH], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for DELETE requests to `rule`.
    public func delete<R: ResponseConvertible>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> R
    ) {
        route(rule, methods: [.DELETE], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for DELETE requests to `rule`.
    @_disfavoredOverload
    public func delete<R: Encodable & SendableMetatype>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> R
    ) {
        route(rule, methods: [.DELETE], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for DELETE requests to `rule`.
    public func delete<R: ResponseConvertible>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> (R, Status)
    ) {
        route(rule, methods: [.DELETE], endpoint: endpoint, file: file, line: line, handler)
    }

    /// Registers a view for DELETE requests to `rule`.
    public func delete<R: ResponseConvertible>(
        _ rule: String, endpoint: String? = nil, file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request) throws -> (R, Status, Headers)
    ) {
        route(rule, methods: [.DELETE], endpoint: endpoint, file: file, line: line, handler)
    }
}
