import Testing

@testable import MicroFlask

@Suite("CommandLineOptions.parse")
struct CommandLineOptionsTests {
    @Test("no arguments and no environment means serve with defaults")
    func defaults() throws {
        let options = try CommandLineOptions.parse([], environment: [:])
        #expect(options == CommandLineOptions())
        #expect(options.command == .serve)
        #expect(options.host == nil && options.port == nil && options.threads == nil)
        #expect(!options.debug && !options.quiet)
    }

    @Test("flags set host, port, threads, poll groups, debug and quiet")
    func flags() throws {
        let options = try CommandLineOptions.parse(
            ["--host", "0.0.0.0", "--port", "8080", "--threads", "4", "--poll-groups", "2", "--debug", "--quiet"],
            environment: [:])
        #expect(options.host == "0.0.0.0")
        #expect(options.port == 8080)
        #expect(options.threads == 4)
        #expect(options.pollGroups == 2)
        #expect(options.debug)
        #expect(options.quiet)
        let short = try CommandLineOptions.parse(["-p", "0", "-q"], environment: [:])
        #expect(short.port == 0)
        #expect(short.quiet)
    }

    @Test("HOST and PORT come from the environment, and flags override them")
    func environment() throws {
        let fromEnvironment = try CommandLineOptions.parse([], environment: ["HOST": "::1", "PORT": "9000"])
        #expect(fromEnvironment.host == "::1")
        #expect(fromEnvironment.port == 9000)
        let overridden = try CommandLineOptions.parse(["--port", "7000"], environment: ["PORT": "9000"])
        #expect(overridden.port == 7000)
        let empty = try CommandLineOptions.parse([], environment: ["HOST": "", "PORT": ""])
        #expect(empty.host == nil && empty.port == nil)
    }

    @Test("routes takes --sort and --check, in any order")
    func routesCommand() throws {
        #expect(
            try CommandLineOptions.parse(["routes"], environment: [:]).command
                == .routes(sort: "endpoint", check: false))
        #expect(
            try CommandLineOptions.parse(["routes", "--sort", "rule", "--check"], environment: [:]).command
                == .routes(sort: "rule", check: true))
        #expect(
            try CommandLineOptions.parse(["--check", "routes", "--sort", "match"], environment: [:]).command
                == .routes(sort: "match", check: true))
        #expect(
            try CommandLineOptions.parse(["routes", "--sort", "methods"], environment: [:]).command
                == .routes(sort: "methods", check: false))
    }

    @Test("-h and --help ask for help, even with routes")
    func help() throws {
        #expect(try CommandLineOptions.parse(["-h"], environment: [:]).command == .help)
        #expect(try CommandLineOptions.parse(["routes", "--help"], environment: [:]).command == .help)
        #expect(CommandLineOptions.usage.contains("--sort KEY"))
    }

    @Test(
        "bad values throw UsageError",
        arguments: [
            (["--port", "abc"], [:]), (["--port", "70000"], [:]), (["--port", "-1"], [:]), (["--port"], [:]),
            (["--threads", "0"], [:]), (["--threads", "x"], [:]), (["--host"], [:]), (["--poll-groups", "0"], [:]),
            (["routes", "--sort", "size"], [:]), (["--bogus"], [:]), (["serve"], [:]),
            ([], ["PORT": "http"]), ([], ["PORT": "65536"]),
        ] as [([String], [String: String])])
    func badValues(arguments: [String], environment: [String: String]) {
        #expect(throws: UsageError.self) { try CommandLineOptions.parse(arguments, environment: environment) }
    }

    @Test("a usage error names the offending value")
    func usageMessage() {
        let error = #expect(throws: UsageError.self) {
            try CommandLineOptions.parse(["--port", "abc"], environment: [:])
        }
        #expect(error?.description.contains("'abc'") == true)
    }
}
