/// What `swift run App [options] [command]` asked for.
struct CommandLineOptions: Equatable {
    enum Command: Equatable {
        case serve
        case routes(sort: String, check: Bool)
        case help
    }

    var command = Command.serve
    var host: String?
    var port: Int?
    var threads: Int?
    var pollGroups: Int?
    var workers: Int?
    var reload = false
    var trustedProxies: Int?
    var debug = false
    var quiet = false
    /// The deployment options (see `CommandLineOptions+Deployment.swift`).
    var deployment = DeploymentOptions()

    /// The usage text, listing the options and subcommands.
    static let usage = """
        Usage: App [options]            serve the app
               App routes [--sort endpoint|methods|rule|match] [--check]

        Options:
          --host HOST       the address to bind (default 127.0.0.1, or $HOST)
          --port PORT       the port to bind (default 5000, or $PORT; 0 picks a free one)
          --threads N       serving threads (default: one per core)
          --poll-groups N   split the threads over N epoll instances (default 1; for many cores)
          --workers N|auto  N worker processes sharing one listener (auto: one per CPU this process
                            may use); a dead worker is replaced, SIGHUP restarts them one by one
          --reload          rebuild (swift build) and restart the worker when Sources/, Package.swift,
                            templates/ or static/ change
          --trusted-proxies N  trust N proxies in front for X-Forwarded-For/-Proto/-Host (default 0)
          --debug           debug mode: error details in 500 pages, template reloading
          --quiet           no access log
          --access-log FORMAT  werkzeug (default), combined, json, or off
          --access-log-file PATH  append the access log to PATH (default: standard error)
          --log-level LEVEL    debug, info (default), warning or error: the app's log
          --trusted-hosts LIST  the only Host names served, comma-separated (.example.com: and subdomains)
          --proxy-headers KIND  what the trusted proxies write: x-forwarded (default) or forwarded (RFC 7239)
          --unix-socket PATH   listen on a Unix socket at PATH instead of a TCP port
          -h, --help        show this help

        Commands:
          routes            list every route: endpoint, methods and rule (like `flask routes`)
            --sort KEY      order by endpoint (default), methods, rule or match (the order requests try them)
            --check         exit with status 1 when a rule is duplicated or can never match
        """

    /// Parses arguments (without the program name); `environment` supplies `HOST` and `PORT`.
    static func parse(_ arguments: [String], environment: [String: String]) throws(UsageError) -> CommandLineOptions {
        var options = CommandLineOptions()
        if let host = environment["HOST"], !host.isEmpty { options.host = host }
        if let port = environment["PORT"], !port.isEmpty {
            guard let value = Int(port), (0...65535).contains(value) else {
                throw UsageError("PORT='\(port)' is not a port number (0-65535).")
            }
            options.port = value
        }
        var sort = "endpoint"
        var check = false
        var isRoutes = false
        var index = 0
        func value(_ flag: String) throws(UsageError) -> String {
            index += 1
            guard index < arguments.count else { throw UsageError("\(flag) needs a value.") }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--host": options.host = try value(argument)
            case "--port", "-p":
                let text = try value(argument)
                guard let port = Int(text), (0...65535).contains(port) else {
                    throw UsageError("--port '\(text)' is not a port number (0-65535).")
                }
                options.port = port
            case "--threads":
                let text = try value(argument)
                guard let threads = Int(text), threads > 0 else {
                    throw UsageError("--threads '\(text)' must be a positive number.")
                }
                options.threads = threads
            case "--poll-groups":
                let text = try value(argument)
                guard let groups = Int(text), groups > 0 else {
                    throw UsageError("--poll-groups '\(text)' must be a positive number.")
                }
                options.pollGroups = groups
            case "--workers":
                let text = try value(argument)
                guard let workers = text == "auto" ? ThreadInfo.availableCPUs : Int(text), workers > 0 else {
                    throw UsageError("--workers '\(text)' must be a positive number or 'auto'.")
                }
                options.workers = workers
            case "--reload": options.reload = true
            case "--trusted-proxies":
                let text = try value(argument)
                guard let hops = Int(text), hops >= 0 else {
                    throw UsageError("--trusted-proxies '\(text)' must be 0 or a positive number.")
                }
                options.trustedProxies = hops
            case "--debug": options.debug = true
            case "--quiet", "-q": options.quiet = true
            case "-h", "--help": options.command = .help
            case "routes": isRoutes = true
            case "--sort":
                sort = try value(argument)
                guard ["endpoint", "methods", "rule", "match"].contains(sort) else {
                    throw UsageError("--sort must be endpoint, methods, rule or match, not '\(sort)'.")
                }
            case "--check": check = true
            default:
                guard try options.deployment.parse(argument, value: { () throws(UsageError) in try value(argument) })
                else { throw UsageError("Unknown option or command '\(argument)'.") }
            }
            index += 1
        }
        if isRoutes && options.command != .help { options.command = .routes(sort: sort, check: check) }
        return options
    }
}

/// A command line that cannot be understood.
struct UsageError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
