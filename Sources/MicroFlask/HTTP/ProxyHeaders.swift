/// Which headers the trusted proxies in front of the app write the client's address, scheme
/// and host into. Only one kind is read: a proxy that writes one kind passes the other through
/// as the client sent it, so reading both would let a client forge its address.
public enum ProxyHeaders: String, Sendable, CaseIterable {
    /// `X-Forwarded-For`, `X-Forwarded-Proto` and `X-Forwarded-Host`, as Werkzeug's `ProxyFix`
    /// reads them (nginx's `$proxy_add_x_forwarded_for`). The default.
    case xForwarded = "x-forwarded"
    /// RFC 7239 `Forwarded`: `for=`, `proto=` and `host=` of the element the Nth trusted proxy
    /// appended.
    case forwarded
}
