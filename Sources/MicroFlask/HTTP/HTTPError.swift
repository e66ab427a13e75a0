/// An error that carries an HTTP status: thrown from a handler, it becomes that response.
///
/// ```swift
/// guard let user = users[id] else { throw HTTPError(.notFound, message: "No user \(id)") }
/// try abort(403)    // the same, Flask style
/// ```
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    /// The response status.
    public var status: Status
    /// A description shown on the error page; the status's standard text when nil.
    public var message: String?
    /// Extra headers for the error response (such as `Allow` or `Location`).
    public var headers: Headers

    /// Creates an error for `status`.
    public init(_ status: Status, message: String? = nil, headers: Headers = Headers()) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    /// The status, then the message when there is one: `404 Not Found: no such post`.
    public var description: String { "\(status)" + (message.map { ": \($0)" } ?? "") }
}

/// Stops the handler with an HTTP error response, like Flask's `abort(404)`.
///
/// ```swift
/// guard req.args["token"] == secret else { try abort(401, "Bad token") }
/// ```
/// The status must be an error (4xx or 5xx). Anything else (`abort(299)`, `abort(302)`) is a
/// bug in the view: it throws `AbortStatusError`, which answers 500 and is logged, as Flask's
/// `abort(299)` raises `LookupError`. Use `redirect(to:)` or return a `Response` instead.
public func abort(_ status: Status, _ message: String? = nil) throws -> Never {
    guard (400...599).contains(status.code) else { throw AbortStatusError(status: status) }
    throw HTTPError(status, message: message)
}

/// A redirect response (302 Found unless told otherwise, as in Flask 3.1).
///
/// ```swift
/// return redirect(to: app.urlFor("index"))
/// ```
public func redirect(to location: String, status: Status = .found) -> Response {
    let escaped = HTMLEscaping.escape(location)
    var response = Response(
        """
        <!doctype html>
        <html lang=en>
        <title>Redirecting...</title>
        <h1>Redirecting...</h1>
        <p>You should be redirected automatically to the target URL: <a href="\(escaped)">\(escaped)</a>. If not, click the link.

        """, status: status)
    response.headers["Location"] = location
    return response
}
