import Foundation
import Testing

@testable import MicroFlask

/// A real browser renders a templated page and applies its static stylesheet.
///
/// Needs `chromium` (or `chromium-browser`) on PATH. Without it the test is skipped (shown as
/// skipped, with the reason), unless `MICROFLASK_INTEGRATION=1`, which makes a missing browser
/// a failure.
@Suite struct BrowserTests {
    /// The browser executable found on PATH, if any.
    static let browser: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for name in ["chromium", "chromium-browser"] {
            for directory in path.split(separator: ":")
            where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }()

    /// Whether a missing browser must fail the run rather than skip.
    static let integrationRequired = ProcessInfo.processInfo.environment["MICROFLASK_INTEGRATION"] == "1"

    static let templates = [
        "base.html": """
        <!doctype html>
        <html>
        <head>
          <meta charset="utf-8">
          <title>{% block title %}MicroFlask{% endblock %}</title>
          <link rel="stylesheet" href="{{ url_for('static', filename='style.css') }}">
        </head>
        <body>
          <h1>{{ heading }}</h1>
          {% block content %}{% endblock %}
          <p>Computed h1 color: <span id="h1-color">unknown</span></p>
          <script>
            window.addEventListener('load', function () {
              var color = getComputedStyle(document.querySelector('h1')).color;
              document.getElementById('h1-color').textContent = color;
            });
          </script>
        </body>
        </html>
        """,
        "page.html": """
        {% extends "base.html" %}
        {% block title %}Browser check{% endblock %}
        {% block content %}
        <ul id="items">
        {% for item in items %}  <li class="item">{{ loop.index }}. {{ item }}</li>
        {% endfor %}</ul>
        {% endblock %}
        """,
    ]
    static let stylesheet = "h1 { color: rgb(12, 34, 56); }\n"

    @Test(
        .enabled(
            if: browser != nil || integrationRequired,
            "chromium (or chromium-browser) is not on PATH; install it, or set MICROFLASK_INTEGRATION=1 to make this a failure"
        ),
        .timeLimit(.minutes(2))
    )
    func chromiumRendersTemplatesAndAppliesTheStylesheet() throws {
        guard let browser = BrowserTests.browser else {
            Issue.record("MICROFLASK_INTEGRATION=1 but neither chromium nor chromium-browser is on PATH")
            return
        }
        let root = NSTemporaryDirectory() + "microflask-browser-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (name, text) in BrowserTests.templates {
            try FileManager.default.createDirectory(atPath: root + "/templates", withIntermediateDirectories: true)
            try text.write(toFile: root + "/templates/" + name, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: root + "/static", withIntermediateDirectories: true)
        try BrowserTests.stylesheet.write(toFile: root + "/static/style.css", atomically: true, encoding: .utf8)

        let app = App(name: "browser-check")
        app.config.templateFolder = root + "/templates"
        app.config.staticFolder = root + "/static"
        app.config.accessLog = false
        let stylesheetRequests = RequestCounter()
        app.afterRequest { request, response in
            if request.path == "/static/style.css" && response.status == .ok { stylesheetRequests.increment() }
            return response
        }
        app.get("/page") { _ in
            try app.render("page.html", ["heading": "Rendered by MicroFlask", "items": ["alpha", "beta", "<gamma>"]])
        }
        let server = try app.start(host: "127.0.0.1", port: 0)
        defer { server.stop() }

        let url = "http://127.0.0.1:\(server.port)/page"
        let run = try BrowserTests.dumpDOM(browser: browser, url: url, profile: root + "/profile")
        let dom = run.stdout
        #expect(run.status == 0, "chromium exited with \(run.status): \(run.stderr.suffix(2000))")
        #expect(dom.contains("<title>Browser check</title>"), "\(dom)")
        #expect(dom.contains("<h1>Rendered by MicroFlask</h1>"))
        #expect(dom.contains(#"<li class="item">1. alpha</li>"#))
        #expect(dom.contains(#"<li class="item">2. beta</li>"#))
        #expect(dom.contains(#"<li class="item">3. &lt;gamma&gt;</li>"#), "autoescaped, and not parsed as a tag")
        #expect(dom.contains(#"<span id="h1-color">rgb(12, 34, 56)</span>"#), "the stylesheet was fetched and applied")
        #expect(stylesheetRequests.value >= 1, "the browser fetched /static/style.css")
    }

    /// The demo itself (`swift run App`), as a visitor's browser renders it: the looped items
    /// page extends `base.html`, and `static/style.css` colours its heading.
    @Test(
        .enabled(
            if: browser != nil || integrationRequired,
            "chromium (or chromium-browser) is not on PATH; install it, or set MICROFLASK_INTEGRATION=1 to make this a failure"
        ),
        .timeLimit(.minutes(2))
    )
    func chromiumRendersTheDemosItemsPage() throws {
        guard let browser = BrowserTests.browser else {
            Issue.record("MICROFLASK_INTEGRATION=1 but neither chromium nor chromium-browser is on PATH")
            return
        }
        let demo = try DemoAppTests.DemoProcess(arguments: ["--quiet"])
        defer { _ = demo.interrupt() }
        let profile = NSTemporaryDirectory() + "microflask-demo-browser-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let run = try BrowserTests.dumpDOM(
            browser: browser, url: "http://127.0.0.1:\(demo.port)/items", profile: profile)
        #expect(run.status == 0, "chromium failed: \(run.stderr.suffix(500))")
        let dom = run.stdout
        #expect(dom.contains("<title>Items · MicroFlask</title>"))
        for item in ["Sockets", "Routing", "Templates", "Sessions"] {
            #expect(dom.contains(">\(item)</li>"), "the looped item \(item) should be in the DOM")
        }
        #expect(dom.contains("data-h1-color=\"rgb(176, 58, 46)\""), "static/style.css should colour the h1")
    }

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// `chromium --headless=new --no-sandbox --disable-gpu --dump-dom URL`, killed after 60 s.
    static func dumpDOM(browser: String, url: String, profile: String) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile)",
            "--dump-dom", url,
        ]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        // Read stderr on another thread so neither pipe can fill up and stall the browser.
        let errorText = DataBox()
        let errorReader = Thread { errorText.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        errorReader.start()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        let stderr = errorText.wait()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}

extension BrowserTests {
    /// A thread-safe request counter.
    final class RequestCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0

        func increment() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    /// A one-shot box for a reader thread's result.
    final class DataBox: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var data = Data()

        func set(_ value: Data) {
            data = value
            done.signal()
        }

        func wait() -> Data {
            done.wait()
            return data
        }
    }
}
