/// An `HTTPError` as a response: its default page.
extension HTTPError: ResponseConvertible {
    /// The default HTML error page for this error (status, message, headers), as an uncaught
    /// `HTTPError` gets. Returned from an error handler it follows the request's `Accept`
    /// (JSON when preferred), like Flask's `return e`.
    public func makeResponse() -> Response {
        ErrorPage.response(status, message: message, headers: headers, prefersJSON: false)
    }

    /// The default error page for this error as `request` would get it (JSON when its
    /// `Accept` prefers JSON), for error handlers that fall back to it.
    public func makeResponse(for request: Request) -> Response {
        ErrorPage.response(
            status, message: message, headers: headers, prefersJSON: ErrorPage.prefersJSON(request.headers["Accept"]))
    }
}
