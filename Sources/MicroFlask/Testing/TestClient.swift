/// An in-process client: requests go straight into the app's dispatcher, no sockets.
///
/// ```swift
/// let response = try app.test.get("/hello/ada")
/// #expect(response.status == .ok)
/// #expect(response.text == "Hello, ada!")
/// ```
/// The first request freezes the app, as `run()` does, so route problems surface here too.
public struct TestClient: Sendable {
    let app: App

    /// Sends a request and returns the response the server would send.
    ///
    /// A `HEAD` response keeps its `Content-Length` and loses its body, as on the wire.
    public func request(_ method: Method, _ target: String, headers: Headers = Headers(), body: [UInt8] = []) throws -> Response {
        let dispatcher = try app.freeze()
        var headers = headers
        if !headers.contains("Host") { headers["Host"] = "localhost" }
        if !body.isEmpty && !headers.contains("Content-Length") { headers["Content-Length"] = String(body.count) }
        let request = Request(method: method, target: target, headers: headers, body: body)
        var response = dispatcher.respond(to: request)
        if case .bytes(let bytes) = response.body, !response.status.forbidsBody {
            response.headers["Content-Length"] = String(bytes.count)
            if method == .HEAD { response.body = .bytes([]) }
        }
        return response
    }

    /// Sends a GET request.
    public func get(_ target: String, headers: Headers = Headers()) throws -> Response {
        try request(.GET, target, headers: headers)
    }

    /// Sends a HEAD request.
    public func head(_ target: String, headers: Headers = Headers()) throws -> Response {
        try request(.HEAD, target, headers: headers)
    }

    /// Sends an OPTIONS request.
    public func options(_ target: String, headers: Headers = Headers()) throws -> Response {
        try request(.OPTIONS, target, headers: headers)
    }

    /// Sends a POST request with a body.
    public func post(_ target: String, body: [UInt8] = [], headers: Headers = Headers()) throws -> Response {
        try request(.POST, target, headers: headers, body: body)
    }

    /// Sends a POST request with a UTF-8 text body.
    public func post(_ target: String, body: String, headers: Headers = Headers()) throws -> Response {
        try request(.POST, target, headers: headers, body: Array(body.utf8))
    }

    /// Sends a PUT request with a body.
    public func put(_ target: String, body: [UInt8] = [], headers: Headers = Headers()) throws -> Response {
        try request(.PUT, target, headers: headers, body: body)
    }

    /// Sends a PATCH request with a body.
    public func patch(_ target: String, body: [UInt8] = [], headers: Headers = Headers()) throws -> Response {
        try request(.PATCH, target, headers: headers, body: body)
    }

    /// Sends a DELETE request.
    public func delete(_ target: String, headers: Headers = Headers()) throws -> Response {
        try request(.DELETE, target, headers: headers)
    }
}

extension App {
    /// The in-process test client (Flask's `app.test_client()`).
    public var test: TestClient { TestClient(app: self) }
}
