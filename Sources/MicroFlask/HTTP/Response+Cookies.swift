import Foundation

/// Setting and deleting cookies (Flask's `response.set_cookie` / `delete_cookie`).
extension Response {
    /// The `SameSite` attribute of a cookie.
    public enum SameSite: String, Sendable {
        /// Sent only with requests that start on the cookie's own site.
        case strict = "Strict"
        /// Also sent when the user follows a link from another site (top-level GET navigation):
        /// the usual choice for a login cookie.
        case lax = "Lax"
        /// Sent with cross-site requests too; browsers accept it only with `secure: true`.
        case none = "None"
    }

    /// Adds a `Set-Cookie` header; several cookies per response are fine.
    ///
    /// ```swift
    /// var response = Response("ok")
    /// response.setCookie("theme", "dark", maxAge: 3600, httpOnly: true, sameSite: .lax)
    /// ```
    /// The defaults match Flask's: `Path=/`, no `HttpOnly`, no `SameSite`.
    public mutating func setCookie(
        _ name: String, _ value: String, maxAge: Int? = nil, expires: Date? = nil, path: String? = "/",
        domain: String? = nil,
        secure: Bool = false, httpOnly: Bool = false, sameSite: SameSite? = nil
    ) {
        var parts = ["\(name)=\(CookieCoding.quote(value))"]
        if let domain { parts.append("Domain=\(domain)") }
        let expiry = expires ?? maxAge.map { Date(timeIntervalSinceNow: TimeInterval($0)) }
        if let expiry { parts.append("Expires=\(HTTPDate.format(epochSeconds: Int(expiry.timeIntervalSince1970)))") }
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        if secure { parts.append("Secure") }
        if httpOnly { parts.append("HttpOnly") }
        if let path { parts.append("Path=\(path)") }
        if let sameSite { parts.append("SameSite=\(sameSite.rawValue)") }
        headers.add("Set-Cookie", parts.joined(separator: "; "))
    }

    /// Tells the client to drop a cookie (an empty value that expired in 1970).
    public mutating func deleteCookie(_ name: String, path: String? = "/", domain: String? = nil) {
        setCookie(name, "", maxAge: 0, expires: Date(timeIntervalSince1970: 0), path: path, domain: domain)
    }
}
