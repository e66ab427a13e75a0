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
    /// Whether to log one line per request. Default true (`--quiet` turns it off).
    public var accessLog = true
    /// The secret key that signs session cookies. Default nil (sessions then refuse to write).
    public var secretKey: String?
    /// Older secret keys still accepted when reading sessions, for key rotation. Default none.
    public var secretKeyFallbacks: [String] = []
    /// The session cookie's name. Default `session`.
    public var sessionCookieName = "session"
    /// How long a session cookie stays valid, in seconds (Flask's `PERMANENT_SESSION_LIFETIME`). Default 31 days.
    public var sessionLifetime = 31 * 24 * 3600
    /// Request size limits (414, 431, 413).
    public var limits = HTTPLimits()
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
    /// without it the key order of `Encodable` types can change from run to run on Linux.
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
    /// Your own settings.
    public var values: [String: String] = [:]

    /// The defaults described on each property.
    public init() {}

    /// A user setting by name.
    public subscript(key: String) -> String? {
        get { values[key] }
        set { values[key] = newValue }
    }
}
