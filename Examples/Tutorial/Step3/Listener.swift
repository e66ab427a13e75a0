// Steps 1 and 2 as functions, so that main.swift shows only what is new. Steps 3 to 6 share
// this file unchanged.
import Foundation
import Glibc

/// What the steps read from the environment.
enum Settings {
    /// The port: 5000 as in the seed, or PORT (PORT=0 lets the kernel choose a free one).
    static let port = UInt16(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 5000
    /// How many connections to answer before exiting; without CONNECTIONS, until Ctrl-C.
    static let connections = Int(ProcessInfo.processInfo.environment["CONNECTIONS"] ?? "") ?? .max
}

/// Says which call failed and why, then exits.
func fail(_ call: String) -> Never {
    FileHandle.standardError.write(Data("\(call): \(String(cString: strerror(errno)))\n".utf8))
    exit(1)
}

/// Python's `sendall`: sends the rest until none is left.
func sendAll(_ client: Int32, _ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let sent = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if sent <= 0 { return }
        bytes = bytes.dropFirst(sent)
    }
}

/// A TCP socket with SO_REUSEADDR, bound to 127.0.0.1:`port` and listening; writes its address
/// to stdout at once (the tests wait for that line).
func listeningSocket(port: UInt16) -> Int32 {
    let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    if server < 0 { fail("socket") }
    var on: Int32 = 1
    if setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size)) != 0 {
        fail("setsockopt")
    }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(server, pointer, length) == 0 && getsockname(server, pointer, &length) == 0
        }
    }
    if !bound { fail("bind") }
    if listen(server, 5) != 0 { fail("listen") }
    FileHandle.standardOutput.write(Data("Listening on http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))\n".utf8))
    return server
}
