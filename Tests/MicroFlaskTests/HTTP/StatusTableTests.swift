import Testing

@testable import MicroFlask

/// The reason phrases (IANA's registry) and the names Flask's error pages show (Werkzeug 3.1.8's
/// `HTTP_STATUS_CODES`, printed with `python3 -c 'from werkzeug.http import HTTP_STATUS_CODES'`).
@Suite("Status table")
struct StatusTableTests {
    /// Werkzeug 3.1.8's HTTP_STATUS_CODES, every entry.
    static let werkzeug: [Int: String] = [
        100: "Continue", 101: "Switching Protocols", 102: "Processing", 103: "Early Hints", 200: "OK",
        201: "Created", 202: "Accepted", 203: "Non Authoritative Information", 204: "No Content",
        205: "Reset Content", 206: "Partial Content", 207: "Multi Status", 208: "Already Reported", 226: "IM Used",
        300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
        305: "Use Proxy", 306: "Switch Proxy", 307: "Temporary Redirect", 308: "Permanent Redirect",
        400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found",
        405: "Method Not Allowed", 406: "Not Acceptable", 407: "Proxy Authentication Required",
        408: "Request Timeout", 409: "Conflict", 410: "Gone", 411: "Length Required", 412: "Precondition Failed",
        413: "Request Entity Too Large", 414: "Request URI Too Long", 415: "Unsupported Media Type",
        416: "Requested Range Not Satisfiable", 417: "Expectation Failed", 418: "I'm a teapot",
        421: "Misdirected Request", 422: "Unprocessable Entity", 423: "Locked", 424: "Failed Dependency",
        425: "Too Early", 426: "Upgrade Required", 428: "Precondition Required", 429: "Too Many Requests",
        431: "Request Header Fields Too Large", 449: "Retry With", 451: "Unavailable For Legal Reasons",
        500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
        504: "Gateway Timeout", 505: "HTTP Version Not Supported", 506: "Variant Also Negotiates",
        507: "Insufficient Storage", 508: "Loop Detected", 510: "Not Extended",
        511: "Network Authentication Failed",
    ]

    @Test("every Werkzeug status has Werkzeug's name")
    func werkzeugNames() {
        for (code, name) in StatusTableTests.werkzeug {
            #expect(Status(code).name == name, "\(code)")
        }
        #expect(Status(299).name == "Unknown Error")
        #expect(Status(code: 404, reasonPhrase: "Nope").name == "Nope")
    }

    @Test(
        "reason phrases are IANA's (RFC 9110) names",
        arguments: [
            (203, "Non-Authoritative Information"), (207, "Multi-Status"), (208, "Already Reported"),
            (226, "IM Used"), (413, "Content Too Large"), (414, "URI Too Long"), (416, "Range Not Satisfiable"),
            (418, "I'm a teapot"), (421, "Misdirected Request"), (422, "Unprocessable Content"), (425, "Too Early"),
            (451, "Unavailable For Legal Reasons"), (506, "Variant Also Negotiates"), (507, "Insufficient Storage"),
            (508, "Loop Detected"), (510, "Not Extended"), (511, "Network Authentication Required"),
        ])
    func ianaPhrases(code: Int, phrase: String) {
        #expect(Status(code).reasonPhrase == phrase)
    }

    @Test("every registered code has a phrase; others are Unknown")
    func noUnknownRegisteredCodes() {
        for code in StatusTableTests.werkzeug.keys where code != 449 {
            #expect(Status(code).reasonPhrase != "Unknown", "\(code)")
        }
        #expect(Status(449).reasonPhrase == "Unknown")
        #expect(Status.imATeapot.code == 418)
        #expect(Status.gatewayTimeout.description == "504 Gateway Timeout")
    }
}
