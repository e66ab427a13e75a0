/// The error pages the HTTP layer sends itself: for requests that cannot be parsed
/// (400, 413, 414, 431, 501, 505) and the 500 that replaces a response with an invalid header.
///
/// The same Werkzeug-shaped pages as the app's defaults (`ErrorPage`, also in HTTP/), so a
/// client sees one kind of page whichever layer refused it.
enum ProtocolErrorPage {
    /// The page for a request that could not be parsed, explaining why; it says `Connection: close`.
    static func response(for error: RequestParseError) -> Response {
        var response = ErrorPage.response(error.status, message: error.reason, prefersJSON: false)
        response.headers["Connection"] = "close"
        return response
    }

    /// The 500 sent instead of a response that would break the framing.
    static func internalServerError() -> Response {
        ErrorPage.response(.internalServerError, message: nil, prefersJSON: false)
    }
}
