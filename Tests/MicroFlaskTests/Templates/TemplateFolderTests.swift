import Foundation
import Testing

@testable import MicroFlask

extension Templates {
    /// Where `templates/` and `static/` are found (like Flask's `root_path`), and what happens
    /// when they are missing or changed.
    struct FolderTests {
        /// A fake package: `Package.swift`, `Sources/Site/main.swift`, and `templates`/`static` at its root.
        struct Package {
            let root: String
            var sourceFile: String { root + "/Sources/Site/main.swift" }

            init() throws {
                root = FileManager.default.temporaryDirectory.appendingPathComponent("microflask-root-\(UUID())").path
                try FileManager.default.createDirectory(
                    atPath: root + "/Sources/Site", withIntermediateDirectories: true)
                try "// swift-tools-version:6.0".write(
                    toFile: root + "/Package.swift", atomically: true, encoding: .utf8)
                try "".write(toFile: sourceFile, atomically: true, encoding: .utf8)
            }

            func write(_ path: String, _ text: String) throws {
                let url = URL(fileURLWithPath: root + "/" + path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            }

            func remove() { try? FileManager.default.removeItem(atPath: root) }
        }

        @Test func foldersAreFoundFromTheCreatingSourceFileNotTheWorkingDirectory() throws {
            let package = try Package()
            defer { package.remove() }
            try package.write("templates/page.html", "<p>{{ word }}</p>")
            try package.write("static/site.css", "body{}")
            let app = App(sourceFile: package.sourceFile)
            app.get("/") { _ in try app.render("page.html", ["word": "found"]) }
            #expect(FileManager.default.currentDirectoryPath != package.root)
            #expect(try app.test.get("/").text == "<p>found</p>")
            #expect(try app.test.get("/static/site.css").text == "body{}")
        }

        @Test func aFolderBesideTheSourceFileWinsOverThePackageRoot() throws {
            let package = try Package()
            defer { package.remove() }
            try package.write("templates/page.html", "root")
            try package.write("Sources/Site/templates/page.html", "beside")
            let app = App(sourceFile: package.sourceFile)
            #expect(try app.render("page.html") == "beside")
        }

        @Test func anInstalledBinaryFindsFoldersBesideItsDirectory() throws {
            let package = try Package()
            defer { package.remove() }
            try package.write("opt/bin/app", "")
            try package.write("opt/templates/page.html", "installed")
            let root = AppRoot(
                sourceFile: "/nonexistent/build/Sources/App/main.swift", executable: package.root + "/opt/bin/app")
            #expect(root.resolve("templates", rootPath: nil).path == package.root + "/opt/templates")
        }

        @Test func aMissingFolderSaysWhereItLooked() throws {
            let package = try Package()
            defer { package.remove() }
            let root = AppRoot(sourceFile: package.sourceFile, executable: nil)
            let (path, origin) = root.resolve("templates", rootPath: nil)
            #expect(path == package.root + "/templates", "reported beside Package.swift")
            #expect(
                origin.hasPrefix(
                    "looked for 'templates' in '\(package.root)/Sources/Site', '\(package.root)/Sources', '\(package.root)'"
                ),
                "\(origin)")
            let app = App(sourceFile: package.sourceFile)
            app.config.rootPath = package.root
            let error = #expect(throws: TemplateError.self) { try app.render("page.html") }
            #expect(error?.kind == .missingTemplate)
            #expect(
                error?.message
                    == "template 'page.html' not found: the templates folder '\(package.root)/templates' does not exist "
                    + "(config.templateFolder 'templates': config.rootPath '\(package.root)')")
        }

        @Test func changingTheFolderAfterFirstUseTakesEffect() throws {
            let package = try Package()
            defer { package.remove() }
            try package.write("templates/page.html", "first")
            try package.write("other/page.html", "second")
            let app = App(sourceFile: package.sourceFile)
            #expect(try app.render("page.html") == "first")
            app.config.templateFolder = "other"
            #expect(try app.render("page.html") == "second")
            app.config.rootPath = package.root + "/other"
            app.config.templateFolder = "."
            #expect(try app.render("page.html") == "second")
            app.config.templateFolder = package.root + "/templates"
            #expect(try app.render("page.html") == "first")
        }

        @Test func autoescapeFollowsTheExtensionLikeFlask() throws {
            let package = try Package()
            defer { package.remove() }
            for name in ["a.html", "a.htm", "a.xml", "a.xhtml", "a.svg", "a.txt", "a.md", "a.HTML"] {
                try package.write("templates/" + name, "{{ v }}")
            }
            try package.write("templates/mail.txt", "{% extends 'base.html' %}{% block b %}{{ v }}{% endblock %}")
            try package.write("templates/base.html", "{{ v }}|{% block b %}{% endblock %}|{% include 'a.txt' %}")
            let app = App(sourceFile: package.sourceFile)
            let context: [String: TemplateValue] = ["v": "<b>"]
            for name in ["a.html", "a.htm", "a.xml", "a.xhtml", "a.svg"] {
                #expect(try app.render(name, context) == "&lt;b&gt;", "\(name)")
            }
            for name in ["a.txt", "a.md", "a.HTML"] { #expect(try app.render(name, context) == "<b>", "\(name)") }
            #expect(try app.renderString("{{ v }}", context) == "&lt;b&gt;", "render_template_string escapes")
            // Each template keeps its own setting: the block comes from the .txt child.
            #expect(try app.render("mail.txt", context) == "&lt;b&gt;|<b>|<b>")
            app.templates.autoescapeExtensions = [".html", ".txt"]
            #expect(try app.render("a.txt", context) == "&lt;b&gt;")
            #expect(try app.render("a.md", context) == "<b>")
        }
    }
}
