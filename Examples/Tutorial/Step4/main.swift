// Step 4: a dictionary of pages, and a status line: 200, 404 or 405.
//
//     swift run TutorialStep4
//     curl -i http://127.0.0.1:5000/test
import Glibc

/// The seed's `URLS`: the pages the server knows, by URL. Their text is used in step 5.
let urls = ["/": "Hello, index", "/test": "Hello, test"]

/// The request line's method and URL (step 3).
func parseRequest(_ request: String) -> (method: String, url: String)? {
    let words = request.split(separator: " ", maxSplits: 2)
    guard words.count >= 2 else { return nil }
    return (String(words[0]), String(words[1]))
}

/// The seed's `generate_headers`: the status line, then an empty line that ends the head.
/// HTTP ends each line with CR LF ("\r\n"); the seed wrote "\n\n".
func generateHeaders(method: String, url: String) -> String {
    if method != "GET" { return "HTTP/1.1 405 Method Not Allowed\r\n\r\n" }
    if urls[url] == nil { return "HTTP/1.1 404 Not Found\r\n\r\n" }
    return "HTTP/1.1 200 OK\r\n\r\n"
}

func generateResponse(_ request: String) -> String {
    guard let (method, url) = parseRequest(request) else { return "HTTP/1.1 400 Bad Request\r\n\r\n" }
    return generateHeaders(method: method, url: url)
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
