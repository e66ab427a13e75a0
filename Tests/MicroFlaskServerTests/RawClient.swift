import Foundation
import Glibc

/// Why the raw client gave up.
enum RawClientError: Error, CustomStringConvertible {
    case connect(Int32)
    case send(Int32)
    case timeout(String)
    case closed(String)
    case reset(String)
    case malformed(String)

    var description: String {
        switch self {
        case .connect(let code): "connect failed: \(String(cString: strerror(code)))"
        case .send(let code): "send failed: \(String(cString: strerror(code)))"
        case .timeout(let what): "timed out \(what)"
        case .closed(let what): "connection closed \(what)"
        case .reset(let what): "connection reset \(what)"
        case .malformed(let what): "malformed response: \(what)"
        }
    }
}

/// One HTTP response as read off the wire.
struct RawResponse {
    /// The status line without its CRLF, such as `HTTP/1.1 200 OK`.
    var statusLine: String
    var version: String
    var status: Int
    /// Header fields in wire order.
    var headers: [(name: String, value: String)]
    /// The head exactly as received (status line, fields, blank line).
    var rawHead: String
    /// The body after removing any chunked framing.
    var body: [UInt8]
    /// Whether the body was sent with chunked transfer coding.
    var wasChunked: Bool
    /// How many data chunks a chunked body came in.
    var chunkCount: Int

    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    func headerValues(_ name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// Whether the response announces that the connection closes.
    var saysClose: Bool {
        (header("Connection") ?? "").lowercased().split(separator: ",").contains {
            $0.trimmingCharacters(in: .whitespaces) == "close"
        }
    }
}

/// What the peer did when the client waited for the connection to end.
enum PeerState: Equatable {
    /// An orderly close (EOF).
    case closed
    /// A reset (ECONNRESET).
    case reset
    /// Still open when the wait ended.
    case open
}

/// A blocking TCP client over Glibc sockets for raw HTTP conversations, with timeouts on every call.
final class RawClient {
    let fd: Int32
    /// Bytes received and not yet consumed by `readResponse`.
    private(set) var buffer: [UInt8] = []
    private var eof = false
    private let timeout: Double

    /// Connects to `127.0.0.1:port`; every receive waits at most `timeout` seconds.
    /// `receiveBuffer` (bytes) shrinks the socket's receive buffer, so a server's large
    /// response fills the connection and must wait for the socket.
    init(port: Int, timeout: Double = 5, receiveBuffer: Int32? = nil) throws {
        self.timeout = timeout
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw RawClientError.connect(errno) }
        self.fd = fd
        RawClient.setTimeout(fd, SO_RCVTIMEO, seconds: timeout)
        RawClient.setTimeout(fd, SO_SNDTIMEO, seconds: timeout)
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        if var size = receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if result != 0 {
            let code = errno
            Glibc.close(fd)
            throw RawClientError.connect(code)
        }
    }

    deinit { Glibc.close(fd) }

    private static func setTimeout(_ fd: Int32, _ option: Int32, seconds: Double) {
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Makes the next close send a RST instead of a FIN (SO_LINGER 0).
    func abortOnClose() {
        var value = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &value, socklen_t(MemoryLayout<linger>.size))
    }

    /// Sends all of `bytes` (fails on a send timeout or error).
    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                throw RawClientError.send(errno)
            }
            offset += sent
        }
    }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Sends `bytes` from another thread, as a client that uploads everything before it looks
    /// for an answer; stops quietly when the server closes.
    @discardableResult
    func sendInBackground(_ bytes: [UInt8]) -> BackgroundSend {
        let progress = BackgroundSend()
        Thread { [fd] in
            var offset = 0
            defer { progress.finish() }
            while offset < bytes.count {
                let sent = bytes.withUnsafeBytes {
                    Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
                }
                if sent <= 0 { return }
                offset += sent
                progress.advance(to: offset)
            }
        }.start()
        return progress
    }

    /// Sends `bytes` one at a time, pausing `pauseMicroseconds` between them.
    func drip(_ text: String, pauseMicroseconds: UInt32 = 200) throws {
        for byte in text.utf8 {
            try send([byte])
            if pauseMicroseconds > 0 { usleep(pauseMicroseconds) }
        }
    }

    /// Shuts down the sending side (the server sees EOF).
    func shutdownWrite() { _ = Glibc.shutdown(fd, Int32(SHUT_WR)) }

    /// Receives once into the buffer. Returns false at EOF; throws on timeout or reset.
    @discardableResult
    private func fill(_ what: String) throws -> Bool {
        if eof { return false }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return true
            }
            if count == 0 {
                eof = true
                return false
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: throw RawClientError.timeout(what)
            case ECONNRESET: throw RawClientError.reset(what)
            default: throw RawClientError.closed("\(what) (\(String(cString: strerror(errno))))")
            }
        }
    }

    /// Reads one response. `forHead` says the request was HEAD (no body follows whatever the head says).
    /// Interim (1xx) responses are returned like any other; read again for the final one.
    func readResponse(forHead: Bool = false) throws -> RawResponse {
        let deadline = Date().addingTimeInterval(timeout + 1)
        while true {
            if let (response, consumed) = try RawClient.parse(buffer, forHead: forHead, atEOF: eof) {
                buffer.removeFirst(consumed)
                return response
            }
            if Date() > deadline { throw RawClientError.timeout("reading a response") }
            if try !fill("while reading a response") {
                if let (response, consumed) = try RawClient.parse(buffer, forHead: forHead, atEOF: true) {
                    buffer.removeFirst(consumed)
                    return response
                }
                throw RawClientError.closed("before a complete response (\(buffer.count) bytes buffered)")
            }
        }
    }

    /// Reads the final response, skipping (and returning) any interim 1xx responses.
    func readFinalResponse(forHead: Bool = false) throws -> (interim: [RawResponse], final: RawResponse) {
        var interim: [RawResponse] = []
        for _ in 0..<8 {
            let response = try readResponse(forHead: forHead)
            if response.status >= 200 { return (interim, response) }
            interim.append(response)
        }
        throw RawClientError.malformed("too many interim responses")
    }

    /// Waits up to `seconds` for anything to arrive; returns the bytes (empty at EOF or timeout).
    func receiveAvailable(waiting seconds: Double) -> (bytes: [UInt8], state: PeerState) {
        if !buffer.isEmpty {
            let bytes = buffer
            buffer = []
            return (bytes, eof ? .closed : .open)
        }
        if eof { return ([], .closed) }
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        if poll(&poller, 1, Int32(seconds * 1000)) <= 0 { return ([], .open) }
        do {
            if try !fill("polling") { return ([], .closed) }
        } catch RawClientError.reset {
            return ([], .reset)
        } catch {
            return ([], .open)
        }
        let bytes = buffer
        buffer = []
        return (bytes, eof ? .closed : .open)
    }

    /// Waits up to `seconds` for the peer to end the connection, discarding anything it sends.
    func waitForClose(seconds: Double) -> PeerState {
        let deadline = Date().addingTimeInterval(seconds)
        buffer = []
        while !eof {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return .open }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, Int32(max(1, left * 1000))) <= 0 { return .open }
            do {
                try fill("waiting for close")
            } catch RawClientError.reset {
                return .reset
            } catch {
                return .open
            }
            buffer = []
        }
        return .closed
    }

    // MARK: - Parsing

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= needle.count + start else { return nil }
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && Array(bytes[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    private static let crlf: [UInt8] = [13, 10]

    /// Parses one response from the start of `bytes`; nil when more bytes are needed.
    static func parse(_ bytes: [UInt8], forHead: Bool, atEOF: Bool) throws -> (RawResponse, Int)? {
        guard let headEnd = find([13, 10, 13, 10], in: bytes, from: 0) else { return nil }
        let rawHead = String(decoding: bytes[0..<(headEnd + 4)], as: UTF8.self)
        var lines = rawHead.components(separatedBy: "\r\n")
        lines.removeLast(2)
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, let status = Int(parts[1]), parts[1].count == 3 else {
            throw RawClientError.malformed("status line '\(statusLine)'")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw RawClientError.malformed("header line '\(line)'") }
            headers.append(
                (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var response = RawResponse(
            statusLine: statusLine, version: String(parts[0]), status: status, headers: headers, rawHead: rawHead,
            body: [],
            wasChunked: false, chunkCount: 0)
        let bodyStart = headEnd + 4
        if forHead || status < 200 || status == 204 || status == 304 {
            return (response, bodyStart)
        }
        if let coding = response.header("Transfer-Encoding") {
            guard coding.lowercased() == "chunked" else {
                throw RawClientError.malformed("transfer coding '\(coding)'")
            }
            response.wasChunked = true
            var cursor = bodyStart
            while true {
                guard let lineEnd = find(crlf, in: bytes, from: cursor) else { return nil }
                let sizeText =
                    String(decoding: bytes[cursor..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
                guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else {
                    throw RawClientError.malformed("chunk size '\(sizeText)'")
                }
                cursor = lineEnd + 2
                if size == 0 {
                    // Trailers, then the blank line.
                    while true {
                        guard let end = find(crlf, in: bytes, from: cursor) else { return nil }
                        let blank = end == cursor
                        cursor = end + 2
                        if blank { return (response, cursor) }
                    }
                }
                guard bytes.count >= cursor + size + 2 else { return nil }
                response.body.append(contentsOf: bytes[cursor..<(cursor + size)])
                response.chunkCount += 1
                guard bytes[cursor + size] == 13, bytes[cursor + size + 1] == 10 else {
                    throw RawClientError.malformed("chunk data not followed by CRLF")
                }
                cursor += size + 2
            }
        }
        if let lengthText = response.header("Content-Length") {
            guard let length = Int(lengthText) else { throw RawClientError.malformed("Content-Length '\(lengthText)'") }
            guard bytes.count >= bodyStart + length else { return nil }
            response.body = Array(bytes[bodyStart..<(bodyStart + length)])
            return (response, bodyStart + length)
        }
        // Neither: the body runs to the end of the connection.
        guard atEOF else { return nil }
        response.body = Array(bytes[bodyStart...])
        return (response, bytes.count)
    }
}

/// How far a `sendInBackground` got, for tests to wait on instead of sleeping.
final class BackgroundSend: @unchecked Sendable {
    private let condition = NSCondition()
    private var sent = 0
    private var done = false

    func advance(to count: Int) {
        condition.withLock {
            sent = count
            condition.broadcast()
        }
    }

    func finish() {
        condition.withLock {
            done = true
            condition.broadcast()
        }
    }

    /// Waits until `count` bytes were sent or the sender stopped (at most `seconds`); returns
    /// how many were sent.
    @discardableResult
    func waitUntilSent(atLeast count: Int, seconds: Double = 5) -> Int {
        let deadline = Date().addingTimeInterval(seconds)
        return condition.withLock {
            while sent < count && !done && condition.wait(until: deadline) {}
            return sent
        }
    }
}
