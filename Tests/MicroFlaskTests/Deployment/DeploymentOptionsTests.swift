import Testing

@testable import MicroFlask

@Suite("Deployment options on the command line")
struct DeploymentOptionsTests {
    @Test("logs, proxies, hosts and the Unix socket are parsed")
    func parsed() throws {
        let options = try CommandLineOptions.parse(
            [
                "--access-log", "combined", "--access-log-file", "/tmp/a.log", "--log-level", "warning",
                "--trusted-hosts", "example.com,.example.org", "--proxy-headers", "forwarded", "--unix-socket",
                "/tmp/app.sock",
            ], environment: [:])
        #expect(options.deployment.accessLog == .some(.combined))
        #expect(options.deployment.accessLogFile == "/tmp/a.log")
        #expect(options.deployment.logLevel == .warning)
        #expect(options.deployment.trustedHosts == ["example.com", ".example.org"])
        #expect(options.deployment.proxyHeaders == .forwarded)
        #expect(options.deployment.unixSocket == "/tmp/app.sock")
        var config = Config()
        options.deployment.apply(to: &config)
        #expect(config.accessLog && config.accessLogFormat == .combined && config.accessLogFile == "/tmp/a.log")
        #expect(config.trustedHosts == ["example.com", ".example.org"] && config.proxyHeaders == .forwarded)
        let off = try CommandLineOptions.parse(["--access-log", "off"], environment: [:])
        var quiet = Config()
        off.deployment.apply(to: &quiet)
        #expect(!quiet.accessLog)
    }

    @Test(
        "bad values are usage errors",
        arguments: [
            ["--access-log", "apache"], ["--log-level", "loud"], ["--proxy-headers", "x-real-ip"], ["--unix-socket"],
            ["--access-log-file", ""],
        ])
    func badValues(_ arguments: [String]) {
        #expect(throws: UsageError.self) { try CommandLineOptions.parse(arguments, environment: [:]) }
    }

    @Test("log levels by name")
    func levels() {
        #expect(Logger.Level(name: "DEBUG") == .debug)
        #expect(Logger.Level(name: "warn") == .warning)
        #expect(Logger.Level(name: "error") == .error)
        #expect(Logger.Level(name: "verbose") == nil)
    }
}
