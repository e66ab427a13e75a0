import Foundation

/// An HTTP request as the server parsed it: method, target, headers, body, and what is read
/// from them (path, query arguments, cookies, forms). It knows no app, session or template;
/// views receive the App-level `Request`, which wraps one of these as `req.http`.
///
/// `@unchecked Sendable` by the one-owner protocol: a request is created, read and dropped by
/// the one thread serving its connection (an async view borrows it while that thread waits), so
/// its lazily filled caches are never touched by two threads at once. For the same reason its
/// stored `var`s skip the runtime's exclusivity checks (`@exclusivity(unchecked)`: a check per
/// access, about 80 instructions, showed on the request path), and none of its accessors
/// reaches the same property while it is being modified.
/// ```swift
/// let server = try Server { request in Response.text("You asked for \(request.path)") }
/// ```
public final class HTTPRequest: @unchecked Sendable {
    /// The request method.
    public let method: Method
    /// The request target exactly as sent, such as `/search?q=a%20b`.
    public let target: String
    /// The protocol version.
    public let version: HTTPVersion
    /// The body as received: in memory, or in a temporary file when it was large (see
    /// ``BodySpooling``). `form`, `files` and `json` read it either way. A `multipart/form-data`
    /// body is empty once its form was parsed (as Werkzeug's `get_data()` is): the server parses
    /// such a body as it arrives, without keeping it.
    public var content: RequestBody {
        didSet { bodyBytes = nil }
    }
    /// The body bytes (empty when there is none). A spooled body is read from its file once, on
    /// first use; if its file can no longer be read this gives no bytes, so for large uploads
    /// prefer `content.bytes()`, which throws, or the form parsers, which stream the file.
    public var body: [UInt8] {
        get {
            if case .memory(let bytes) = content.storage { return bytes }
            if let bodyBytes { return bodyBytes }
            let bytes = (try? content.bytes()) ?? []
            bodyBytes = bytes
            return bytes
        }
        set { content = RequestBody(newValue) }
    }
    @exclusivity(unchecked) private var bodyBytes: [UInt8]?
    /// The address of the socket's peer, such as `127.0.0.1` (a proxy, when one is in front).
    public let peerAddress: String
    /// How many proxies in front to trust for `X-Forwarded-*` (Werkzeug's `ProxyFix`); 0 ignores
    /// the headers. An HTTP-level setting, given by whoever creates or dispatches the request
    /// before anything reads `remoteAddress`, `scheme` or `host`.
    @exclusivity(unchecked) public var trustedProxies = 0
    /// The limits a form body is parsed within (413 past them); set by whoever dispatches the
    /// request, before anything reads `form` or `files`.
    @exclusivity(unchecked) public var formLimits = FormLimits()
    /// Which forwarding headers the trusted proxies write: `X-Forwarded-*` (the default) or
    /// RFC 7239 `Forwarded`. Set with `trustedProxies`, by whoever dispatches the request.
    @exclusivity(unchecked) public var proxyHeaders = ProxyHeaders.xForwarded
    /// The request's id: the client's `X-Request-ID` when it is a sane token (the dispatcher
    /// takes it), else one made for it on first use (see ``RequestID``), so that a request
    /// nothing logs costs no id.
    public internal(set) var requestID: String {
        get {
            if let storedRequestID { return storedRequestID }
            let made = RequestID.next()
            storedRequestID = made
            return made
        }
        set { storedRequestID = newValue }
    }
    @exclusivity(unchecked) private var storedRequestID: String?
    /// Whether a request id was taken from the client or made (so the response echoes it).
    var hasRequestID: Bool { storedRequestID != nil }

    /// The raw header section (after the request line), parsed into `headers` on first use.
    var rawHeaders: [UInt8]
    @exclusivity(unchecked) private(set) var parsedHeaders: Headers?
    /// `cookies`, once parsed from the headers.
    @exclusivity(unchecked) var parsedCookies: [String: String]?
    /// What the head's parse noted of the raw headers (false for requests made from parts).
    private let headHasCookie: Bool
    private let headHasContentType: Bool
    /// The head's `RequestHead.fieldInitials` (every bit for requests made from parts).
    let headFieldInitials: UInt32
    /// The parsed form and files, once asked for.
    @exclusivity(unchecked) var bodyCache: ParsedBody?
    /// Why the form the server parsed while the body arrived was refused; `form` throws it.
    @exclusivity(unchecked) var receivedFormError: FormError?

    /// Creates a request from its parts (the test client and tests use this).
    public init(
        method: Method, target: String, version: HTTPVersion = .http1_1, headers: Headers = Headers(),
        body: [UInt8] = [],
        remoteAddress: String = "127.0.0.1", trustedProxies: Int = 0
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.content = RequestBody(body)
        self.peerAddress = remoteAddress
        self.trustedProxies = trustedProxies
        self.rawHeaders = []
        self.parsedHeaders = headers
        self.headHasCookie = false
        self.headHasContentType = false
        self.headFieldInitials = .max
    }

    /// Creates a request from a parsed head; header strings are made only when asked for.
    init(head: RequestHead, content: RequestBody, remoteAddress: String) {
        self.method = head.method
        self.target = head.target
        self.version = head.version
        self.content = content
        self.peerAddress = remoteAddress
        self.rawHeaders = head.rawHeaders
        self.parsedHeaders = nil
        self.headHasCookie = head.hasCookie
        self.headHasContentType = head.hasContentType
        self.headFieldInitials = head.fieldInitials
    }

    /// The header fields: ordered, case-insensitive, multi-valued.
    public var headers: Headers {
        get {
            if let parsedHeaders { return parsedHeaders }
            let parsed = RequestParser.headers(from: rawHeaders)
            parsedHeaders = parsed
            return parsed
        }
        set {
            parsedHeaders = newValue
            parsedCookies = nil
        }
    }

    /// Whether the request has a `Cookie` field, known without building `headers`: the head's
    /// parse noted it; exact once the headers are parsed or were given.
    var hasCookieField: Bool { parsedHeaders?.contains("Cookie") ?? headHasCookie }

    /// Whether the request has a `Content-Type` field, known as `hasCookieField` is.
    var hasContentTypeField: Bool { parsedHeaders?.contains("Content-Type") ?? headHasContentType }

    /// The path part of the target, percent-decoded once: what routing matches against.
    public private(set) lazy var path: String = {
        let extent = targetExtent
        if !extent.pathHasPercent {
            return extent.pathEnd == target.utf8.count ? target : String(rawPath)
        }
        return PercentDecoding.decode(rawPath.utf8)
    }()

    /// The path part of the target, still percent-encoded.
    public var rawPath: Substring {
        target[..<target.utf8.index(target.utf8.startIndex, offsetBy: targetExtent.pathEnd)]
    }

    /// The query string (without `?`), still percent-encoded; empty when there is none.
    public var queryString: Substring {
        let end = targetExtent.pathEnd
        guard end < target.utf8.count else { return "" }
        return target[target.utf8.index(target.utf8.startIndex, offsetBy: end + 1)...]
    }

    /// Where the target's path ends (the UTF-8 offset of its `?`, or its length), and whether
    /// the path has a `%` to decode: one scan of the target's bytes.
    private var targetExtent: (pathEnd: Int, pathHasPercent: Bool) {
        func scan<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> (Int, Bool) {
            var offset = 0
            var percent = false
            for byte in bytes {
                if byte == UInt8(ascii: "?") { return (offset, percent) }
                if byte == UInt8(ascii: "%") { percent = true }
                offset += 1
            }
            return (offset, percent)
        }
        return target.utf8.withContiguousStorageIfAvailable { scan($0) } ?? scan(target.utf8)
    }

    /// The query arguments, in order (Flask's `request.args`).
    public private(set) lazy var args: MultiDict = MultiDict(URLEncodedForm.parse(queryString.utf8))

    /// The body decoded as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}
