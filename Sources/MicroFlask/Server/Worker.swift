import Synchronization

/// One serving thread's loop and its private, reused buffers: it polls the shared epoll for
/// one event at a time, and serves that connection (read, parse, run handlers, write) inline.
///
/// One event per `epoll_wait` keeps ready connections in the kernel's queue, where any other
/// poller can take them, instead of in a batch that a blocking handler would hold hostage.
final class Worker: @unchecked Sendable {
    /// Unowned without reference counting: workers run only while their server is started,
    /// and `stop()` waits for them, so the server outlives every use.
    unowned(unsafe) let server: Server
    let index: Int
    /// When the current event was taken (monotonic ms), 0 while polling: read by the monitor.
    let busySince = Atomic<Int>(0)

    private let scratch: UnsafeMutableRawBufferPointer
    var output: [UInt8] = []
    let date = HTTPDate()

    static let scratchSize = 64 * 1024

    init(server: Server, index: Int) {
        self.server = server
        self.index = index
        scratch = .allocate(byteCount: Worker.scratchSize, alignment: 16)
        output.reserveCapacity(Worker.scratchSize)
    }

    deinit { scratch.deallocate() }

    func run() {
        while server.isRunning {
            if server.shouldPark(self) {
                server.park(self)
                continue
            }
            guard let (key, events) = server.epoll.waitForOne() else { continue }
            busySince.store(Clock.milliseconds(), ordering: .relaxed)
            switch key {
            case Server.listenerKey:
                server.acceptConnections()
            case Server.wakeKey:
                break
            default:
                serve(Connection.from(key: key), events: events)
            }
            busySince.store(0, ordering: .relaxed)
        }
    }

    // MARK: - Serving a connection

    private func serve(_ connection: Connection, events: UInt32) {
        connection.deadline.store(Int.max, ordering: .relaxed)
        connection.isIdle.store(false, ordering: .relaxed)
        if connection.outboundOffset < connection.outbound.count {
            switch flushPending(connection) {
            case .done: break
            case .blocked: return rearm(connection, writable: true)
            case .failed: return close(connection)
            }
            if connection.closeAfterWrite { return finish(connection) }
        }
        if case .draining(let until) = connection.state { return drain(connection, until: until) }
        // Bytes left over from a pipelined batch that stopped for back-pressure come first.
        if !connection.inbound.isEmpty {
            if !process(connection) { return }
        }
        while true {
            let result: Syscall.IOResult
            do {
                result = try connection.socket.read(into: scratch)
            } catch {
                return close(connection)
            }
            guard case .done(let count) = result else { break }
            if count == 0 { return close(connection) }
            // Common case: nothing buffered, so parse straight from the scratch buffer.
            if connection.inbound.isEmpty {
                if !processScratch(connection, count: count) { return }
            } else {
                connection.inbound.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
                if !process(connection) { return }
            }
            if count < Worker.scratchSize { break }
        }
        rearm(connection, writable: false)
    }

    /// Parses and answers what is in `scratch[0..<count]`; keeps any partial request.
    /// Returns false when the connection was handed off (closed or waiting to write).
    private func processScratch(_ connection: Connection, count: Int) -> Bool {
        let bytes = UnsafeBufferPointer(start: scratch.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)
        let consumed = handleRequests(connection, bytes)
        if consumed < count, !connection.closeAfterWrite {
            connection.inbound.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[consumed...]))
        }
        return sendOutput(connection)
    }

    /// Parses and answers what is buffered in `connection.inbound`.
    /// A resumed head scan stays valid: it is relative to the start of the partial request, which
    /// is where the buffer starts after the answered requests are removed.
    private func process(_ connection: Connection) -> Bool {
        let consumed = connection.inbound.withUnsafeBufferPointer { handleRequests(connection, $0) }
        if connection.closeAfterWrite {
            connection.inbound = []
        } else if consumed > 0 {
            connection.inbound.removeFirst(consumed)
            if connection.inbound.isEmpty { connection.inbound = [] }  // release the storage
        }
        return sendOutput(connection)
    }

    /// Answers every complete request in `bytes` into `output`; returns how many bytes were used.
    private func handleRequests(_ connection: Connection, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var position = 0
        let limits = server.configuration.limits
        while position < bytes.count {
            if connection.closeAfterWrite { return bytes.count }
            // Stop parsing while a response is waiting for the socket (back-pressure).
            if connection.outboundOffset < connection.outbound.count { return position }
            switch connection.state {
            case .head(let scanFrom):
                let rest = UnsafeBufferPointer(rebasing: bytes[position...])
                // Tolerate empty lines before a request line (RFC 9112 section 2.2).
                if scanFrom == 0, let first = rest.first, first == RequestParser.cr || first == RequestParser.lf {
                    position += 1
                    continue
                }
                switch RequestParser.scanHead(rest, from: scanFrom, limits: limits) {
                case .incomplete(let resumeAt):
                    connection.state = .head(scanFrom: resumeAt)
                    return position
                case .failure(let error):
                    sendError(connection, error)
                    return bytes.count
                case .complete(let end):
                    connection.state = .head(scanFrom: 0)
                    connection.headStartedAt = 0
                    let headBytes = UnsafeBufferPointer(rebasing: rest[0..<end])
                    position += end
                    switch RequestParser.parseHead(headBytes, limits: limits) {
                    case .failure(let error):
                        sendError(connection, error)
                        return bytes.count
                    case .success(let head):
                        startBody(connection, head)
                    }
                }
            case .body(let head, var body):
                connection.state = .head(scanFrom: 0)  // drop the state's reference so appending does not copy
                let needed = head.contentLength - body.count
                let take = min(needed, bytes.count - position)
                if take > 0 {
                    body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<(position + take)]))
                    position += take
                }
                if body.count == head.contentLength {
                    answer(connection, head, body)
                } else {
                    connection.state = .body(head, body)
                    return position
                }
            case .chunked(let head, var decoder, var body):
                connection.state = .head(scanFrom: 0)  // as above: no copy of the body while decoding
                switch decoder.decode(bytes, from: position, into: &body) {
                case .failure(let error):
                    sendError(connection, error)
                    return bytes.count
                case .success(let reached):
                    position = reached
                    if decoder.isDone {
                        answer(connection, head, body)
                    } else {
                        connection.state = .chunked(head, decoder, body)
                        return position
                    }
                }
            case .draining:
                return bytes.count
            }
        }
        return position
    }

    /// Decides how the body of a parsed head will be read, answering at once when there is none.
    private func startBody(_ connection: Connection, _ head: RequestHead) {
        if !head.isChunked && head.contentLength == 0 {
            answer(connection, head, [])
            return
        }
        if head.expectsContinue {
            // Ask the app first: a request it would refuse gets its answer now, and no body is read.
            let probe = Request(head: head, body: [], remoteAddress: connection.remoteAddress)
            if let refusal = server.expectation?(probe) {
                write(refusal, for: head, to: connection, forceClose: true)
                connection.state = .head(scanFrom: 0)
                return
            }
            ResponseSerializer.append("HTTP/1.1 100 Continue\r\n\r\n", to: &output)
        }
        if head.isChunked {
            connection.state = .chunked(head, ChunkedDecoder(maxBodySize: server.configuration.limits.maxBodySize), [])
        } else {
            var body: [UInt8] = []
            body.reserveCapacity(head.contentLength)
            connection.state = .body(head, body)
        }
    }

    /// Runs the app for one complete request and serialises its response into `output`.
    private func answer(_ connection: Connection, _ head: RequestHead, _ body: [UInt8]) {
        let request = Request(head: head, body: body, remoteAddress: connection.remoteAddress)
        let response = server.handler(request)
        write(response, for: head, to: connection, forceClose: false)
    }

    private func write(_ response: Response, for head: RequestHead, to connection: Connection, forceClose: Bool) {
        var keepAlive = head.keepAlive && !forceClose && server.isAccepting
        if let value = response.headers["Connection"], value.lowercased().contains("close") { keepAlive = false }
        let bodyAllowed = head.method != .HEAD && !response.status.forbidsBody
        let mark = output.count
        do {
            switch response.body {
            case .bytes(let bytes):
                let framing: ResponseSerializer.Framing =
                    response.status.forbidsBody ? .none : .length(bytes.count)
                try ResponseSerializer.writeHead(
                    response, framing: framing, keepAlive: keepAlive, version: head.version, date: date.current(),
                    serverName: server.configuration.serverName, into: &output)
                if bodyAllowed { output.append(contentsOf: bytes) }
            case .stream(let produce):
                let chunked = head.version.minor >= 1
                if !chunked { keepAlive = false }
                try ResponseSerializer.writeHead(
                    response, framing: bodyAllowed ? (chunked ? .chunked : .none) : .none, keepAlive: keepAlive,
                    version: head.version, date: date.current(), serverName: server.configuration.serverName,
                    into: &output)
                if bodyAllowed {
                    keepAlive = stream(produce, chunked: chunked, to: connection) && keepAlive
                }
            case .file(let region):
                try ResponseSerializer.writeHead(
                    response, framing: .length(region.length), keepAlive: keepAlive, version: head.version,
                    date: date.current(),
                    serverName: server.configuration.serverName, into: &output)
                if bodyAllowed && region.length > 0 {
                    keepAlive = sendFile(region, to: connection) && keepAlive
                }
            }
        } catch {
            server.logger.error("Response for \(head.method) \(head.target) dropped: \(error). Sending 500 instead.")
            output.removeSubrange(mark...)
            let fallback = ErrorPage.response(.internalServerError, message: nil, prefersJSON: false)
            try? ResponseSerializer.writeHead(
                fallback, framing: .length(fallback.bodyBytes.count), keepAlive: keepAlive, version: head.version,
                date: date.current(), serverName: nil, into: &output)
            if bodyAllowed { output.append(contentsOf: fallback.bodyBytes) }
        }
        if !keepAlive { connection.closeAfterWrite = true }
    }

    /// Sends a streamed body chunk by chunk, waiting for the socket as needed.
    /// Returns false when the client went away (the connection then closes).
    private func stream(
        _ produce: @Sendable (ResponseBodyWriter) throws -> Void, chunked: Bool, to connection: Connection
    ) -> Bool {
        let socket = connection.socket
        let timeout = Int32(server.configuration.ioTimeout * 1000)
        // The head goes out first; each chunk is then sent as soon as it is written.
        let pending = output
        output.removeAll(keepingCapacity: true)
        guard Worker.sendAll(pending, on: socket, timeoutMilliseconds: timeout) else { return false }
        let writer = ResponseBodyWriter { bytes in
            var chunk: [UInt8] = []
            if chunked { ResponseSerializer.appendChunk(bytes, to: &chunk) } else { chunk = bytes }
            guard Worker.sendAll(chunk, on: socket, timeoutMilliseconds: timeout) else {
                throw SystemError.brokenPipe("send")
            }
        }
        do {
            try produce(writer)
        } catch {
            server.logger.error("Streamed response failed: \(error)")
            return false
        }
        if chunked { ResponseSerializer.append("0\r\n\r\n", to: &output) }
        return true
    }

    /// Sends the head queued in `output`, then the file region with `sendfile(2)`, waiting for
    /// the socket as needed. Returns false when the client went away or the file failed.
    private func sendFile(_ region: FileRegion, to connection: Connection) -> Bool {
        let socket = connection.socket
        let timeout = Int32(server.configuration.ioTimeout * 1000)
        let pending = output
        output.removeAll(keepingCapacity: true)
        guard Worker.sendAll(pending, on: socket, timeoutMilliseconds: timeout) else { return false }
        let file: OpenFile
        do {
            file = try OpenFile(path: region.path)
        } catch {
            server.logger.error("Cannot open \(region.path) to send it: \(error)")
            return false
        }
        defer { file.close() }
        var offset = region.offset
        let end = region.offset + region.length
        while offset < end {
            switch try? socket.sendFile(file.fd, offset: &offset, count: end - offset) {
            case .done(let sent)?:
                if sent == 0 { return false }  // the file shrank under us: the framing is broken, close
            case .wouldBlock?:
                if !socket.waitUntilWritable(timeoutMilliseconds: timeout) { return false }
            case nil:
                return false
            }
        }
        return true
    }

    /// Blocking send with a timeout, for streamed bodies only.
    static func sendAll(_ bytes: [UInt8], on socket: Socket, timeoutMilliseconds: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                try? socket.send(UnsafeRawBufferPointer(rebasing: raw[offset...]))
            }
            switch result {
            case .done(let sent)?: offset += sent
            case .wouldBlock?:
                if !socket.waitUntilWritable(timeoutMilliseconds: timeoutMilliseconds) { return false }
            case nil: return false
            }
        }
        return true
    }

    /// Queues an error response for a request that could not be parsed; the connection then closes.
    private func sendError(_ connection: Connection, _ error: RequestParseError) {
        var response = ErrorPage.response(error.status, message: error.reason, prefersJSON: false)
        response.headers["Connection"] = "close"
        try? ResponseSerializer.writeHead(
            response, framing: .length(response.bodyBytes.count), keepAlive: false, version: .http1_1,
            date: date.current(),
            serverName: server.configuration.serverName, into: &output)
        output.append(contentsOf: response.bodyBytes)
        connection.closeAfterWrite = true
        connection.lingerAfterWrite = true
        connection.state = .head(scanFrom: 0)
    }

    // MARK: - Writing

    private enum FlushResult { case done, blocked, failed }

    /// Sends `output`; whatever the socket will not take moves into the connection.
    private func sendOutput(_ connection: Connection) -> Bool {
        if !output.isEmpty {
            var sent = 0
            let failed = output.withUnsafeBytes { raw -> Bool in
                while sent < raw.count {
                    switch try? connection.socket.send(UnsafeRawBufferPointer(rebasing: raw[sent...])) {
                    case .done(let count)?: sent += count
                    case .wouldBlock?: return false
                    case nil: return true
                    }
                }
                return false
            }
            if failed {
                output.removeAll(keepingCapacity: true)
                close(connection)
                return false
            }
            if sent < output.count {
                connection.outbound = Array(output[sent...])
                connection.outboundOffset = 0
                output.removeAll(keepingCapacity: true)
                rearm(connection, writable: true)
                return false
            }
            output.removeAll(keepingCapacity: true)
        }
        if connection.closeAfterWrite {
            finish(connection)
            return false
        }
        return true
    }

    private func flushPending(_ connection: Connection) -> FlushResult {
        let result = connection.outbound.withUnsafeBytes { raw -> FlushResult in
            while connection.outboundOffset < raw.count {
                switch try? connection.socket.send(UnsafeRawBufferPointer(rebasing: raw[connection.outboundOffset...]))
                {
                case .done(let count)?: connection.outboundOffset += count
                case .wouldBlock?: return .blocked
                case nil: return .failed
                }
            }
            return .done
        }
        if result == .done {
            connection.outbound = []
            connection.outboundOffset = 0
        }
        return result
    }

    // MARK: - Hand-off, linger and close

    /// Gives the connection back to epoll, with the deadline that applies to what it waits for:
    /// the keep-alive timeout when idle, the header timeout (from the head's first byte) while a
    /// head arrives, the I/O timeout while a body arrives or a response waits for the socket.
    private func rearm(_ connection: Connection, writable: Bool) {
        let configuration = server.configuration
        let now = Clock.milliseconds()
        var idle = false
        let deadline: Int
        if writable {
            deadline = now + Int(configuration.ioTimeout * 1000)
        } else {
            switch connection.state {
            case .head where connection.inbound.isEmpty:
                idle = true
                connection.headStartedAt = 0
                deadline = now + Int(configuration.keepAliveTimeout * 1000)
            case .head:
                if connection.headStartedAt == 0 { connection.headStartedAt = now }
                deadline = connection.headStartedAt + Int(configuration.headerTimeout * 1000)
            case .body, .chunked:
                deadline = now + Int(configuration.ioTimeout * 1000)
            case .draining(let until):
                deadline = until
            }
        }
        if idle && !server.isAccepting { return close(connection) }
        connection.deadline.store(deadline, ordering: .relaxed)
        connection.isIdle.store(idle, ordering: .relaxed)
        do {
            try server.epoll.modify(
                connection.socket.fd, events: (writable ? Epoll.writable : Epoll.readable) | Epoll.oneShot,
                key: connection.key)
        } catch {
            close(connection)
        }
    }

    /// After the last response: close, or for error responses half-close and drain first so the
    /// client reads the response instead of a reset.
    private func finish(_ connection: Connection) {
        if connection.lingerAfterWrite {
            connection.lingerAfterWrite = false
            connection.socket.shutdownWrite()
            connection.inbound = []
            let until = Clock.milliseconds() + 2000
            connection.state = .draining(until: until)
            return drain(connection, until: until)
        }
        close(connection)
    }

    private func drain(_ connection: Connection, until: Int) {
        var total = 0
        while total < 1 << 20 {
            switch try? connection.socket.read(into: scratch) {
            case .done(let count)? where count > 0: total += count
            case .wouldBlock?:
                if Clock.milliseconds() >= until { return close(connection) }
                connection.deadline.store(until, ordering: .relaxed)
                do {
                    try server.epoll.modify(
                        connection.socket.fd, events: Epoll.readable | Epoll.oneShot, key: connection.key)
                } catch {
                    close(connection)
                }
                return
            default:
                return close(connection)
            }
        }
        close(connection)
    }

    private func close(_ connection: Connection) {
        server.close(connection)
    }
}
