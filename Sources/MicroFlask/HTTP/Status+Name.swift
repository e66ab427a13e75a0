/// The names Werkzeug gives statuses, which Flask shows on its error pages.
extension Status {
    /// The status's name as Flask's error pages show it: Werkzeug's spelling
    /// (`HTTP_STATUS_CODES`), which keeps some older names than RFC 9110's (`413 Request Entity
    /// Too Large`, not `413 Content Too Large`). A custom reason phrase is its own name.
    ///
    /// ```swift
    /// Status(413).reasonPhrase   // "Content Too Large" (the status line)
    /// Status(413).name           // "Request Entity Too Large" (the error page's title)
    /// ```
    public var name: String {
        guard reasonPhrase == Status.standardPhrase(code) else { return reasonPhrase }
        return switch code {
        case 203: "Non Authoritative Information"
        case 207: "Multi Status"
        case 413: "Request Entity Too Large"
        case 414: "Request URI Too Long"
        case 416: "Requested Range Not Satisfiable"
        case 422: "Unprocessable Entity"
        case 449: "Retry With"
        case 511: "Network Authentication Failed"
        default: reasonPhrase == "Unknown" ? "Unknown Error" : reasonPhrase
        }
    }
}
