import Foundation
import Testing

@testable import MicroFlask

/// Every way out of the static folder is a 404 that carries no byte from outside it.
@Suite struct StaticTraversalTests {
    /// Request targets that try to reach `<root>/secret.txt`, `/etc/passwd` or a sibling folder.
    static let attempts: [String] = [
        "/static/../secret.txt",  // plain dot-dot
        "/static/sub/../../secret.txt",  // dot-dot after a real folder
        "/static/%2e%2e/secret.txt",  // encoded dots
        "/static/%2E%2E/secret.txt",  // upper-case escapes
        "/static/.%2e/secret.txt",  // half encoded
        "/static/..%2fsecret.txt",  // encoded slash after the dots
        "/static/%2e%2e%2fsecret.txt",  // everything encoded
        "/static/sub/%2f..%2f..%2fsecret.txt",  // encoded slash before the dots (an empty segment)
        "/static/....//secret.txt",  // four dots and a double slash
        "/static/..\\secret.txt",  // backslash
        "/static/..%5csecret.txt",  // encoded backslash
        "/static/%5c..%5c..%5csecret.txt",  // encoded backslashes all round
        "/static//etc/passwd",  // absolute path via a double slash
        "/static/%2fetc%2fpasswd",  // absolute path, encoded
        "/static/hello.txt%00.png",  // NUL
        "/static/..%00/secret.txt",  // NUL inside the dots
        "/static/hello.txt%2500",  // encoded NUL (decoded once: a literal %00, no such file)
        "/static/link-out",  // symlink to ../secret.txt
        "/static/dirlink-out/secret.txt",  // symlink to the parent folder
        "/static/link-sibling",  // symlink into public-evil, whose path starts like public's
        "/static/./hello.txt",  // a dot-only segment
        "/static/sub/./page.html",  // a dot-only segment inside
        "/static/%2e/hello.txt",  // an encoded dot-only segment
        "/static/sub/..",  // dot-dot at the end
        "/static/%252e%252e/secret.txt",  // double-encoded dots (decoded once only)
        "/static/%252e%252e%252fsecret.txt",  // double-encoded dots and slash
        "/static/%c0%ae%c0%ae/secret.txt",  // overlong UTF-8 dots
        "/static/" + String(repeating: "a", count: 300),  // a name longer than NAME_MAX
        "/static/" + String(repeating: "a/", count: 2100) + "x",  // a path longer than PATH_MAX
        "/static/" + String(repeating: "../", count: 40) + "etc/passwd",  // many dot-dots
    ]

    @Test(arguments: attempts)
    func escapeAttemptIs404(_ target: String) throws {
        let site = try StaticFixture()
        defer { site.remove() }
        let app = site.app()
        for method in [Method.GET, .HEAD] {
            let response = try app.test.request(method, target)
            #expect(response.status == .notFound, "\(method) \(target.prefix(80))")
            #expect(!response.text.contains("TOP SECRET"))
            #expect(!response.text.contains("root:"))
        }
        let ranged = try app.test.get(target, headers: ["Range": "bytes=0-"])
        #expect(ranged.status == .notFound)
    }

    /// The same names, straight into `safeJoin` after the one decoding routing does.
    @Test(arguments: attempts)
    func safeJoinRefusesTheDecodedName(_ target: String) throws {
        let site = try StaticFixture()
        defer { site.remove() }
        let path = HTTPRequest(method: .GET, target: target).path
        guard path.hasPrefix("/static/") else { return }
        let name = String(path.dropFirst("/static/".count))
        let joined = safeJoin(site.folder, name)
        #expect(joined == nil || (joined.map { !$0.contains("secret") && $0.hasPrefix(site.folder) } ?? false))
        // The file-name checks alone refuse everything except the symlinks and undecoded names,
        // which are refused by realpath or do not exist.
        #expect(joined == nil, "\(name.prefix(80))")
    }

    @Test func safeJoinAcceptsPlainNames() throws {
        let site = try StaticFixture()
        defer { site.remove() }
        let real = try #require(SafePath.realPath(site.folder))
        #expect(safeJoin(site.folder, "hello.txt") == real + "/hello.txt")
        #expect(safeJoin(site.folder, "sub/deeper/x.txt") == real + "/sub/deeper/x.txt")
        #expect(safeJoin(site.folder, "sub", "page.html") == real + "/sub/page.html")
        #expect(safeJoin(site.folder, "link-in") == real + "/hello.txt")
        #expect(safeJoin(site.folder + "/", "hello.txt") == real + "/hello.txt")
        #expect(safeJoin(site.folder, "sub/../hello.txt") == nil)
        #expect(safeJoin(site.folder, "") == nil)
        #expect(safeJoin(site.folder) == nil)
        #expect(safeJoin(site.folder + "/nope", "hello.txt") == nil)
    }

    @Test func aDirectoryThatIsItselfASymlinkStillWorks() throws {
        let site = try StaticFixture()
        defer { site.remove() }
        let alias = site.root + "/alias"
        try FileManager.default.createSymbolicLink(atPath: alias, withDestinationPath: site.folder)
        let app = App(name: "alias")
        app.config.staticFolder = alias
        #expect(try app.test.get("/static/hello.txt").text == StaticFixture.hello)
        #expect(try app.test.get("/static/link-out").status == .notFound)
    }
}
