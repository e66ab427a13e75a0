import Foundation

/// Loading settings from the environment and from JSON files (Flask's `from_prefixed_env`
/// and `from_file(..., load=json.load)`).
extension Config {
    /// Reads `PREFIX_NAME` variables: the well-known names (`DEBUG`, `SECRET_KEY`,
    /// `MAX_CONTENT_LENGTH`, `MAX_FORM_MEMORY_SIZE`, `MAX_FORM_PARTS`, `MAX_FORM_FIELDS_SIZE`, `TEMPLATE_FOLDER`, `STATIC_FOLDER`, `JSON_SORT_KEYS`, `SERVER_NAME`,
    /// `KEEP_ALIVE_TIMEOUT`, `HEADER_TIMEOUT`, `TRUSTED_PROXIES`, `TRUSTED_HOSTS` (comma-separated, or a JSON
    /// list in a file), `PROXY_HEADERS`, `ACCESS_LOG` (a format or `off`), `ACCESS_LOG_FILE`, and Flask's session settings
    /// `SESSION_COOKIE_NAME`, `SESSION_COOKIE_DOMAIN`, `SESSION_COOKIE_PATH`,
    /// `SESSION_COOKIE_HTTPONLY`, `SESSION_COOKIE_SECURE`, `SESSION_COOKIE_SAMESITE`,
    /// `PERMANENT_SESSION_LIFETIME` (seconds), `SESSION_REFRESH_EACH_REQUEST`) set the typed
    /// properties; any other becomes a user key without the prefix.
    ///
    /// ```swift
    /// // MICROFLASK_SECRET_KEY=... MICROFLASK_DATABASE=app.sqlite swift run App
    /// try app.config.loadEnvironment()
    /// app.config["DATABASE"]   // "app.sqlite"
    /// ```
    /// Throws when a well-known value does not parse (say, `DEBUG=maybe`).
    public mutating func loadEnvironment(
        prefix: String = "MICROFLASK_", environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix(prefix) {
            try set(String(name.dropFirst(prefix.count)), value, source: "environment variable \(name)")
        }
    }

    /// Reads a JSON object of settings, with the same names as `loadEnvironment`.
    ///
    /// ```json
    /// {"DEBUG": true, "SECRET_KEY": "change me", "DATABASE": "app.sqlite",
    ///  "SESSION_COOKIE_SAMESITE": "Lax", "SESSION_COOKIE_DOMAIN": null, "PERMANENT_SESSION_LIFETIME": 3600}
    /// ```
    /// A JSON `null` clears an optional setting (`SESSION_COOKIE_DOMAIN`, `SESSION_COOKIE_SAMESITE`,
    /// `SECRET_KEY`, `SERVER_NAME`), as Flask's `None` does.
    public mutating func loadJSONFile(_ path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigError(message: "cannot read config file '\(path)': \(error.localizedDescription)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ConfigError(message: "config file '\(path)' must hold a JSON object of settings")
        }
        for (name, value) in object.sorted(by: { $0.key < $1.key }) {
            let text: String?
            switch value {
            case let string as String: text = string
            case let flag as Bool: text = flag ? "true" : "false"
            case let list as [String]: text = list.joined(separator: ",")  // TRUSTED_HOSTS
            case is NSNull: text = nil
            default: text = "\(value)"
            }
            try set(name, text, source: "\(path): \(name)")
        }
    }

    /// Sets one setting; a nil `value` (JSON `null`) clears an optional one.
    private mutating func set(_ name: String, _ value: String?, source: String) throws {
        switch name {
        case "SECRET_KEY" where value == nil: secretKey = nil
        case "SERVER_NAME" where value == nil: serverName = nil
        case "SESSION_COOKIE_DOMAIN" where value == nil: sessionCookieDomain = nil
        case "SESSION_COOKIE_SAMESITE" where value == nil: sessionCookieSameSite = nil
        case _ where value == nil: throw ConfigError(message: "\(source): null is not a value for \(name)")
        default: try set(name, value ?? "", source: source)
        }
    }

    private mutating func set(_ name: String, _ value: String, source: String) throws {
        func bool() throws -> Bool {
            switch value.lowercased() {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off", "": return false
            default: throw ConfigError(message: "\(source): '\(value)' is not true or false")
            }
        }
        func seconds() throws -> Double {
            guard let number = Double(value), number.isFinite, number > 0, number <= 86_400 else {
                throw ConfigError(message: "\(source): '\(value)' is not a number of seconds between 0 and 86400")
            }
            return number
        }
        func count() throws -> Int {
            guard let number = Int(value), number >= 0 else {
                throw ConfigError(message: "\(source): '\(value)' is not a whole number of 0 or more")
            }
            return number
        }
        switch name {
        case "DEBUG": debug = try bool()
        case "SECRET_KEY": secretKey = value
        case "MAX_CONTENT_LENGTH": limits.maxBodySize = try count()
        case "MAX_FORM_MEMORY_SIZE": maxFormMemorySize = try count()
        case "MAX_FORM_PARTS": maxFormParts = try count()
        case "MAX_FORM_FIELDS_SIZE": maxFormFieldsSize = try count()
        case "TEMPLATE_FOLDER": templateFolder = value
        case "STATIC_FOLDER": staticFolder = value
        case "JSON_SORT_KEYS": jsonSortKeys = try bool()
        case "SERVER_NAME": serverName = value
        case "KEEP_ALIVE_TIMEOUT": keepAliveTimeout = try seconds()
        case "HEADER_TIMEOUT": headerTimeout = try seconds()
        case "SESSION_COOKIE_NAME": sessionCookieName = value
        case "SESSION_COOKIE_DOMAIN": sessionCookieDomain = value.isEmpty ? nil : value
        case "SESSION_COOKIE_PATH": sessionCookiePath = value
        case "SESSION_COOKIE_HTTPONLY": sessionCookieHTTPOnly = try bool()
        case "SESSION_COOKIE_SECURE": sessionCookieSecure = try bool()
        case "SESSION_COOKIE_SAMESITE":
            guard let sameSite = Response.SameSite(flaskName: value) else {
                throw ConfigError(message: "\(source): '\(value)' is not Strict, Lax or None")
            }
            sessionCookieSameSite = sameSite
        case "PERMANENT_SESSION_LIFETIME":
            guard let seconds = Int(value) ?? Double(value).flatMap({ $0.isFinite ? Int(exactly: $0.rounded()) : nil }),
                seconds > 0
            else {
                throw ConfigError(message: "\(source): '\(value)' is not a number of seconds above 0")
            }
            permanentSessionLifetime = seconds
        case "SESSION_REFRESH_EACH_REQUEST": sessionRefreshEachRequest = try bool()
        case "TRUSTED_PROXIES": trustedProxies = try count()
        case "TRUSTED_HOSTS": trustedHosts = TrustedHosts.parseList(value)
        case "PROXY_HEADERS":
            guard let headers = ProxyHeaders(rawValue: value.lowercased()) else {
                throw ConfigError(message: "\(source): '\(value)' is not x-forwarded or forwarded")
            }
            proxyHeaders = headers
        case "ACCESS_LOG":
            if value.lowercased() == "off" {
                accessLog = false
            } else if let format = AccessLogFormat(rawValue: value.lowercased()) {
                accessLog = true
                accessLogFormat = format
            } else {
                throw ConfigError(message: "\(source): '\(value)' is not werkzeug, combined, json or off")
            }
        case "ACCESS_LOG_FILE": accessLogFile = value.isEmpty ? nil : value
        default: values[name] = value
        }
    }
}

extension Response.SameSite {
    /// `Strict`, `Lax` or `None`, in any case, as Flask's `SESSION_COOKIE_SAMESITE` takes them.
    init?(flaskName: String) {
        switch flaskName.lowercased() {
        case "strict": self = .strict
        case "lax": self = .lax
        case "none": self = .none
        default: return nil
        }
    }
}

/// A setting that cannot be read or does not parse.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and where.
    public let message: String
    /// `Config error: ` followed by the ``message``.
    public var description: String { "Config error: \(message)" }
}
