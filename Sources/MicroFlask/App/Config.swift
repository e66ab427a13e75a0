import Foundation

/// The application's settings: typed well-known keys with documented defaults, plus your own keys.
///
/// ```swift
/// app.config.debug = true
/// app.config.limits.maxBodySize = 1 << 20
/// app.config["DATABASE"] = "app.sqlite"
/// ```
public struct Config: Sendable {
    /// Debug mode: error details in 500 pages and template reloading. Default false.
    public var debug = false
    /// Whether to log one line per request. Default true (`--quiet` or `--access-log off` turns it off).
    public var accessLog = true
    /// The access log's line format (`--access-log`): Werkzeug's (the default), Apache's
    /// combined, or JSON lines.
    public var accessLogFormat = AccessLogFormat.werkzeug
    /// The file the access log is appended to (`--access-log-file`); nil (the default) is
    /// standard error.
    public var accessLogFile: String?
    /// The request header a request id is taken from (when it is a sane token) and echoed in
    /// on the response when the client sent one or the request used one (`req.requestID`, an
    /// error line). Default `X-Request-ID`; nil reads and sends none (`req.requestID` is then
    /// always made by the server).
    public var requestIDHeader: String? = RequestID.headerName
    /// The secret key that signs session cookies. Default nil (sessions then refuse to write).
    public var secretKey: String?
    /// Older secret keys still accepted when reading sessions, for key rotation. Default none.
    public var secretKeyFallbacks: [String] = []
    /// The session cookie's name (`SESSION_COOKIE_NAME`). Default `session`.
    public var sessionCookieName = "session"
    /// The session cookie's `Domain` (`SESSION_COOKIE_DOMAIN`). Default nil: no attribute, the
    /// cookie goes back only to the host that set it.
    public var sessionCookieDomain: String?
    /// The session cookie's `Path` (`SESSION_COOKIE_PATH`). Default `/`.
    public var sessionCookiePath = "/"
    /// Whether the session cookie is `HttpOnly`, hidden from scripts (`SESSION_COOKIE_HTTPONLY`). Default true.
    public var sessionCookieHTTPOnly = true
    /// Whether the session cookie is `Secure`, sent over HTTPS only (`SESSION_COOKIE_SECURE`). Default false.
    public var sessionCookieSecure = false
    /// The session cookie's `SameSite` (`SESSION_COOKIE_SAMESITE`: `Strict`, `Lax` or `None`).
    /// Default nil: no attribute, as in Flask (browsers then treat it as `Lax`). `None` needs
    /// `sessionCookieSecure` in current browsers.
    public var sessionCookieSameSite: Response.SameSite?
    /// How long a permanent session lasts, in seconds (`PERMANENT_SESSION_LIFETIME`); also the
    /// oldest signature accepted for any session cookie. Default 31 days.
    public var permanentSessionLifetime = 31 * 24 * 3600
    /// Whether a permanent session's cookie is sent again on every request, so it expires that
    /// long after the last visit (`SESSION_REFRESH_EACH_REQUEST`). Default true.
    public var sessionRefreshEachRequest = true
    /// Request size limits (414, 431, 413).
    public var limits = HTTPLimits()
    /// The largest urlencoded form body, and the largest non-file multipart field, in bytes
    /// (Flask's `MAX_FORM_MEMORY_SIZE`); larger ones get 413. Default 500,000.
    public var maxFormMemorySize = 500_000
    /// The most parts of a multipart form (Flask's `MAX_FORM_PARTS`); more get 413. Default 1,000.
    public var maxFormParts = 1000
    /// The most bytes all the non-file fields of one multipart form may hold together; more get
    /// 413. Default 8 MiB (8,388,608). Flask has no such bound.
    public var maxFormFieldsSize = 8 * 1024 * 1024
    /// The bytes that request bodies may hold in memory together, across all connections; a body
    /// that would pass it goes to a temporary file instead. Default 64 MiB.
    public var bodyMemoryBudget = BodyMemoryBudget.defaultLimit
    /// Request bodies larger than this many bytes go to a temporary file as they arrive. Default 1 MiB.
    public var bodySpoolThreshold = BodyAccumulator.defaultSpoolThreshold
    /// Where spooled bodies and uploaded files are written; nil (the default) means `$TMPDIR` or `/tmp`.
    public var temporaryFolder: String?
    /// The folder of templates. Default `templates`. A relative folder is found like Flask's,
    /// near the app's code rather than in the working directory (see `rootPath`).
    public var templateFolder = "templates"
    /// The folder of static files. Default `static`, found like `templateFolder`.
    public var staticFolder = "static"
    /// The folder relative `templateFolder` and `staticFolder` are in (Flask's `root_path`).
    /// Default nil: the nearest of the directory of the file that called `App()` and its parents
    /// up to the package root, then the executable's directory and its parents, that holds the
    /// folder. A relative root is taken from the working directory.
    public var rootPath: String?
    /// The URL prefix for static files. Default `/static`; nil turns the static route off.
    public var staticURLPath: String? = "/static"
    /// Whether JSON responses sort object keys, as Flask's JSON provider does. Default true;
    /// without it keys keep the order the type encodes them.
    public var jsonSortKeys = true
    /// The encoder for `Encodable` view results (dates, key strategies, pretty printing); nil
    /// (the default) uses a plain encoder with `jsonSortKeys`.
    ///
    /// ```swift
    /// let encoder = JSONEncoder()
    /// encoder.dateEncodingStrategy = .iso8601
    /// app.config.jsonEncoder = encoder
    /// ```
    public var jsonEncoder: JSONEncoder?
    /// The `Server` header value; nil (the default) sends none.
    public var serverName: String?
    /// How long an idle keep-alive connection is kept, in seconds. Default 5.
    public var keepAliveTimeout: Double = 5
    /// How long a client may take to send a whole request head, in seconds (slowloris). Default 10.
    public var headerTimeout: Double = 10
    /// How long a graceful shutdown waits for requests in flight, in seconds. Default 10.
    public var shutdownGracePeriod: Double = 10
    /// How many proxies in front of the app to trust for `X-Forwarded-For`, `-Proto` and `-Host`
    /// (Werkzeug's `ProxyFix`). Default 0: the headers are ignored, so clients cannot spoof them.
    public var trustedProxies = 0
    /// Which headers those proxies write (`--proxy-headers`): `X-Forwarded-*` (the default) or
    /// RFC 7239 `Forwarded`. Only that kind is read.
    public var proxyHeaders = ProxyHeaders.xForwarded
    /// The host names requests may ask for (Flask's `TRUSTED_HOSTS`, `--trusted-hosts`): a
    /// request whose `Host` (or trusted `X-Forwarded-Host`) is not on the list gets 400. An
    /// entry starting with a dot, `.example.com`, also matches every subdomain; ports are
    /// ignored. Default empty: every host is accepted.
    public var trustedHosts: [String] = []
    /// The host (and port) of external URLs built outside a request, `urlFor(..., external: true)`
    /// from a command, say: Flask's `SERVER_NAME` for URL building (`example.com`). In a request
    /// the request's `Host` is used. (`serverName` is the `Server` response header.)
    public var externalHost: String?
    /// The scheme of external URLs built outside a request (Flask's `PREFERRED_URL_SCHEME`).
    public var preferredURLScheme = "http"
    /// Your own settings.
    public var values: [String: String] = [:]

    /// The defaults described on each property.
    public init() {}

    /// The same as `permanentSessionLifetime`.
    public var sessionLifetime: Int {
        get { permanentSessionLifetime }
        set { permanentSessionLifetime = newValue }
    }

    /// The session cookie's attributes, from the `sessionCookie...` settings.
    var sessionCookieSettings: SessionCookie.Settings {
        SessionCookie.Settings(
            name: sessionCookieName, domain: sessionCookieDomain, path: sessionCookiePath,
            httpOnly: sessionCookieHTTPOnly, secure: sessionCookieSecure, sameSite: sessionCookieSameSite,
            lifetime: permanentSessionLifetime, refreshEachRequest: sessionRefreshEachRequest)
    }

    /// A user setting by name.
    public subscript(key: String) -> String? {
        get { values[key] }
        set { values[key] = newValue }
    }
}
