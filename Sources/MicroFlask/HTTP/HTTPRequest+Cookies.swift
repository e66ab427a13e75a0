/// Cookies and URL parts of a request.
extension HTTPRequest {
    /// The cookies the client sent, by name (the first one wins when a name repeats); parsed
    /// once, on first use.
    public var cookies: [String: String] {
        if let parsedCookies { return parsedCookies }
        let cookies = parseCookies()
        parsedCookies = cookies
        return cookies
    }

    private func parseCookies() -> [String: String] {
        var cookies: [String: String] = [:]
        for header in headers.values(for: "Cookie") {
            for text in header.split(separator: ";") {
                // As Werkzeug's `parse_cookie`: a piece without `=` is a name with an empty value,
                // and a piece with an empty name is dropped (found by Fuzz/FuzzCookies).
                let (name, value) = CookieCoding.pair(text) ?? (String(text.trimmingASCIIWhitespace()), "")
                guard !name.isEmpty, cookies[name] == nil else { continue }
                cookies[name] = CookieCoding.unquote(value)
            }
        }
        return cookies
    }

    /// The client's address: the socket's peer, or, behind `trustedProxies` proxies
    /// (`config.trustedProxies`), the address the Nth of them reported: in `X-Forwarded-For`
    /// (like Werkzeug's `ProxyFix(x_for=N)`) or, with `proxyHeaders` `.forwarded`, in the
    /// `for=` of RFC 7239 `Forwarded`. With no trusted proxies the headers are ignored, so
    /// clients cannot spoof them.
    public var remoteAddress: String {
        switch proxyHeaders {
        case .xForwarded: forwarded("X-Forwarded-For") ?? peerAddress
        case .forwarded: forwardedElement()?.forNode ?? peerAddress
        }
    }

    /// The URL scheme: `http`, or what trusted proxies report (`X-Forwarded-Proto`, or `proto=`
    /// of `Forwarded`) when TLS ends in front of MicroFlask, at nginx say.
    public var scheme: String {
        switch proxyHeaders {
        case .xForwarded: forwarded("X-Forwarded-Proto")?.lowercased() ?? "http"
        case .forwarded: forwardedElement()?.proto ?? "http"
        }
    }

    /// The `Host` the client asked for (`X-Forwarded-Host`, or `host=` of `Forwarded`, from
    /// trusted proxies), or "".
    public var host: String { forwardedHost ?? headers["Host"] ?? "" }

    /// The host a trusted proxy reported, if any.
    var forwardedHost: String? {
        switch proxyHeaders {
        case .xForwarded: forwarded("X-Forwarded-Host")
        case .forwarded: forwardedElement()?.host
        }
    }

    /// The value the Nth proxy from the right appended to a forwarding header, N being
    /// `config.trustedProxies`; nil when no proxy is trusted or the header is too short.
    private func forwarded(_ name: String) -> String? {
        let hops = trustedProxies
        guard hops > 0 else { return nil }
        let values = headers.values(for: name).flatMap { $0.split(separator: ",") }.map {
            String($0.trimmingASCIIWhitespace())
        }
        guard values.count >= hops else { return nil }
        let value = values[values.count - hops]
        return value.isEmpty ? nil : value
    }

    /// The `Forwarded` element the Nth proxy from the right appended (as `forwarded(_:)` picks
    /// a value); nil when no proxy is trusted, the list is too short or does not parse.
    private func forwardedElement() -> ForwardedElement? {
        let hops = trustedProxies
        guard hops > 0, let elements = ForwardedElement.parse(headers.values(for: "Forwarded")),
            elements.count >= hops
        else { return nil }
        return elements[elements.count - hops]
    }

    /// The full URL of the request, such as `http://localhost:5000/search?q=a`.
    public var url: String { "\(scheme)://\(host.isEmpty ? "localhost" : host)\(target)" }

    /// The URL without the query string.
    public var baseURL: String { "\(scheme)://\(host.isEmpty ? "localhost" : host)\(rawPath)" }
}
