import Foundation
import Testing

@testable import MicroFlask

/// The automatic static route and `sendFile` / `sendFromDirectory`, through `app.test`.
@Suite struct StaticFileTests {
    @Test func servesFilesWithContentTypes() throws {
        let site = try StaticFixture()
        defer { site.remove() }
        let app = site.app()
        let expected = [
            "style.css": "text/css; charset=utf-8", "app.js": "text/javascript; charset=utf-8",
            "data.json": "application/json", "logo.png": "image/png", "icon.svg": "image/svg+xml; charset=utf-8",
            "hello.txt": "text/plain; charset=utf-8", "notes": "application/octet-stream",
            "sub/page.html": "text/html; charset=utf-8",
        ]
        for (name, type) in expected {
            let response = try app.test.get("/static/\(name)")
            #expect(response.status == .ok, "\(name)")
            #expect(response.headers["Content-Type"] == type, "\(name)")
            let onDisk = try Data(contentsOf: URL(fileURLWithPath: site.folder + "/" + name))
            #expect(response.bodyBytes == Array(onDisk), "\(name)")
            #expect(response.headers["Content-Length"] == String(onDisk.count), "\(name)")
        }
    }

    @Test func sendsValidatorsAndCachingHeaders() throws {
        let site = try StaticFixture()
        defer { site.remove() }
        try site.touch("hello.txt", rfcExampleDate)
        let app = site.app()
        let response = try app.test.get("/static/hello.txt")
        #expect(response.headers["Last-Modified"] == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(response.headers["Cache-Control"] == "no-cache")
        #expect(response.headers["Accept-Ranges"] == "bytes")
        let etag = try #require(response.headers["ETag"])
        #expect(etag.hasPrefix("W/\"") && etag.hasSuffix("\""))
        #expect(try app.test.get("/static/hello.txt").headers["ETag"] == etag, "stable while the file is unchanged")
        try site.write("public/hello.txt", StaticFixture.hello + "more")
        try site.touch("hello.txt", rfcExampleDate)
        #expect(try app.test.get("/static/hello.txt").headers["ETag"] != etag, "the size is part of the tag")
    }

    @Test func emptyFilesAndSymlinksInsideTheFolder() throws {
        let site = try StaticFixture()
        defer { site.remove() }
        let app = site.app()
        let empty = try app.test.get("/static/empty.txt")
        #expect(empty.status == .ok)
        #expect(empty.bodyBytes.isEmpty)
        #expect(empty.headers["Content-Length"] == "0")
        let linked = try app.test.get("/static/link-in")
        #expect(linked.status == .ok)
        #expect(linked.text == StaticFixture.hello)
    }

    @Test func encodedNamesAndQueryStrings() throws {
        let site = try StaticFixture()
        defer { site.remove() }
        try site.write("public/a b.css", "spaced")
        try site.write("public/café.txt", "accented")
        let app = site.app()
        #expect(try app.test.get("/static/a%20b.css").text == "spaced")
        #expect(try app.test.get("/static/caf%C3%A9.txt").text == "accented")
        #expect(try app.urlFor("static", ["filename": "café.txt"]) == "/static/caf%C3%A9.txt")
        let busted = try app.test.get("/static/style.css?v=3")
        #expect(busted.status == .ok, "the query string takes no part in finding the file")
        #expect(busted.text == StaticFixture.css)
    }

    @Test func headHasTheHeadersButNoBody() throws {
        let site = try StaticFixture()
        defer { site.remove() }
        let response = try site.app().test.head("/static/hello.txt")
        #expect(response.status == .ok)
        #expect(response.bodyBytes.isEmpty)
        #expect(response.headers["Content-Length"] == String(StaticFixture.hello.utf8.count))
        #expect(response.headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(response.headers["ETag"] != nil)
    }

    @Test func ifNoneMatchGivesNotModified() throws {
        let site = try StaticFixture()
        defer { site.remove() }
        let app = site.app()
        let etag = try #require(try app.test.get("/static/hello.txt").headers["ETag"])
        for value in [etag, "\"other\", \(etag)", "*", String(etag.dropFirst(2))] {
            let response = try app.test.get("/static/hello.txt", headers: ["If-None-Match": value])
            #expect(response.status == .notModified, "\(value)")
            #expect(response.bodyBytes.isEmpty)
            #expect(response.headers["ETag"] == etag)
            #expect(response.headers["Content-Type"] == nil)
        }
        let head = try app.test.head("/static/hello.txt", headers: ["If-None-Match": etag])
        #expect(head.status == .notModified)
        let changed = try app.test.get("/static/hello.txt", headers: ["If-None-Match": "W/\"stale\""])
        #expect(changed.status == .ok)
        #expect(changed.text == StaticFixture.hello)
    }

    @Test func ifModifiedSinceGivesNotModified() throws {
        let site = try StaticFixture()
        defer { site.remove() }
        try site.touch("hello.txt", rfcExampleDate)
        let app = site.app()
        for date in [
            "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
            "Mon, 07 Nov 1994 00:00:00 GMT",
        ] {
            let response = try app.test.get("/static/hello.txt", headers: ["If-Modified-Since": date])
            #expect(response.status == .notModified, "\(date)")
            #expect(response.bodyBytes.isEmpty)
        }
        for date in ["Sun, 06 Nov 1994 08:49:36 GMT", "yesterday", ""] {
            let response = try app.test.get("/static/hello.txt", headers: ["If-Modified-Since": date])
            #expect(response.status == .ok, "\(date)")
            #expect(response.text == StaticFixture.hello)
        }
        // If-None-Match wins: a stale tag means 200 even when the date would allow a 304.
        let both = try app.test.get(
            "/static/hello.txt",
            headers: ["If-None-Match": "\"stale\"", "If-Modified-Since": "Sun, 06 Nov 1994 08:49:37 GMT"])
        #expect(both.status == .ok)
    }

    @Test func singleRangesGivePartialContent() throws {
        let site = try StaticFixture()
        defer { site.remove() }
        let app = site.app()
        let text = Array(StaticFixture.hello.utf8)
        let size = text.count
        let cases: [(String, Range<Int>)] = [
            ("bytes=0-4", 0..<5), ("bytes=7-", 7..<size), ("bytes=-7", (size - 7)..<size), ("bytes=3-100000", 3..<size),
            ("bytes=-100000", 0..<size), ("BYTES = 2-2", 2..<3),
        ]
        for (header, range) in cases {
            let response = try app.test.get("/static/hello.txt", headers: ["Range": header])
            #expect(response.status == .partialContent, "\(header)")
            #expect(response.bodyBytes == Array(text[range]), "\(header)")
            #expect(response.headers["Content-Range"] == "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(size)")
            #expect(response.headers["Content-Length"] == String(range.count))
        }
    }

    @Test func unsatisfiableRangesGive416() throws {
        let site = try StaticFixture()
        defer { site.remove() }
        let app = site.app()
        let size = StaticFixture.hello.utf8.count
        for header in ["bytes=\(size)-", "bytes=\(size + 10)-\(size + 20)", "bytes=-0"] {
            let response = try app.test.get("/static/hello.txt", headers: ["Range": header])
            #expect(response.status == .rangeNotSatisfiable, "\(header)")
            #expect(response.headers["Content-Range"] == "bytes */\(size)")
            #expect(!response.text.contains(StaticFixture.hello))
        }
        // An empty file is sent whole, as Werkzeug does, rather than refused.
        let empty = try app.test.get("/static/empty.txt", headers: ["Range": "bytes=0-"])
        #expect(empty.status == .ok)
        #expect(empty.bodyBytes.isEmpty)
    }

    @Test func multipleOrMalformedRangesSendTheWholeFile() throws {
        let site = try StaticFixture()
        defer { site.remove() }
        let app = site.app()
        for header in [
            "bytes=0-1,4-5", "bytes=5-2", "bytes=abc", "items=0-4", "bytes=--1", "bytes=1-2-3", "bytes=+1-2",
        ] {
            let response = try app.test.get("/static/hello.txt", headers: ["Range": header])
            #expect(response.status == .ok, "\(header)")
            #expect(response.text == StaticFixture.hello, "\(header)")
            #expect(response.headers["Content-Range"] == nil)
        }
    }

    @Test func ifRangeDecidesWhetherTheRangeApplies() throws {
        let site = try StaticFixture()
        defer { site.remove() }
        try site.touch("hello.txt", rfcExampleDate)
        let app = site.app()
        let etag = try #require(try app.test.get("/static/hello.txt").headers["ETag"])
        func get(_ ifRange: String) throws -> Response {
            try app.test.get("/static/hello.txt", headers: ["Range": "bytes=0-4", "If-Range": ifRange])
        }
        #expect(try get("Sun, 06 Nov 1994 08:49:37 GMT").status == .partialContent)
        #expect(try get("Sun, 06 Nov 1994 08:49:37 GMT").text == "Hello")
        // A different date, a garbled value, another tag: the whole, current file.
        for value in ["Sun, 06 Nov 1994 08:49:38 GMT", "Sat, 05 Nov 1994 08:49:37 GMT", "garbage", "\"other\""] {
            let response = try get(value)
            #expect(response.status == .ok, "\(value)")
            #expect(response.text == StaticFixture.hello)
        }
        // Our tag is weak, and If-Range compares strongly (RFC 9110 13.1.5): the whole file.
        #expect(try get(etag).status == .ok)
        // A failing If-Range also means no 416 for a range that would not fit.
        let late = try app.test.get(
            "/static/hello.txt", headers: ["Range": "bytes=9999-", "If-Range": "Sat, 05 Nov 1994 08:49:37 GMT"])
        #expect(late.status == .ok)
    }

    @Test func notModifiedTakesPrecedenceOverRange() throws {
        let site = try StaticFixture()
        defer { site.remove() }
        let app = site.app()
        let etag = try #require(try app.test.get("/static/hello.txt").headers["ETag"])
        let response = try app.test.get("/static/hello.txt", headers: ["If-None-Match": etag, "Range": "bytes=0-1"])
        #expect(response.status == .notModified)
    }

    @Test func missingFilesAndDirectoriesAre404() throws {
        let site = try StaticFixture()
        defer { site.remove() }
        let app = site.app()
        for target in ["/static/nope.css", "/static/sub", "/static/sub/", "/static/sub/deeper", "/static/", "/static"] {
            #expect(try app.test.get(target).status == .notFound, "\(target)")
        }
        #expect(try app.test.post("/static/hello.txt").status == .methodNotAllowed)
    }

    @Test func urlForBuildsStaticURLs() throws {
        let site = try StaticFixture()
        defer { site.remove() }
        let app = site.app()
        #expect(try app.urlFor("static", ["filename": "style.css"]) == "/static/style.css")
        #expect(try app.urlFor("static", ["filename": "sub/page.html"]) == "/static/sub/page.html")
        #expect(try app.urlFor("static", ["filename": "a b.css"]) == "/static/a%20b.css")
        let link = try app.renderString("{{ url_for('static', filename='style.css') }}")
        #expect(link == "/static/style.css")
    }

    @Test func staticURLPathCanMoveOrTurnOff() throws {
        let site = try StaticFixture()
        defer { site.remove() }
        let moved = site.app { $0.config.staticURLPath = "/assets/" }
        #expect(try moved.test.get("/assets/hello.txt").text == StaticFixture.hello)
        #expect(try moved.test.get("/static/hello.txt").status == .notFound)
        #expect(try moved.urlFor("static", ["filename": "x.css"]) == "/assets/x.css")
        let off = site.app { $0.config.staticURLPath = nil }
        #expect(try off.test.get("/static/hello.txt").status == .notFound)
        #expect(throws: URLBuildError.self) { try off.urlFor("static", ["filename": "x.css"]) }
    }

    @Test func maxAgeFromConfig() throws {
        let site = try StaticFixture()
        defer { site.remove() }
        let app = site.app { $0.config["SEND_FILE_MAX_AGE_DEFAULT"] = "3600" }
        #expect(try app.test.get("/static/hello.txt").headers["Cache-Control"] == "public, max-age=3600")
    }

    @Test func sendFileAndSendFromDirectoryInViews() throws {
        let site = try StaticFixture()
        defer { site.remove() }
        let folder = site.folder
        let app = site.app { app in
            app.get("/report") { req in
                try sendFile(
                    folder + "/data.json", request: req, maxAge: 60, downloadName: "report.json", asAttachment: true)
            }
            app.get("/inline") { req in try sendFile(folder + "/notes", request: req, contentType: "text/plain") }
            app.get("/missing") { req in try sendFile(folder + "/nope", request: req) }
            app.get("/folder") { req in try sendFile(folder + "/sub", request: req) }
            app.get("/unicode") { req in
                try sendFile(folder + "/hello.txt", request: req, downloadName: "résumé \"1\".txt")
            }
            app.get("/files/<path:name>") { req in
                try sendFromDirectory(folder + "/sub", req.params["name"] ?? "", request: req)
            }
        }
        let report = try app.test.get("/report")
        #expect(report.status == .ok)
        #expect(report.text == #"{"a":1}"#)
        #expect(report.headers["Content-Disposition"] == #"attachment; filename="report.json""#)
        #expect(report.headers["Cache-Control"] == "public, max-age=60")
        #expect(report.headers["Content-Type"] == "application/json")
        #expect(try app.test.get("/inline").headers["Content-Type"] == "text/plain")
        #expect(try app.test.get("/missing").status == .notFound)
        #expect(try app.test.get("/folder").status == .notFound)
        let unicode = try app.test.get("/unicode").headers["Content-Disposition"]
        #expect(unicode == #"inline; filename="r_sum_ \"1\".txt"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%221%22.txt"#)
        #expect(try app.test.get("/files/page.html").text == "<p>sub page</p>")
        #expect(try app.test.get("/files/deeper/x.txt").text == "deep")
        #expect(try app.test.get("/files/../hello.txt").status == .notFound)
        #expect(try app.test.get("/files/%2e%2e/hello.txt").status == .notFound)
    }

    @Test func userErrorHandlersSeeTheStatic404() throws {
        let site = try StaticFixture()
        defer { site.remove() }
        let app = site.app { app in app.errorhandler(404) { _, _ in Response.text("custom 404", status: .notFound) } }
        let response = try app.test.get("/static/../secret.txt")
        #expect(response.status == .notFound)
        #expect(response.text == "custom 404")
    }

    @Test func relativeFoldersResolveBesideTheAppsPackage() {
        // The package root: this file is Tests/MicroFlaskTests/Static/StaticFileTests.swift.
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let app = App()
        #expect(app.root.resolve("static", rootPath: nil).path == package + "/static")
        #expect(app.root.resolve("/srv/static", rootPath: nil).path == "/srv/static")
        #expect(app.root.resolve("static", rootPath: "/srv").path == "/srv/static")
    }
}
