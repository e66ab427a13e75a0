/// The default error pages, worded and shaped like Werkzeug's so Flask users see what they know.
enum ErrorPage {
    /// The standard description of a status, shown under its title.
    static func description(for code: Int) -> String {
        switch code {
        case 400: "The browser (or proxy) sent a request that this server could not understand."
        case 401:
            "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required."
        case 403:
            "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server."
        case 404:
            "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again."
        case 405: "The method is not allowed for the requested URL."
        case 406:
            "The resource identified by the request is only capable of generating response entities which have content characteristics not acceptable according to the accept headers sent in the request."
        case 408:
            "The server closed the network connection because the browser didn't finish the request within the specified time."
        case 409:
            "A conflict happened while processing the request. The resource might have been modified while the request was being processed."
        case 410:
            "The requested URL is no longer available on this server and there is no forwarding address. If you followed a link from a foreign page, please contact the author of this page."
        case 411: "A request with this method requires a valid <code>Content-Length</code> header."
        case 412: "The precondition on the request for the URL failed positive evaluation."
        case 413: "The data value transmitted exceeds the capacity limit."
        case 414:
            "The length of the requested URL exceeds the capacity limit for this server. The request cannot be processed."
        case 415: "The server does not support the media type transmitted in the request."
        case 416: "The server cannot provide the requested range."
        case 417: "The server could not meet the requirements of the Expect header"
        case 418: "This server is a teapot, not a coffee machine"
        case 421: "The server is not able to produce a response."
        case 422: "The request was well-formed but was unable to be followed due to semantic errors."
        case 423: "The resource that is being accessed is locked."
        case 424:
            "The method could not be performed on the resource because the requested action depended on another action and that action failed."
        case 428: "This request is required to be conditional; try using \"If-Match\" or \"If-Unmodified-Since\"."
        case 429: "This user has exceeded an allotted request count. Try again later."
        case 431: "One or more header fields exceeds the maximum size."
        case 451: "Unavailable for legal reasons."
        case 500:
            "The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application."
        case 501: "The server does not support the action requested by the browser."
        case 502: "The proxy server received an invalid response from an upstream server."
        case 503:
            "The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later."
        case 504: "The connection to an upstream server timed out."
        case 505: "The server does not support the HTTP protocol version used in the request."
        default: "The server could not complete the request."
        }
    }

    /// An error response: Flask's HTML page, or a JSON object when the client prefers JSON.
    static func response(_ status: Status, message: String?, headers: Headers = Headers(), prefersJSON: Bool)
        -> Response
    {
        let text = message ?? description(for: status.code)
        var response: Response
        if prefersJSON {
            let body =
                "{\"code\":\(status.code),\"description\":\(JSONString.quote(text)),\"name\":\(JSONString.quote(status.name))}"
            response = Response(body, status: status, contentType: "application/json")
        } else {
            response = Response(
                "<!doctype html>\n<html lang=en>\n<title>\(status.code) \(HTMLEscaping.escape(status.name))</title>\n"
                    + "<h1>\(HTMLEscaping.escape(status.name))</h1>\n<p>\(HTMLEscaping.escape(text))</p>\n",
                status: status)
        }
        response.headers.update(headers)
        return response
    }

    /// Whether `Accept` ranks `application/json` above `text/html`.
    static func prefersJSON(_ accept: String?) -> Bool {
        guard let accept, accept.contains("json") else { return false }
        func quality(_ type: String) -> Double {
            var best = 0.0
            for item in accept.split(separator: ",") {
                let parts = item.split(separator: ";").map { $0.trimmingASCIIWhitespace() }
                guard let media = parts.first, media == type else { continue }
                var q = 1.0
                for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                    q = Double(parameter.dropFirst(2)) ?? 0
                }
                best = max(best, q)
            }
            return best
        }
        return quality("application/json") > quality("text/html")
    }
}

/// Minimal JSON string quoting for hand-built JSON.
enum JSONString {
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
