/// Request hooks and error handlers, in registration order.
public struct Hooks: Sendable {
    var beforeRequest: [@Sendable (Request) throws -> Response?] = []
    var afterRequest: [@Sendable (Request, Response) throws -> Response] = []
    var teardownRequest: [@Sendable (Request, (any Error)?) -> Void] = []
    var errorHandlers: [ErrorHandler] = []

    /// A handler for errors of one status code or one error type.
    struct ErrorHandler: Sendable {
        let matches: @Sendable (any Error) -> Bool
        let handle: @Sendable (Request, any Error) throws -> Response

        static func forStatus<R: ResponseConvertible>(
            _ status: Status, _ handler: @escaping @Sendable (Request, HTTPError) throws -> R
        ) -> ErrorHandler {
            forStatus(status) { request, error -> (R, Status) in (try handler(request, error), status) }
        }

        static func forStatus<R: ResponseConvertible>(
            _ status: Status, _ handler: @escaping @Sendable (Request, HTTPError) throws -> (R, Status)
        ) -> ErrorHandler {
            ErrorHandler(
                matches: { error in Dispatcher.status(of: error).code == status.code },
                handle: { request, error in
                    let httpError = error as? HTTPError ?? HTTPError(.internalServerError, message: "\(error)")
                    let (body, status) = try handler(request, httpError)
                    return try response(body, status, for: request)
                })
        }

        static func forType<E: Error, R: ResponseConvertible>(
            _ type: E.Type, _ handler: @escaping @Sendable (Request, E) throws -> (R, Status)
        ) -> ErrorHandler {
            ErrorHandler(
                matches: { $0 is E },
                handle: { request, error in
                    let (body, status) = try handler(request, error as! E)
                    return try response(body, status, for: request)
                })
        }

        /// The handler's answer; an `HTTPError` returned as is becomes its default page for this
        /// request (Flask's `return e`), with the error's own status.
        private static func response(_ body: some ResponseConvertible, _ status: Status, for request: Request) throws
            -> Response
        {
            if let fallback = body as? HTTPError { return fallback.makeResponse(for: request) }
            var response = try body.makeResponse()
            response.status = status
            return response
        }
    }

    /// Adds `other`'s hooks after these (a blueprint's app-wide hooks join the app's).
    mutating func append(_ other: Hooks) {
        beforeRequest += other.beforeRequest
        afterRequest += other.afterRequest
        teardownRequest += other.teardownRequest
        errorHandlers += other.errorHandlers
    }
}

/// What can carry hooks and error handlers: the `App`, and each `Blueprint` (whose hooks run
/// only for its own routes).
public protocol HookRegistering: AnyObject {
    /// Applies a change to the hooks; `what` names the change for the after-freeze error.
    func updateHooks(_ what: String, _ change: (inout Hooks) -> Void)
}

extension HookRegistering {
    /// Runs before every view; returning a response skips the view (Flask's `before_request`).
    ///
    /// ```swift
    /// app.beforeRequest { req in
    ///     req.g["started"] = Date()
    ///     return nil
    /// }
    /// ```
    public func beforeRequest(_ hook: @escaping @Sendable (Request) throws -> Response?) {
        updateHooks("a beforeRequest hook") { $0.beforeRequest.append(hook) }
    }

    /// Runs after every view and may change the response (Flask's `after_request`).
    public func afterRequest(_ hook: @escaping @Sendable (Request, Response) throws -> Response) {
        updateHooks("an afterRequest hook") { $0.afterRequest.append(hook) }
    }

    /// Runs at the end of every request, even after an error (Flask's `teardown_request`).
    ///
    /// The error is passed only when it went unhandled (a 500 that no error handler answered,
    /// or an error handler that threw); `HTTPError`s and handled errors pass nil, as in Flask.
    public func teardownRequest(_ hook: @escaping @Sendable (Request, (any Error)?) -> Void) {
        updateHooks("a teardownRequest hook") { $0.teardownRequest.append(hook) }
    }

    /// Handles errors that end with `status` (Flask's `@app.errorhandler(404)`); 500 also
    /// catches errors that carry no status.
    ///
    /// ```swift
    /// app.errorhandler(404) { req, error in ("Nothing at \(req.path)", Status.notFound) }
    /// ```
    /// Returning the error itself answers with the default page for it, as Flask's `return e`
    /// does (HTML, or JSON when the client prefers it):
    /// ```swift
    /// app.errorhandler(404) { req, error in
    ///     guard req.path.hasPrefix("/api/") else { return try makeResponse(app.render("404.html"), .notFound) }
    ///     return try error.makeResponse(for: req)
    /// }
    /// app.errorhandler(403) { req, error in error }   // the default page, the handler as a no-op
    /// ```
    public func errorhandler<R: ResponseConvertible>(
        _ status: Status, _ handler: @escaping @Sendable (Request, HTTPError) throws -> R
    ) {
        addErrorHandler(.forStatus(status, handler))
    }

    /// Handles errors that end with `status`, with the view's status replaced by the one returned.
    public func errorhandler<R: ResponseConvertible>(
        _ status: Status, _ handler: @escaping @Sendable (Request, HTTPError) throws -> (R, Status)
    ) {
        addErrorHandler(.forStatus(status, handler))
    }

    /// Handles errors of type `E` (Flask's `@app.errorhandler(MyError)`).
    ///
    /// ```swift
    /// app.errorhandler(DatabaseError.self) { req, error in ("Try again later", Status.serviceUnavailable) }
    /// ```
    public func errorhandler<E: Error, R: ResponseConvertible>(
        _ type: E.Type, _ handler: @escaping @Sendable (Request, E) throws -> (R, Status)
    ) {
        addErrorHandler(.forType(type, handler))
    }

    private func addErrorHandler(_ handler: Hooks.ErrorHandler) {
        updateHooks("an error handler") { $0.errorHandlers.append(handler) }
    }
}
