/// The error pages the HTTP layer sends itself: for requests that cannot be parsed
/// (400, 413, 414, 431, 501, 505) and the 500 that replaces a response with an invalid header.
///
/// Shaped like Werkzeug's pages (as the app's own error pages are) but built here, so the
/// codec and the server depend on nothing above the HTTP layer.
enum ProtocolErrorPage {
    /// The page for a request that could not be parsed, explaining why; it says `Connection: close`.
    static func response(for error: RequestParseError) -> Response {
        var response = page(error.status, text: error.reason)
        response.headers["Connection"] = "close"
        return response
    }

    /// The 500 sent instead of a response that would break the framing.
    static func internalServerError() -> Response {
        page(
            .internalServerError,
            text:
                "The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application."
        )
    }

    static func page(_ status: Status, text: String) -> Response {
        let phrase = escape(status.reasonPhrase)
        return Response(
            "<!doctype html>\n<html lang=en>\n<title>\(status.code) \(phrase)</title>\n"
                + "<h1>\(phrase)</h1>\n<p>\(escape(text))</p>\n",
            status: status)
    }

    /// Minimal HTML escaping for the fixed texts above (kept here so HTTP needs no template code).
    private static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&#34;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
