import Testing

@testable import MicroFlask

/// The client's address, scheme and host behind trusted proxies, from `X-Forwarded-*` or
/// RFC 7239 `Forwarded`, and Flask's `TRUSTED_HOSTS`.
@Suite("Proxies and trusted hosts")
struct ProxyAndHostTests {
    private func whoami(hops: Int, kind: ProxyHeaders = .xForwarded, headers: Headers, peer: String = "10.0.0.2")
        throws -> String
    {
        let app = App()
        app.config.trustedProxies = hops
        app.config.proxyHeaders = kind
        app.get("/") { req in "\(req.remoteAddress) \(req.scheme) \(req.host)" }
        let request = HTTPRequest(method: .GET, target: "/", headers: headers, remoteAddress: peer)
        return try app.freeze().respond(to: request).text
    }

    @Test("X-Forwarded-*: the Nth value from the right, as ProxyFix takes it")
    func xForwarded() throws {
        let headers: Headers = [
            "Host": "internal:5000", "X-Forwarded-For": "198.51.100.1, 203.0.113.5",
            "X-Forwarded-Proto": "https", "X-Forwarded-Host": "example.com",
        ]
        #expect(try whoami(hops: 0, headers: headers) == "10.0.0.2 http internal:5000")
        #expect(try whoami(hops: 1, headers: headers) == "203.0.113.5 https example.com")
        #expect(try whoami(hops: 2, headers: headers) == "198.51.100.1 http internal:5000")
        #expect(try whoami(hops: 3, headers: headers) == "10.0.0.2 http internal:5000")
        // Forwarded is not read unless asked for: a client could forge it past a proxy that only writes X-Forwarded-*.
        #expect(try whoami(hops: 1, headers: ["Host": "h", "Forwarded": "for=1.2.3.4"]) == "10.0.0.2 http h")
    }

    @Test("Forwarded: quoted values, IPv6 in brackets, ports, several elements and fields")
    func forwarded() throws {
        let headers: Headers = [
            "Host": "internal",
            "Forwarded": #"for="[2001:db8:cafe::17]:4711";proto=HTTPS;host="shop.example", for="192.0.2.60:8080""#,
        ]
        #expect(try whoami(hops: 1, kind: .forwarded, headers: headers) == "192.0.2.60 http internal")
        #expect(try whoami(hops: 2, kind: .forwarded, headers: headers) == "2001:db8:cafe::17 https shop.example")
        #expect(try whoami(hops: 3, kind: .forwarded, headers: headers) == "10.0.0.2 http internal")
        let twoFields = Headers([
            ("Host", "h"), ("Forwarded", "for=198.51.100.7;proto=https"), ("Forwarded", "for=\"_gateway\";by=x"),
        ])
        #expect(try whoami(hops: 2, kind: .forwarded, headers: twoFields) == "198.51.100.7 https h")
        #expect(try whoami(hops: 1, kind: .forwarded, headers: twoFields) == "_gateway http h")
        // X-Forwarded-* is then ignored.
        #expect(
            try whoami(hops: 1, kind: .forwarded, headers: ["Host": "h", "X-Forwarded-For": "1.2.3.4"])
                == "10.0.0.2 http h")
    }

    @Test(
        "a malformed Forwarded header counts as absent",
        arguments: [
            "for", "for=", "for=\"unterminated", "for=a b", "=x", "for=1;;proto=http,,", "for=\"a\u{01}\"",
        ])
    func malformedForwarded(_ value: String) throws {
        let parsed = ForwardedElement.parse([value])
        if value == "for=1;;proto=http,," {
            #expect(parsed == [ForwardedElement(forNode: "1", proto: "http", host: nil)])  // empty pairs are allowed
        } else {
            #expect(parsed == nil)
        }
    }

    /// 20,000 elements (500 KB, far past any header size limit): a parser that went back over
    /// the value for each element would do 10^8 steps and take minutes in a debug build.
    @Test("parsing Forwarded is linear: 20,000 elements")
    func forwardedIsLinear() {
        let value = Array(repeating: "for=192.0.2.1;proto=http", count: 20_000).joined(separator: ",")
        let clock = ContinuousClock()
        let elapsed = clock.measure { #expect(ForwardedElement.parse([value])?.count == 20_000) }
        #expect(elapsed < .seconds(10))
    }

    /// (host, trusted list, allowed): Werkzeug 3.1's `host_is_trusted` gives the same answers
    /// (checked by running it), except the IPv6 row marked below.
    static let hostCases: [(String, [String], Bool)] = [
        ("example.com", [".example.com"], true),
        ("a.example.com", [".example.com"], true),
        ("a.b.example.com", [".example.com"], true),
        ("xexample.com", [".example.com"], false),
        ("example.com:8080", ["example.com"], true),
        ("example.com", ["example.com:9000"], true),
        ("EXAMPLE.com", ["example.com"], false),
        ("example.com.", ["example.com"], false),
        ("b.example.com", ["example.com"], false),
        ("localhost", ["localhost"], true),
        ("a_b.example.com", [".example.com"], false),
        ("example.com:abc", ["example.com"], false),
        ("example.com:", ["example.com"], false),
        ("[::1]", ["[::1]"], true),
        ("[::1]:5000", ["[::1]"], true),
        ("[::2]", ["[::1]"], false),  // Werkzeug: true (it compares only up to the first colon)
        ("", ["example.com"], false),
        ("anything.test", [], true),
    ]

    @Test("TRUSTED_HOSTS matching follows Werkzeug's host_is_trusted", arguments: hostCases)
    func hostMatching(_ host: String, _ trusted: [String], _ allowed: Bool) {
        #expect(TrustedHosts.allows(host, trusted: trusted) == allowed)
    }

    @Test("a Host not on TRUSTED_HOSTS gets 400 with Werkzeug's message, before routing")
    func untrustedHostIs400() throws {
        let app = App()
        app.config.trustedHosts = [".example.com", "localhost"]
        app.get("/") { req in req.host }
        #expect(try app.test.get("/", headers: ["Host": "www.example.com"]).text == "www.example.com")
        #expect(try app.test.get("/", headers: ["Host": "localhost:5000"]).status == .ok)
        let refused = try app.test.get("/", headers: ["Host": "evil.test"])
        #expect(refused.status == .badRequest)
        #expect(refused.text.contains("Host &#39;evil.test&#39; is not trusted."))
        #expect(try app.test.get("/missing", headers: ["Host": "evil.test"]).status == .badRequest)
        // Behind a trusted proxy the forwarded host is the one checked.
        let proxied = App()
        proxied.config.trustedHosts = ["localhost"]
        proxied.config.trustedProxies = 1
        proxied.get("/") { req in req.host }
        #expect(
            try proxied.test.get("/", headers: ["Host": "localhost", "X-Forwarded-Host": "evil.test"]).status
                == .badRequest)
        #expect(
            try proxied.test.get("/", headers: ["Host": "evil.test", "X-Forwarded-Host": "localhost"]).status == .ok)
    }

    @Test("TRUSTED_HOSTS and PROXY_HEADERS load from the environment and JSON")
    func loading() throws {
        var config = Config()
        try config.loadEnvironment(environment: [
            "MICROFLASK_TRUSTED_HOSTS": " .example.com, localhost ,", "MICROFLASK_PROXY_HEADERS": "Forwarded",
            "MICROFLASK_ACCESS_LOG": "json",
        ])
        #expect(config.trustedHosts == [".example.com", "localhost"])
        #expect(config.proxyHeaders == .forwarded)
        #expect(config.accessLog && config.accessLogFormat == .json)
        try config.loadEnvironment(environment: ["MICROFLASK_ACCESS_LOG": "off"])
        #expect(!config.accessLog)
        #expect(throws: ConfigError.self) { try config.loadEnvironment(environment: ["MICROFLASK_PROXY_HEADERS": "x"]) }
    }
}
