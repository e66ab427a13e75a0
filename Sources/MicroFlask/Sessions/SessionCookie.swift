import Foundation

/// Loads and saves the session cookie: JSON, signed with the app's secret key, with the cookie
/// attributes of Flask's `SESSION_COOKIE_*` settings.
struct SessionCookie: Sendable {
    /// The cookie's attributes and lifetime (the App fills them from its `Config`).
    struct Settings: Sendable {
        var name = "session"
        var domain: String?
        var path = "/"
        var httpOnly = true
        var secure = false
        var sameSite: Response.SameSite?
        /// Seconds a permanent session lives, and the oldest signature accepted.
        var lifetime = 31 * 24 * 3600
        /// Whether a permanent session's cookie is sent again on every request (sliding expiry).
        var refreshEachRequest = true
    }

    let settings: Settings
    let signer: CookieSigner?

    /// The key that marks a permanent session in the cookie; hidden from the session's values.
    static let permanentKey = "_permanent"

    init(settings: Settings, secretKey: String?, fallbackKeys: [String]) {
        self.settings = settings
        signer = secretKey.map { CookieSigner(secretKey: $0, fallbackKeys: fallbackKeys) }
    }

    /// The session carried by the request's cookie, or an empty one.
    func load(from request: HTTPRequest) -> Session {
        guard let signer, let token = request.cookies[settings.name],
            let payload = signer.unsign(token, maxAge: settings.lifetime),
            var values = try? JSONDecoder().decode([String: SessionValue].self, from: Data(payload))
        else { return Session() }
        // Permanence travels in the cookie, as Flask's `_permanent` does, so a later write keeps it.
        let permanent = values.removeValue(forKey: SessionCookie.permanentKey) == .bool(true)
        return Session(values: values, isPermanent: permanent)
    }

    /// Adds what the session needs to `response`, as Flask's `save_session` does: `Vary: Cookie`
    /// when the session was read or written (merged into any `Vary` already there), and the
    /// `Set-Cookie` for a changed session, or for a permanent one when refreshing each request.
    func save(_ session: Session, to response: inout Response) throws {
        if let error = session.encodingError { throw SessionEncodingError(reason: String(describing: error)) }
        // Set once, at the end: for a session that was read, and for any cookie written.
        var varies = session.isAccessed
        defer { if varies { response.headers.vary("Cookie") } }
        let values = session.values
        if values.isEmpty {
            guard session.isModified else { return }
            // Deleted with the attributes it was set with, as Flask does.
            response.setCookie(
                settings.name, "", maxAge: 0, expires: Date(timeIntervalSince1970: 0), path: settings.path,
                domain: settings.domain, secure: settings.secure, httpOnly: settings.httpOnly,
                sameSite: settings.sameSite)
            varies = true
            return
        }
        guard session.isModified || (session.isPermanent && settings.refreshEachRequest) else { return }
        guard let signer else { throw SessionError() }
        var stored = values
        if session.isPermanent { stored[SessionCookie.permanentKey] = .bool(true) }
        let payload = try SessionValue.encoder.encode(stored)
        // Flask sends `Expires` (no `Max-Age`) for a permanent session, nothing for a browser session.
        let expires = session.isPermanent ? Date(timeIntervalSinceNow: TimeInterval(settings.lifetime)) : nil
        response.setCookie(
            settings.name, signer.sign(Array(payload)), expires: expires, path: settings.path, domain: settings.domain,
            secure: settings.secure, httpOnly: settings.httpOnly, sameSite: settings.sameSite)
        varies = true
    }
}

/// A session was written in an app that has no secret key to sign it.
public struct SessionError: Error, CustomStringConvertible, Sendable {
    /// Says that no secret key was set and how to set one.
    public var description: String {
        "The session is unavailable because no secret key was set. Set app.config.secretKey to a long random string (or set MICROFLASK_SECRET_KEY and call app.config.loadEnvironment())."
    }
}
