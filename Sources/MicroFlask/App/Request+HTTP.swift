import Foundation

/// The HTTP parts of the request, forwarded from `http` so views read them as in Flask.
extension Request {
    /// The request method.
    public var method: Method { http.method }
    /// The request target exactly as sent, such as `/search?q=a%20b`.
    public var target: String { http.target }
    /// The protocol version.
    public var version: HTTPVersion { http.version }
    /// The header fields: ordered, case-insensitive, multi-valued.
    public var headers: Headers {
        get { http.headers }
        set { http.headers = newValue }
    }
    /// The body bytes (empty when there is none).
    public var body: [UInt8] {
        get { http.body }
        set { http.body = newValue }
    }
    /// The body decoded as UTF-8 text.
    public var text: String { http.text }
    /// The path part of the target, percent-decoded: what routing matched.
    public var path: String { http.path }
    /// The path part of the target, still percent-encoded.
    public var rawPath: Substring { http.rawPath }
    /// The query string (without `?`), still percent-encoded; empty when there is none.
    public var queryString: Substring { http.queryString }
    /// The path and the query string, always with the `?` (Flask's `full_path`).
    public var fullPath: String { http.fullPath }
    /// The query arguments, in order (Flask's `request.args`); `args.get("n", as: Int.self)` reads typed.
    public var args: MultiDict { http.args }
    /// The cookies the client sent, by name (the first one wins when a name repeats).
    public var cookies: [String: String] { http.cookies }
    /// The address of the socket's peer, such as `127.0.0.1`.
    public var peerAddress: String { http.peerAddress }
    /// The client's address: the peer, or `X-Forwarded-For` from `config.trustedProxies` proxies.
    public var remoteAddress: String { http.remoteAddress }
    /// The URL scheme: `http`, or `X-Forwarded-Proto` from trusted proxies.
    public var scheme: String { http.scheme }
    /// The request's id, for logs and for following it across services: the client's (or a
    /// proxy's) `X-Request-ID` when it is a sane token, else one made for it on first use.
    /// Echoed in the response's `X-Request-ID` (see `config.requestIDHeader`) when sent or used,
    /// and written in error lines.
    public var requestID: String { http.requestID }
    /// The `Host` the client asked for (`X-Forwarded-Host` from trusted proxies), or "".
    public var host: String { http.host }
    /// The full URL of the request, such as `http://localhost:5000/search?q=a`.
    public var url: String { http.url }
    /// The URL without the query string.
    public var baseURL: String { http.baseURL }
    /// The `Content-Type` header as sent, parameters included (Flask's `content_type`), or nil.
    public var contentType: String? { http.contentType }
    /// The declared `Content-Length` (Flask's `content_length`), or nil.
    public var contentLength: Int? { http.contentLength }
    /// The media type without parameters, lower-cased (Flask's `mimetype`), "" when none was sent.
    public var mimetype: String { http.mimetype }
    /// The same as `mimetype`.
    public var mimeType: String { http.mimeType }
    /// Whether the body is declared as JSON (`application/json` or `application/*+json`).
    public var isJSON: Bool { http.isJSON }

    /// The JSON body as Foundation objects; 415 when not declared as JSON, 400 when it does not parse.
    public var json: Any {
        get throws(HTTPError) { try http.json }
    }

    /// Decodes a JSON body into `T` (Flask's `get_json()`, typed); 415 or 400 as `json`.
    ///
    /// ```swift
    /// struct NewUser: Decodable { let name: String }
    /// app.post("/users") { req in
    ///     let user = try req.decode(NewUser.self)
    ///     return ("created \(user.name)", Status.created)
    /// }
    /// ```
    public func decode<T: Decodable>(_ type: T.Type = T.self, decoder: JSONDecoder = JSONDecoder()) throws(HTTPError)
        -> T
    {
        try http.decode(type, decoder: decoder)
    }
}
