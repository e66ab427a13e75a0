// Step 5: the answer gets a body after its head: the page's text, or a word on the error.
//
//     swift run TutorialStep5
//     curl -i http://127.0.0.1:5000/test
import Glibc

/// The pages, by URL (step 4).
let urls = ["/": "Hello, index", "/test": "Hello, test"]

/// The request line's method and URL (step 3).
func parseRequest(_ request: String) -> (method: String, url: String)? {
    let words = request.split(separator: " ", maxSplits: 2)
    guard words.count >= 2 else { return nil }
    return (String(words[0]), String(words[1]))
}

/// The head and the status code (step 4), so the body can follow the same decision.
func generateHeaders(method: String, url: String) -> (head: String, code: Int) {
    if method != "GET" { return ("HTTP/1.1 405 Method Not Allowed\r\n\r\n", 405) }
    if urls[url] == nil { return ("HTTP/1.1 404 Not Found\r\n\r\n", 404) }
    return ("HTTP/1.1 200 OK\r\n\r\n", 200)
}

/// The seed's `generate_content`: an error's page, or the page the URL names.
func generateContent(code: Int, url: String) -> String {
    switch code {
    case 404: "<h1>404</h1><p>Not found</p>"
    case 405: "<h1>405</h1><p>Method not allowed</p>"
    default: "<h1>\(urls[url] ?? "")</h1>"
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
