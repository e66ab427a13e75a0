/// Cookies and URL parts of a request.
extension Request {
    /// The cookies the client sent, by name (the first one wins when a name repeats).
    public var cookies: [String: String] {
        var cookies: [String: String] = [:]
        for header in headers.values(for: "Cookie") {
            for pair in header.split(separator: ";") {
                let trimmed = pair.trimmingASCIIWhitespace()
                guard let eq = trimmed.firstIndex(of: "=") else { continue }
                let name = String(trimmed[..<eq].trimmingASCIIWhitespace())
                var value = trimmed[trimmed.index(after: eq)...].trimmingASCIIWhitespace()
                if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
                if cookies[name] == nil { cookies[name] = String(value) }
            }
        }
        return cookies
    }

    /// The URL scheme: always `http` (TLS is terminated in front of MicroFlask).
    public var scheme: String { "http" }

    /// The full URL of the request, such as `http://localhost:5000/search?q=a`.
    public var url: String { "\(scheme)://\(host.isEmpty ? "localhost" : host)\(target)" }

    /// The URL without the query string.
    public var baseURL: String { "\(scheme)://\(host.isEmpty ? "localhost" : host)\(rawPath)" }
}
