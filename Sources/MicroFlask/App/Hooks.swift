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
    ///     req.storage["started"] = Date()
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
    public func errorhandler<R: ResponseConvertible>(
        _ status: Status, _ handler: @escaping @Sendable (Request, HTTPError) throws -> R
    ) {
        errorhandler(status, { request, error -> (R, Status) in (try handler(request, error), status) })
    }

    /// Handles errors that end with `status`, with the view's status replaced by the one returned.
    public func errorhandler<R: ResponseConvertible>(
        _ status: Status, _ handler: @escaping @Sendable (Request, HTTPError) throws -> (R, Status)
    ) {
        addErrorHandler(
            Hooks.ErrorHandler(
                matches: { error in Dispatcher.status(of: error).code == status.code },
                handle: { request, error in
                    let httpError = error as? HTTPError ?? HTTPError(.internalServerError, message: "\(error)")
                    let (body, status) = try handler(request, httpError)
                    var response = try body.makeResponse()
                    response.status = status
                    return response
                }))
    }

    /// Handles errors of type `E` (Flask's `@app.errorhandler(MyError)`).
    ///
    /// ```swift
    /// app.errorhandler(DatabaseError.self) { req, error in ("Try again later", Status.serviceUnavailable) }
    /// ```
    public func errorhandler<E: Error, R: ResponseConvertible>(
        _ type: E.Type, _ handler: @escaping @Sendable (Request, E) throws -> (R, Status)
    ) {
        addErrorHandler(
            Hooks.ErrorHandler(
                matches: { $0 is E },
                handle: { request, error in
                    let (body, status) = try handler(request, error as! E)
                    var response = try body.makeResponse()
                    response.status = status
                    return response
                }))
    }

    private func addErrorHandler(_ handler: Hooks.ErrorHandler) {
        updateHooks("an error handler") { $0.errorHandlers.append(handler) }
    }
}
