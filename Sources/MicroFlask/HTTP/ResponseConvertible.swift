import Foundation

/// A value a handler can return: it knows how to become a `Response`.
///
/// `String` and bytes (`[UInt8]`, `Data`) become `text/html; charset=utf-8`, as Flask's `str`
/// and `bytes` do, and a `Response` is itself. `Encodable` values become JSON through the route
/// overloads, so your own types need only `Encodable`.
///
/// A view may return different kinds on different paths (a redirect on one, a rendered page on
/// another): its result is then `any ResponseConvertible`, and no wrapping is needed.
public protocol ResponseConvertible: SendableMetatype {
    /// Converts the value into a response.
    func makeResponse() throws -> Response
}

extension Response: ResponseConvertible {
    /// The response itself.
    public func makeResponse() -> Response { self }
}

extension String: ResponseConvertible {
    /// A `200 OK` HTML response (`text/html; charset=utf-8`) with the string as its body, as Flask
    /// sends a returned `str`.
    public func makeResponse() -> Response { Response(self) }
}

extension Substring: ResponseConvertible {
    /// The same response as the `String` it spells.
    public func makeResponse() -> Response { Response(String(self)) }
}

extension Array: ResponseConvertible where Element == UInt8 {
    /// The bytes as a `text/html; charset=utf-8` body, like Flask's `bytes` (set another
    /// `Content-Type` with `Response(headers:body:)` or a `(body, headers)` return).
    public func makeResponse() -> Response {
        Response(headers: Headers([(name: "Content-Type", value: "text/html; charset=utf-8")]), body: self)
    }
}

extension Data: ResponseConvertible {
    /// The bytes as a `text/html; charset=utf-8` body, like Flask's `bytes`.
    public func makeResponse() -> Response {
        Response(headers: Headers([(name: "Content-Type", value: "text/html; charset=utf-8")]), body: Array(self))
    }
}

extension Never: ResponseConvertible {
    /// A view that always throws (`app.get("/old") { _ in try abort(410) }`) needs no result type.
    public func makeResponse() -> Response {
        switch self {}
    }
}

extension Status: ResponseConvertible {
    /// A response with this status and its reason phrase as a plain-text body.
    public func makeResponse() -> Response { Response.text(reasonPhrase, status: self) }
}

/// Turns a view's result into a `Response` you can change before returning it (Flask's
/// `make_response`).
///
/// ```swift
/// app.get("/") { req in
///     var response = try makeResponse(try app.render("index.html"), .ok, ["X-Frame-Options": "DENY"])
///     response.setCookie("visited", "yes")
///     return response
/// }
/// ```
public func makeResponse(_ body: some ResponseConvertible, _ status: Status? = nil, _ headers: Headers = Headers())
    throws
    -> Response
{
    var response = try body.makeResponse()
    if let status { response.status = status }
    response.headers.update(headers)
    return response
}
