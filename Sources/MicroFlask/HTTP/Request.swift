import Foundation

/// An HTTP request, as a handler sees it.
///
/// A request is owned by one thread at a time (the one serving its connection), which is why
/// it may be a class with lazily computed parts and mutable per-request storage.
/// ```swift
/// app.get("/users/<int:id>") { req in
///     let id: Int = try req.param("id")
///     let verbose = req.args["verbose"] != nil
///     ...
/// }
/// ```
public final class Request: @unchecked Sendable {
    /// The request method.
    public let method: Method
    /// The request target exactly as sent, such as `/search?q=a%20b`.
    public let target: String
    /// The protocol version.
    public let version: HTTPVersion
    /// The body bytes (empty when there is none).
    public var body: [UInt8]
    /// The address of the socket's peer, such as `127.0.0.1` (a proxy, when one is in front).
    public let peerAddress: String
    /// Path parameters captured by the route, as their converters produced them (`<int:id>`
    /// gives `.int`): converted once, while the route matched.
    public internal(set) var routeValues: [String: RouteValue] = [:] {
        didSet { paramsText = nil }
    }
    /// Path parameters captured by the route, as text: each value's `description`.
    public internal(set) var params: [String: String] {
        get {
            if let paramsText { return paramsText }
            let text = routeValues.mapValues(\.description)
            paramsText = text
            return text
        }
        set {
            routeValues = newValue.mapValues(RouteValue.string)
            paramsText = newValue
        }
    }
    /// `params`, made on first use.
    private var paramsText: [String: String]?
    /// The endpoint name of the matched route, if any.
    public internal(set) var endpoint: String?
    /// Per-request storage, like Flask's `g`: set in a `beforeRequest` hook, read in the view.
    public var storage: [String: any Sendable] = [:]
    /// The app serving this request, set by the dispatcher (JSON settings, session cookie).
    var dispatcher: Dispatcher?
    /// The session, once loaded.
    var loadedSession: Session?
    /// The flashed messages, once taken out of the session in this request.
    var takenFlashes: [(category: String, message: String)]?
    /// The encoder for `Encodable` results, from the app's config.
    var jsonEncoder: JSONEncoder { dispatcher?.jsonEncoder ?? Response.sortedKeysEncoder }

    /// The raw header section (after the request line), parsed into `headers` on first use.
    private var rawHeaders: [UInt8]
    private var parsedHeaders: Headers?
    /// The parsed form and files, once asked for.
    var bodyCache: ParsedBody?

    /// Creates a request from its parts (the test client and tests use this).
    public init(
        method: Method, target: String, version: HTTPVersion = .http1_1, headers: Headers = Headers(),
        body: [UInt8] = [],
        remoteAddress: String = "127.0.0.1"
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.body = body
        self.peerAddress = remoteAddress
        self.rawHeaders = []
        self.parsedHeaders = headers
    }

    /// Creates a request from a parsed head; header strings are made only when asked for.
    init(head: RequestHead, body: [UInt8], remoteAddress: String) {
        self.method = head.method
        self.target = head.target
        self.version = head.version
        self.body = body
        self.peerAddress = remoteAddress
        self.rawHeaders = head.rawHeaders
        self.parsedHeaders = nil
    }

    /// The header fields: ordered, case-insensitive, multi-valued.
    public var headers: Headers {
        get {
            if let parsedHeaders { return parsedHeaders }
            let parsed = RequestParser.headers(from: rawHeaders)
            parsedHeaders = parsed
            return parsed
        }
        set { parsedHeaders = newValue }
    }

    /// The path part of the target, percent-decoded once: what routing matches against.
    public private(set) lazy var path: String = {
        let raw = rawPath
        return PercentEncoding.decode(raw)
    }()

    /// The path part of the target, still percent-encoded.
    public var rawPath: Substring {
        if let question = target.utf8.firstIndex(of: UInt8(ascii: "?")) { return target[..<question] }
        return target[...]
    }

    /// The query string (without `?`), still percent-encoded; empty when there is none.
    public var queryString: Substring {
        guard let question = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return "" }
        return target[target.index(after: question)...]
    }

    /// The query arguments, in order (Flask's `request.args`).
    public private(set) lazy var args: MultiDict = MultiDict(URLEncodedForm.parse(queryString.utf8))

    /// A path parameter converted to `T`.
    ///
    /// Throws a 400 `HTTPError` naming the parameter when it is missing or does not convert.
    /// ```swift
    /// let id: Int = try req.param("id")
    /// ```
    public func param<T: RouteParameter>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let value = routeValues[name] else {
            throw HTTPError(.badRequest, message: "The route has no parameter named '\(name)'.")
        }
        guard let typed = T(routeValue: value) else {
            throw HTTPError(.badRequest, message: "Parameter '\(name)' is not a valid \(T.self): '\(value)'.")
        }
        return typed
    }

    /// The body decoded as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// A type that a path parameter can be converted to with `req.param(_:)`.
public protocol RouteParameter {
    /// Converts the matched text; nil when it does not fit.
    init?(routeParameter: String)
    /// Takes the value the route's converter produced; nil when it does not fit.
    /// The default converts its text form with `init?(routeParameter:)`.
    init?(routeValue: RouteValue)
}

extension RouteParameter {
    public init?(routeValue: RouteValue) { self.init(routeParameter: routeValue.description) }
}

extension String: RouteParameter {
    public init?(routeParameter: String) { self = routeParameter }
}

extension Int: RouteParameter {
    public init?(routeParameter: String) { self.init(routeParameter) }

    /// An `<int:...>` value as it is; a `string` one parsed from its text.
    public init?(routeValue: RouteValue) {
        switch routeValue {
        case .int(let value): self = value
        case .string(let text): self.init(text)
        case .double, .uuid: return nil
        }
    }
}

extension Double: RouteParameter {
    public init?(routeParameter: String) { self.init(routeParameter) }

    /// A `<float:...>` or `<int:...>` value as it is; a `string` one parsed from its text.
    public init?(routeValue: RouteValue) {
        switch routeValue {
        case .double(let value): self = value
        case .int(let value): self.init(value)
        case .string(let text): self.init(text)
        case .uuid: return nil
        }
    }
}

extension UUID: RouteParameter {
    public init?(routeParameter: String) { self.init(uuidString: routeParameter) }

    /// A `<uuid:...>` value as it is; a `string` one parsed from its text.
    public init?(routeValue: RouteValue) {
        switch routeValue {
        case .uuid(let value): self = value
        case .string(let text): self.init(uuidString: text)
        case .int, .double: return nil
        }
    }
}
