// Step 3: read the request line and split it into the method and the URL.
//
//     swift run TutorialStep3
//     curl --http0.9 http://127.0.0.1:5000/test
import Glibc

/// The seed's `parse_request`: a request starts with a line like `GET /test HTTP/1.1`;
/// its first word is the method and its second the URL. Nil when there are not two words.
func parseRequest(_ request: String) -> (method: String, url: String)? {
    let words = request.split(separator: " ", maxSplits: 2)
    guard words.count >= 2 else { return nil }
    return (String(words[0]), String(words[1]))
}

/// The seed's `generate_response`, for now only saying what it understood.
func generateResponse(_ request: String) -> String {
    guard let (method, url) = parseRequest(request) else { return "Not a request." }
    return "Method: \(method), URL: \(url)"
}

let server = listeningSocket(port: Settings.port)
for _ in 0..<Settings.connections {
    let client = accept(server, nil, nil)
    if client < 0 { continue }
    var buffer = [UInt8](repeating: 0, count: 1024)
    let count = recv(client, &buffer, buffer.count, 0)
    let request = String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self)
    print(request.prefix { $0 != "\r" && $0 != "\n" })
    sendAll(client, generateResponse(request))
    close(client)
}
close(server)
