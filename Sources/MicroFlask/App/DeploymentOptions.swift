/// The command line's options for running in production: logs, proxies, hosts, Unix socket.
struct DeploymentOptions: Equatable {
    /// `--access-log`: a format, or nil for `off`; unset when not given.
    var accessLog: AccessLogFormat??
    var accessLogFile: String?
    var logLevel: Logger.Level?
    var trustedHosts: [String]?
    var proxyHeaders: ProxyHeaders?
    var unixSocket: String?

    /// Reads `argument` (and its value, through `value`) when it is one of these options;
    /// false when it is not.
    mutating func parse(_ argument: String, value: () throws(UsageError) -> String) throws(UsageError) -> Bool {
        switch argument {
        case "--access-log":
            let text = try value().lowercased()
            if text == "off" {
                accessLog = .some(nil)
            } else if let format = AccessLogFormat(rawValue: text) {
                accessLog = format
            } else {
                throw UsageError("--access-log must be werkzeug, combined, json or off, not '\(text)'.")
            }
        case "--access-log-file":
            let path = try value()
            guard !path.isEmpty else { throw UsageError("--access-log-file needs a path.") }
            accessLogFile = path
        case "--log-level":
            let text = try value()
            guard let level = Logger.Level(name: text) else {
                throw UsageError("--log-level must be debug, info, warning or error, not '\(text)'.")
            }
            logLevel = level
        case "--trusted-hosts":
            trustedHosts = TrustedHosts.parseList(try value())
        case "--proxy-headers":
            let text = try value()
            guard let kind = ProxyHeaders(rawValue: text.lowercased()) else {
                throw UsageError("--proxy-headers must be x-forwarded or forwarded, not '\(text)'.")
            }
            proxyHeaders = kind
        case "--unix-socket":
            let path = try value()
            guard !path.isEmpty else { throw UsageError("--unix-socket needs a path.") }
            unixSocket = path
        default:
            return false
        }
        return true
    }

    /// Applies the options that are settings.
    func apply(to config: inout Config) {
        if let accessLog {
            config.accessLog = accessLog != nil
            if let format = accessLog { config.accessLogFormat = format }
        }
        if let accessLogFile { config.accessLogFile = accessLogFile }
        if let trustedHosts { config.trustedHosts = trustedHosts }
        if let proxyHeaders { config.proxyHeaders = proxyHeaders }
    }
}
