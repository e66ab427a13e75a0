import Foundation

@testable import MicroFlask

/// A thread-safe box for recording what hooks and views saw during a request.
final class Recorder<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: Value

    init(_ value: Value) { storage = value }

    var value: Value { lock.withLock { storage } }

    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&storage) } }
}

/// Werkzeug's error pages as Flask 3.1.3 sends them (bytes captured from `flask.Flask.test_client()`).
enum FlaskPages {
    static let notFound =
        "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
        + "<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n"
    static let methodNotAllowed =
        "<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n"
        + "<p>The method is not allowed for the requested URL.</p>\n"
    static let internalServerError =
        "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n"
        + "<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>\n"
    static let forbidden =
        "<!doctype html>\n<html lang=en>\n<title>403 Forbidden</title>\n<h1>Forbidden</h1>\n"
        + "<p>You don&#39;t have the permission to access the requested resource. It is either read-protected or not readable by the server.</p>\n"
    static let lengthRequired =
        "<!doctype html>\n<html lang=en>\n<title>411 Length Required</title>\n<h1>Length Required</h1>\n"
        + "<p>A request with this method requires a valid &lt;code&gt;Content-Length&lt;/code&gt; header.</p>\n"
    static let notFoundWithMessage =
        "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>a &lt;b&gt; &amp; &#39;c&#39;</p>\n"
}
