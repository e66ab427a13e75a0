/// An HTTP response status: a code and its reason phrase.
///
/// An open struct, so any code can be used; the common ones are static members.
/// ```swift
/// return ("Created", Status.created)
/// try abort(404)                      // integer literals work too
/// ```
public struct Status: Hashable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The three-digit status code.
    public let code: Int
    /// The reason phrase sent after the code.
    public let reasonPhrase: String

    /// Creates a status with an explicit reason phrase.
    public init(code: Int, reasonPhrase: String) {
        self.code = code
        self.reasonPhrase = reasonPhrase
    }

    /// Creates a status from its code, with the standard reason phrase when there is one.
    public init(_ code: Int) {
        self.code = code
        self.reasonPhrase = Status.standardPhrase(code)
    }

    /// An integer literal is a status code with its standard phrase: `try abort(404)`.
    public init(integerLiteral value: Int) { self.init(value) }

    /// The code and phrase as the status line writes them: `404 Not Found`.
    public var description: String { "\(code) \(reasonPhrase)" }

    /// Whether a response with this status never carries a body (1xx, 204, 304).
    public var forbidsBody: Bool { code < 200 || code == 204 || code == 304 }

    /// The phrase of every code in the IANA registry (RFC 9110's names), and the two codes it
    /// lists as unused with the names everyone knows them by: 306 "Switch Proxy" and 418 "I'm a
    /// teapot" (RFC 2324, spelled as Werkzeug spells it).
    static func standardPhrase(_ code: Int) -> String {
        switch code {
        case 100: "Continue"
        case 101: "Switching Protocols"
        case 102: "Processing"
        case 103: "Early Hints"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 203: "Non-Authoritative Information"
        case 204: "No Content"
        case 205: "Reset Content"
        case 206: "Partial Content"
        case 207: "Multi-Status"
        case 208: "Already Reported"
        case 226: "IM Used"
        case 300: "Multiple Choices"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 305: "Use Proxy"
        case 306: "Switch Proxy"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 402: "Payment Required"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 407: "Proxy Authentication Required"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 410: "Gone"
        case 411: "Length Required"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 416: "Range Not Satisfiable"
        case 417: "Expectation Failed"
        case 418: "I'm a teapot"
        case 421: "Misdirected Request"
        case 422: "Unprocessable Content"
        case 423: "Locked"
        case 424: "Failed Dependency"
        case 425: "Too Early"
        case 426: "Upgrade Required"
        case 428: "Precondition Required"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 451: "Unavailable For Legal Reasons"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        case 506: "Variant Also Negotiates"
        case 507: "Insufficient Storage"
        case 508: "Loop Detected"
        case 510: "Not Extended"
        case 511: "Network Authentication Required"
        default: "Unknown"
        }
    }

    /// 100 Continue
    public static let `continue` = Status(100)
    /// 101 Switching Protocols
    public static let switchingProtocols = Status(101)
    /// 200 OK
    public static let ok = Status(200)
    /// 201 Created
    public static let created = Status(201)
    /// 202 Accepted
    public static let accepted = Status(202)
    /// 204 No Content
    public static let noContent = Status(204)
    /// 206 Partial Content
    public static let partialContent = Status(206)
    /// 301 Moved Permanently
    public static let movedPermanently = Status(301)
    /// 302 Found
    public static let found = Status(302)
    /// 303 See Other
    public static let seeOther = Status(303)
    /// 304 Not Modified
    public static let notModified = Status(304)
    /// 307 Temporary Redirect
    public static let temporaryRedirect = Status(307)
    /// 308 Permanent Redirect
    public static let permanentRedirect = Status(308)
    /// 400 Bad Request
    public static let badRequest = Status(400)
    /// 401 Unauthorized
    public static let unauthorized = Status(401)
    /// 403 Forbidden
    public static let forbidden = Status(403)
    /// 404 Not Found
    public static let notFound = Status(404)
    /// 405 Method Not Allowed
    public static let methodNotAllowed = Status(405)
    /// 406 Not Acceptable
    public static let notAcceptable = Status(406)
    /// 408 Request Timeout
    public static let requestTimeout = Status(408)
    /// 409 Conflict
    public static let conflict = Status(409)
    /// 410 Gone
    public static let gone = Status(410)
    /// 411 Length Required
    public static let lengthRequired = Status(411)
    /// 412 Precondition Failed
    public static let preconditionFailed = Status(412)
    /// 413 Content Too Large
    public static let contentTooLarge = Status(413)
    /// 414 URI Too Long
    public static let uriTooLong = Status(414)
    /// 415 Unsupported Media Type
    public static let unsupportedMediaType = Status(415)
    /// 416 Range Not Satisfiable
    public static let rangeNotSatisfiable = Status(416)
    /// 417 Expectation Failed
    public static let expectationFailed = Status(417)
    /// 422 Unprocessable Content
    public static let unprocessableContent = Status(422)
    /// 429 Too Many Requests
    public static let tooManyRequests = Status(429)
    /// 431 Request Header Fields Too Large
    public static let requestHeaderFieldsTooLarge = Status(431)
    /// 500 Internal Server Error
    public static let internalServerError = Status(500)
    /// 501 Not Implemented
    public static let notImplemented = Status(501)
    /// 502 Bad Gateway
    public static let badGateway = Status(502)
    /// 503 Service Unavailable
    public static let serviceUnavailable = Status(503)
    /// 505 HTTP Version Not Supported
    public static let httpVersionNotSupported = Status(505)
    /// 102 Processing
    public static let processing = Status(102)
    /// 103 Early Hints
    public static let earlyHints = Status(103)
    /// 203 Non-Authoritative Information
    public static let nonAuthoritativeInformation = Status(203)
    /// 205 Reset Content
    public static let resetContent = Status(205)
    /// 208 Already Reported
    public static let alreadyReported = Status(208)
    /// 226 IM Used
    public static let imUsed = Status(226)
    /// 300 Multiple Choices
    public static let multipleChoices = Status(300)
    /// 402 Payment Required
    public static let paymentRequired = Status(402)
    /// 407 Proxy Authentication Required
    public static let proxyAuthenticationRequired = Status(407)
    /// 418 I'm a teapot
    public static let imATeapot = Status(418)
    /// 421 Misdirected Request
    public static let misdirectedRequest = Status(421)
    /// 423 Locked
    public static let locked = Status(423)
    /// 424 Failed Dependency
    public static let failedDependency = Status(424)
    /// 425 Too Early
    public static let tooEarly = Status(425)
    /// 426 Upgrade Required
    public static let upgradeRequired = Status(426)
    /// 428 Precondition Required
    public static let preconditionRequired = Status(428)
    /// 451 Unavailable For Legal Reasons
    public static let unavailableForLegalReasons = Status(451)
    /// 504 Gateway Timeout
    public static let gatewayTimeout = Status(504)
    /// 506 Variant Also Negotiates
    public static let variantAlsoNegotiates = Status(506)
    /// 507 Insufficient Storage
    public static let insufficientStorage = Status(507)
    /// 508 Loop Detected
    public static let loopDetected = Status(508)
    /// 510 Not Extended
    public static let notExtended = Status(510)
    /// 511 Network Authentication Required
    public static let networkAuthenticationRequired = Status(511)
}
