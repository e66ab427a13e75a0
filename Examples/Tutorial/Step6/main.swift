// Step 6: the dictionary holds views (functions) from Views.swift, which read the templates.
//
//     swift run TutorialStep6
//     curl -i http://127.0.0.1:5000/test
import Glibc

/// The seed's `URLS`, now from URL to view: a function that makes the page. (`@Sendable`: safe
/// to call from any thread, which Swift asks of a dictionary of functions kept in a global.)
let urls: [String: @Sendable () -> String] = ["/": Views.index, "/test": Views.test]

/// The request line's method and URL (step 3).
func parseRequest(_ request: String) -> (method: String, url: String)? {
    let words = request.split(separator: " ", maxSplits: 2)
    guard words.count >= 2 else { return nil }
    return (String(words[0]), String(words[1]))
}

/// The head and the status code (step 5).
func generateHeaders(method: String, url: String) -> (head: String, code: Int) {
    if method != "GET" { return ("HTTP/1.1 405 Method Not Allowed\r\n\r\n", 405) }
    if urls[url] == nil { return ("HTTP/1.1 404 Not Found\r\n\r\n", 404) }
    return ("HTTP/1.1 200 OK\r\n\r\n", 200)
}

/// An error's page, or the view's page: `urls[url]` is a function, and `()` calls it.
func generateContent(code: Int, url: String) -> String {
    switch code {
    case 404: "<h1>404</h1><p>Not found</p>"
    case 405: "<h1>405</h1><p>Method not allowed</p>"
    default: urls[url]?() ?? ""
    }
}

func generateResponse(_ request: String) -> String {
    guard let (method, url) = parseRequest(request) else { return "HTTP/1.1 400 Bad Request\r\n\r\n" }
    let (head, code) = generateHeaders(method: method, url: url)
    return head + generateContent(code: code, url: url)
}

let server = listeningSocket(port: Settings.port)
for _ in 0..<Settings.connections {
    let client = accept(server, nil, nil)
    if client < 0 { continue }
    var buffer = [UInt8](repeating: 0, count: 1024)
    let count = recv(client, &buffer, buffer.count, 0)
    let request = String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self)
    sendAll(client, generateResponse(request))
    close(client)
}
close(server)
