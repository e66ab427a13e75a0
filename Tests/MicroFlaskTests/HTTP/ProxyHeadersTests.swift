import Testing

@testable import MicroFlask

@Suite("Requests behind trusted proxies")
struct ProxyHeadersTests {
    static func app(trusting hops: Int) -> App {
        let app = App()
        app.config.trustedProxies = hops
        app.get("/who") { req in "\(req.remoteAddress) \(req.scheme) \(req.host) \(req.url)" }
        return app
    }

    static let forwarded: Headers = [
        "Host": "10.0.0.2:5000", "X-Forwarded-For": "203.0.113.7, 10.0.0.1", "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "example.org",
    ]

    @Test("without trusted proxies, forwarding headers are ignored: a client cannot spoof its address")
    func ignoredByDefault() throws {
        let response = try Self.app(trusting: 0).test.get("/who?a=1", headers: Self.forwarded)
        #expect(response.text == "127.0.0.1 http 10.0.0.2:5000 http://10.0.0.2:5000/who?a=1")
    }

    @Test("one trusted proxy: its own entry, the rightmost, is the client")
    func oneHop() throws {
        let response = try Self.app(trusting: 1).test.get("/who", headers: Self.forwarded)
        #expect(response.text == "10.0.0.1 https example.org https://example.org/who")
    }

    @Test("two trusted proxies: the second entry from the right")
    func twoHops() throws {
        let response = try Self.app(trusting: 2).test.get("/who", headers: Self.forwarded)
        #expect(response.text.hasPrefix("203.0.113.7 "))
    }

    @Test("more trusted hops than entries: the socket's peer, as Werkzeug's ProxyFix does")
    func tooFewEntries() throws {
        let response = try Self.app(trusting: 3).test.get("/who", headers: Self.forwarded)
        #expect(response.text.hasPrefix("127.0.0.1 "))
    }

    @Test("--trusted-proxies is parsed, and negative counts are refused")
    func commandLine() throws {
        #expect(try CommandLineOptions.parse(["--trusted-proxies", "2"], environment: [:]).trustedProxies == 2)
        #expect(throws: UsageError.self) {
            try CommandLineOptions.parse(["--trusted-proxies", "-1"], environment: [:])
        }
    }
}
