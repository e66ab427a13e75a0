import Foundation

/// An in-process client: requests go straight into the app's dispatcher, no sockets.
///
/// ```swift
/// let response = try app.test.get("/hello/ada")
/// #expect(response.status == .ok)
/// #expect(response.text == "Hello, ada!")
/// ```
/// Like Flask's test client it keeps cookies between requests (so sessions work), can follow
/// redirects, and sends form, JSON and multipart bodies. The first request freezes the app, as
/// `run()` does, so route problems surface here too.
///
/// `Sendable`: its only mutable state is the cookie jar, which guards itself.
public final class TestClient: Sendable {
    let app: App
    private let jar: TestCookieJar

    init(app: App, jar: TestCookieJar = TestCookieJar()) {
        self.app = app
        self.jar = jar
    }

    /// The cookies the client holds, by name.
    public var cookies: [String: String] { jar.cookies }

    /// Sends a request and returns the response the server would send.
    ///
    /// A `HEAD` response keeps its `Content-Length` and loses its body, as on the wire. With
    /// `followRedirects`, 301/302/303/307/308 responses are followed (up to 10).
    public func request(
        _ method: Method, _ target: String, headers: Headers = Headers(), body: [UInt8] = [],
        followRedirects: Bool = false
    ) throws -> Response {
        var response = try send(method, target, headers: headers, body: body)
        var hops = 0
        while followRedirects, [301, 302, 303, 307, 308].contains(response.status.code),
            let location = response.headers["Location"], hops < 10
        {
            hops += 1
            let keepsMethod = response.status.code == 307 || response.status.code == 308
            let path =
                location.hasPrefix("http")
                ? String(location.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" }) : location
            response = try send(
                keepsMethod ? method : .GET, path, headers: keepsMethod ? headers : Headers(),
                body: keepsMethod ? body : [])
        }
        return response
    }

    private func send(_ method: Method, _ target: String, headers: Headers, body: [UInt8]) throws -> Response {
        let dispatcher = try app.freeze()
        var headers = headers
        if !headers.contains("Host") { headers["Host"] = "localhost" }
        if !body.isEmpty && !headers.contains("Content-Length") { headers["Content-Length"] = String(body.count) }
        let stored = cookies
        if !stored.isEmpty && !headers.contains("Cookie") {
            headers["Cookie"] = stored.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: "; ")
        }
        let request = HTTPRequest(method: method, target: target, headers: headers, body: body)
        let response = try frame(dispatcher.respond(to: request), method: method)
        store(response.headers.values(for: "Set-Cookie"))
        return response
    }

    /// Frames the response as the server would, through the same codec: the same framing
    /// headers, no body where the wire has none, and the same 500 for a header that would break
    /// the framing (logged as the server logs it).
    private func frame(_ original: Response, method: Method) throws -> Response {
        var response = original
        let framing = ResponseFraming(for: response, method: method, version: .http1_1, keepAlive: true)
        var head: [UInt8] = []
        let outcome = HTTP1Codec.writeHead(
            response, framing: framing, method: method, version: .http1_1, date: [], serverName: nil, into: &head)
        var sendsBody = framing.sendsBody
        var framingHeader = framing.framing
        if case .replaced(let error, let fallbackFraming) = outcome {
            app.logger.error("Response for \(method) dropped: \(error). Sending 500 instead.")
            response = ProtocolErrorPage.internalServerError()
            sendsBody = fallbackFraming.sendsBody
            framingHeader = fallbackFraming.framing
        }
        // A byte or file body of a 1xx/204/304 stays readable here (the wire drops it), as before.
        switch response.body {
        case .file(let region) where method != .HEAD:
            response.body = .bytes(try region.read())
        case .stream(let produce) where sendsBody:
            // Run the stream as the server would; its chunks, joined, are the body.
            let collected = Collected()
            try produce(ResponseBodyWriter { bytes in collected.append(bytes) })
            response.body = .bytes(collected.bytes)
        case .bytes where method != .HEAD:
            break
        default:
            response.body = .bytes([])
        }
        response.headers["Content-Length"] = nil
        response.headers["Transfer-Encoding"] = nil
        switch framingHeader {
        case .length(let length): response.headers["Content-Length"] = String(length)
        case .chunked: response.headers["Transfer-Encoding"] = "chunked"
        case .none: break
        }
        return response
    }

    /// Keeps cookies from `Set-Cookie` lines; an expired one (`Max-Age=0`) is dropped.
    private func store(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        jar.update { jar in
            for line in lines {
                // Kept exactly as sent, quotes included, and sent back so, as a browser does.
                let parts = line.split(separator: ";").map { $0.trimmingASCIIWhitespace() }
                guard let first = parts.first, let (name, value) = CookieCoding.pair(first) else { continue }
                if parts.contains(where: { $0.lowercased() == "max-age=0" }) {
                    jar[name] = nil
                } else {
                    jar[name] = String(value)
                }
            }
        }
    }

    /// Sends a GET request.
    public func get(_ target: String, headers: Headers = Headers(), followRedirects: Bool = false) throws -> Response {
        try request(.GET, target, headers: headers, followRedirects: followRedirects)
    }

    /// Sends a HEAD request.
    public func head(_ target: String, headers: Headers = Headers()) throws -> Response {
        try request(.HEAD, target, headers: headers)
    }

    /// Sends an OPTIONS request.
    public func options(_ target: String, headers: Headers = Headers()) throws -> Response {
        try request(.OPTIONS, target, headers: headers)
    }

    /// Sends a POST request with a raw body.
    public func post(_ target: String, body: [UInt8] = [], headers: Headers = Headers(), followRedirects: Bool = false)
        throws -> Response
    {
        try request(.POST, target, headers: headers, body: body, followRedirects: followRedirects)
    }

    /// Sends a POST request with a UTF-8 text body.
    public func post(_ target: String, body: String, headers: Headers = Headers(), followRedirects: Bool = false) throws
        -> Response
    {
        try request(.POST, target, headers: headers, body: Array(body.utf8), followRedirects: followRedirects)
    }

    /// Sends a form, URL-encoded (or multipart when `files` are given), like Flask's `data={...}`.
    ///
    /// ```swift
    /// try app.test.post("/login", form: ["name": "ada"], followRedirects: true)
    /// ```
    public func post(
        _ target: String, form: [(String, String)],
        files: [(field: String, filename: String, contentType: String, bytes: [UInt8])] = [],
        headers: Headers = Headers(), followRedirects: Bool = false
    ) throws -> Response {
        var headers = headers
        let body: [UInt8]
        if files.isEmpty {
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = Array(URLEncodedForm.encode(form).utf8)
        } else {
            let boundary = "microflask-\(UUID().uuidString)"
            headers["Content-Type"] = "multipart/form-data; boundary=\(boundary)"
            var bytes: [UInt8] = []
            for (name, value) in form {
                bytes += Array(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
            }
            for file in files {
                bytes += Array(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.filename)\"\r\nContent-Type: \(file.contentType)\r\n\r\n"
                        .utf8)
                bytes += file.bytes + Array("\r\n".utf8)
            }
            bytes += Array("--\(boundary)--\r\n".utf8)
            body = bytes
        }
        return try request(.POST, target, headers: headers, body: body, followRedirects: followRedirects)
    }

    /// Sends a JSON body encoded from `value`, like Flask's `json=...`.
    public func post(_ target: String, json value: some Encodable, headers: Headers = Headers()) throws -> Response {
        var headers = headers
        headers["Content-Type"] = "application/json"
        return try request(.POST, target, headers: headers, body: Array(try JSONEncoder().encode(value)))
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

/// The chunks of a streamed body, gathered by the test client.
///
/// `@unchecked Sendable` by its lock: the bytes are read and written only under `lock`.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [UInt8] = []

    func append(_ bytes: [UInt8]) { lock.withLock { storage += bytes } }
    var bytes: [UInt8] { lock.withLock { storage } }
}

/// A test client's cookies, under a lock.
///
/// The app keeps the jar of its `app.test` client rather than the client itself: the client
/// holds the app, so an app holding its client would never be freed.
final class TestCookieJar: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String: String] = [:]

    var cookies: [String: String] { lock.withLock { storage } }

    func update(_ body: (inout [String: String]) -> Void) { lock.withLock { body(&storage) } }
}

extension App {
    /// The app's test client (Flask's `app.test_client()`): every use shares one cookie jar, so
    /// cookies and the session carry from one request to the next.
    public var test: TestClient {
        lock.withLock {
            let jar = testCookieJarSlot as? TestCookieJar ?? TestCookieJar()
            testCookieJarSlot = jar
            return TestClient(app: self, jar: jar)
        }
    }

    /// A new test client with an empty cookie jar.
    public func makeTestClient() -> TestClient { TestClient(app: self) }
}
