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

    /// The client's address: the socket's peer, or, behind `trustedProxies` proxies (`config.trustedProxies`),
    /// the address they report in `X-Forwarded-For` (like Werkzeug's `ProxyFix(x_for=N)`).
    /// With no trusted proxies the header is ignored, so clients cannot spoof it.
    public var remoteAddress: String { forwarded("X-Forwarded-For") ?? peerAddress }

    /// The URL scheme: `http`, or `X-Forwarded-Proto` from trusted proxies (TLS ends in front of
    /// MicroFlask, at nginx say).
    public var scheme: String { forwarded("X-Forwarded-Proto")?.lowercased() ?? "http" }

    /// The `Host` the client asked for (`X-Forwarded-Host` from trusted proxies), or "".
    public var host: String { forwarded("X-Forwarded-Host") ?? headers["Host"] ?? "" }

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

    /// The full URL of the request, such as `http://localhost:5000/search?q=a`.
    public var url: String { "\(scheme)://\(host.isEmpty ? "localhost" : host)\(target)" }

    /// The URL without the query string.
    public var baseURL: String { "\(scheme)://\(host.isEmpty ? "localhost" : host)\(rawPath)" }
}
