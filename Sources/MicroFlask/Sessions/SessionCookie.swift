import Foundation

/// Loads and saves the session cookie: JSON, signed with the app's secret key.
struct SessionCookie: Sendable {
    let name: String
    let signer: CookieSigner?
    let lifetime: Int

    /// The key that marks a permanent session in the cookie; hidden from the session's values.
    static let permanentKey = "_permanent"

    init(config: Config) {
        name = config.sessionCookieName
        signer = config.secretKey.map { CookieSigner(secretKey: $0, fallbackKeys: config.secretKeyFallbacks) }
        lifetime = config.sessionLifetime
    }

    /// The session carried by the request's cookie, or an empty one.
    func load(from request: Request) -> Session {
        guard let signer, let token = request.cookies[name], let payload = signer.unsign(token, maxAge: lifetime),
            var values = try? JSONDecoder().decode([String: TemplateValue].self, from: Data(payload))
        else { return Session() }
        // Permanence travels in the cookie, as Flask's `_permanent` does, so a later write keeps it.
        let permanent = values.removeValue(forKey: SessionCookie.permanentKey) == .bool(true)
        return Session(values: values, isPermanent: permanent)
    }

    /// Adds the `Set-Cookie` for a changed session to `response`.
    func save(_ session: Session, to response: inout Response) throws {
        guard session.isModified else { return }
        if session.isEmpty {
            // Deleted with the attributes it was set with, as Flask does (HttpOnly included).
            response.setCookie(
                name, "", maxAge: 0, expires: Date(timeIntervalSince1970: 0), httpOnly: true, sameSite: .lax)
            return
        }
        guard let signer else { throw SessionError() }
        var values = session.values
        if session.isPermanent { values[SessionCookie.permanentKey] = .bool(true) }
        let payload = try Response.sortedKeysEncoder.encode(values)
        response.setCookie(
            name, signer.sign(Array(payload)), maxAge: session.isPermanent ? lifetime : nil, httpOnly: true,
            sameSite: .lax)
        response.headers["Vary"] = "Cookie"
    }
}

/// A session was written in an app that has no secret key to sign it.
public struct SessionError: Error, CustomStringConvertible, Sendable {
    public var description: String {
        "The session is unavailable because no secret key was set. Set app.config.secretKey to a long random string (or the MICROFLASK_SECRET_KEY environment variable)."
    }
}

extension TemplateValue: Decodable {
    /// Reads any JSON value (sessions are stored as JSON).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([TemplateValue].self) {
            self = .array(value)
        } else {
            self = .dictionary(try container.decode([String: TemplateValue].self))
        }
    }
}
