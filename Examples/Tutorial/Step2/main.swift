// Step 2: step 1 with SO_REUSEADDR, so a restart does not fail with "Address already in use".
//
//     swift run TutorialStep2
//     curl --http0.9 http://127.0.0.1:5000/
import Foundation
import Glibc

// The port: 5000 as in the seed, or PORT from the environment (PORT=0 lets the kernel choose).
let port = UInt16(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 5000
// How many connections to answer before exiting; without CONNECTIONS it runs until Ctrl-C.
let connections = Int(ProcessInfo.processInfo.environment["CONNECTIONS"] ?? "") ?? .max

/// Says which call failed and why (`strerror` turns errno into words), then exits.
func fail(_ call: String) -> Never {
    FileHandle.standardError.write(Data("\(call): \(String(cString: strerror(errno)))\n".utf8))
    exit(1)
}

/// Python's `sendall`: `send` may take fewer bytes than offered, so send the rest until none is left.
func sendAll(_ client: Int32, _ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        // MSG_NOSIGNAL: a client that hung up gives an error here instead of killing the process.
        let sent = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if sent <= 0 { return }
        bytes = bytes.dropFirst(sent)
    }
}

// AF_INET: IPv4 addresses. SOCK_STREAM: a TCP byte stream.
let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
if server < 0 { fail("socket") }

// Before bind: allow binding the port while old connections on it wait out TIME_WAIT.
// SOL_SOCKET: an option of the socket itself (not of TCP or IP); 1 turns it on.
var on: Int32 = 1
if setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size)) != 0 { fail("setsockopt") }

// The address as the kernel wants it: family, port and IP in network byte order.
var address = sockaddr_in()
address.sin_family = sa_family_t(AF_INET)
address.sin_port = port.bigEndian
address.sin_addr.s_addr = inet_addr("127.0.0.1")
var length = socklen_t(MemoryLayout<sockaddr_in>.size)
let bound = withUnsafeMutablePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
        // bind takes the address; getsockname reads back the port the kernel picked for port 0.
        bind(server, pointer, length) == 0 && getsockname(server, pointer, &length) == 0
    }
}
if !bound { fail("bind") }
if listen(server, 5) != 0 { fail("listen") }
// Written at once (print may wait in a buffer when stdout is a pipe): the tests wait for this line.
FileHandle.standardOutput.write(Data("Listening on http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))\n".utf8))

for _ in 0..<connections {
    // accept waits for a client and gives a new socket for talking to it; the listening one stays open.
    let client = accept(server, nil, nil)
    if client < 0 { continue }
    var buffer = [UInt8](repeating: 0, count: 1024)
    let count = recv(client, &buffer, buffer.count, 0)
    print(String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self))
    sendAll(client, "Request accepted!")
    close(client)
}
close(server)
