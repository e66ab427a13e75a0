extension App {
    /// `handler`, with the request line written to the serving thread's request slot while it
    /// runs, so that a crash names the request (see `RequestSlots`): a copy into memory the
    /// supervisor or the crash handler reads, no system call.
    static func recordingRequestLines(
        _ handler: @escaping @Sendable (HTTPRequest) -> Response
    ) -> @Sendable (HTTPRequest) -> Response {
        { request in
            RequestSlots.begin(method: request.method.rawValue, target: request.target, version: request.version.text)
            defer { RequestSlots.end() }
            return handler(request)
        }
    }
}

extension HTTPVersion {
    /// The request line's version, without building a string for the common ones.
    var text: String {
        switch self {
        case .http1_1: "HTTP/1.1"
        case .http1_0: "HTTP/1.0"
        default: description
        }
    }
}
