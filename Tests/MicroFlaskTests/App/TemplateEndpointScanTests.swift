import Foundation
import Testing

@testable import MicroFlask

@Suite("routes --check and template url_for names")
struct TemplateEndpointScanTests {
    @Test("literal url_for names are found in tags with their lines; others are not")
    func scan() {
        let source = """
            <a href="{{ url_for('index') }}">home</a>
            {# {{ url_for('commented') }} #}
            url_for('plain text, not a tag')
            {% if g.user %}<a href="{{ url_for( "blog.update", id=post['id']) }}">
            {%- set u = url_for('.login', next=request.path) -%}{% endif %}
            {{ my_url_for('other') }} {{ url_for(name) }} {{ url_for('auth.register') }}
            """
        let uses = TemplateEndpointScan.uses(in: Array(source.utf8), file: "t.html")
        #expect(
            uses == [
                .init(file: "t.html", line: 1, endpoint: "index"),
                .init(file: "t.html", line: 4, endpoint: "blog.update"),
                .init(file: "t.html", line: 5, endpoint: ".login"),
                .init(file: "t.html", line: 6, endpoint: "auth.register"),
            ])
    }

    @Test("relative names are known when some blueprint or the app has them")
    func relativeNames() {
        let known: Set = ["index", "auth.login", "blog.update"]
        #expect(TemplateEndpointScan.isKnown(".login", among: known))
        #expect(TemplateEndpointScan.isKnown(".index", among: known))
        #expect(!TemplateEndpointScan.isKnown(".logout", among: known))
        #expect(!TemplateEndpointScan.isKnown("login", among: known))
    }

    @Test("routes --check fails on a template url_for name that no endpoint has, naming file and line")
    func checkReportsUnknownNames() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mf-scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("blog"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{{ url_for('index') }}\n{{ url_for('blog.updat', id=1) }}\n".write(
            to: folder.appendingPathComponent("blog/index.html"), atomically: true, encoding: .utf8)
        let app = App()
        app.config.templateFolder = folder.path
        let blog = Blueprint("blog")
        blog.get("/<int:id>/update") { _ in "u" }
        app.register(blog)
        app.addURLRule("/", endpoint: "index")
        let table = try app.freeze().table
        let unknown = app.unknownTemplateEndpoints(table)
        #expect(unknown == [.init(file: folder.path + "/blog/index.html", line: 2, endpoint: "blog.updat")])
        #expect(app.printRoutes(sort: "endpoint", check: true) == 1)
    }
}
