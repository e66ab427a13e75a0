/// A blueprint's hooks and error handlers for the whole app (Flask's `before_app_request`,
/// `after_app_request`, `teardown_app_request`, `app_errorhandler`): they run for every
/// request, as if registered on the app, after the app's own (in blueprint registration order).
///
/// ```swift
/// let auth = Blueprint("auth", urlPrefix: "/auth")
/// auth.beforeAppRequest { req in
///     req.g["user"] = (req.session["user_id"] as Int?).flatMap(User.find)
///     return nil
/// }
/// auth.appErrorhandler(403) { req, error in try req.app.render("auth/forbidden.html") }
/// ```
extension Blueprint {
    /// Runs before every view of the app; returning a response skips the view.
    public func beforeAppRequest(_ hook: @escaping @Sendable (Request) throws -> Response?) {
        updateAppHooks("a beforeAppRequest hook") { $0.beforeRequest.append(hook) }
    }

    /// Runs after every view of the app and may change the response.
    public func afterAppRequest(_ hook: @escaping @Sendable (Request, Response) throws -> Response) {
        updateAppHooks("an afterAppRequest hook") { $0.afterRequest.append(hook) }
    }

    /// Runs at the end of every request of the app, even after an error (see `teardownRequest`).
    public func teardownAppRequest(_ hook: @escaping @Sendable (Request, (any Error)?) -> Void) {
        updateAppHooks("a teardownAppRequest hook") { $0.teardownRequest.append(hook) }
    }

    /// Handles errors that end with `status` anywhere in the app (returning the error gives its
    /// default page, as in `errorhandler`).
    public func appErrorhandler<R: ResponseConvertible>(
        _ status: Status, _ handler: @escaping @Sendable (Request, HTTPError) throws -> R
    ) {
        updateAppHooks("an app error handler") { $0.errorHandlers.append(.forStatus(status, handler)) }
    }

    /// Handles errors that end with `status` anywhere in the app, with the status returned.
    public func appErrorhandler<R: ResponseConvertible>(
        _ status: Status, _ handler: @escaping @Sendable (Request, HTTPError) throws -> (R, Status)
    ) {
        updateAppHooks("an app error handler") { $0.errorHandlers.append(.forStatus(status, handler)) }
    }

    /// Handles errors of type `E` anywhere in the app.
    public func appErrorhandler<E: Error, R: ResponseConvertible>(
        _ type: E.Type, _ handler: @escaping @Sendable (Request, E) throws -> (R, Status)
    ) {
        updateAppHooks("an app error handler") { $0.errorHandlers.append(.forType(type, handler)) }
    }
}
