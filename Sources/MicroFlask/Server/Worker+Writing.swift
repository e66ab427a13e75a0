/// Serialising responses and getting them onto the socket: byte, streamed and file bodies,
/// error responses, and bytes the socket would not take yet.
extension Worker {

    /// Serialises a response into `output` (sending streamed and file bodies at once), and marks
    /// the connection to close when the response or the request says so.
    func write(_ response: Response, for head: RequestHead, to connection: Connection, forceClose: Bool) {
        var keepAlive = head.keepAlive && !forceClose && server.isAccepting
        if let value = response.headers["Connection"], value.lowercased().contains("close") { keepAlive = false }
        let bodyAllowed = head.method != .HEAD && !response.status.forbidsBody
        // HTTP/1.0 has no chunked coding: a streamed body is ended by closing the connection.
        let chunked = head.version.minor >= 1
        let framing: ResponseSerializer.Framing
        switch response.body {
        case _ where response.status.forbidsBody: framing = .none
        case .bytes(let bytes): framing = .length(bytes.count)
        case .file(let region): framing = .length(region.length)
        case .stream:
            framing = bodyAllowed && chunked ? .chunked : .none
            if !chunked { keepAlive = false }
        }
        let mark = output.count
        do {
            try ResponseSerializer.writeHead(
                response, framing: framing, keepAlive: keepAlive, version: head.version, date: date.current(),
                serverName: server.configuration.serverName, into: &output)
        } catch {
            server.logger.error("Response for \(head.method) \(head.target) dropped: \(error). Sending 500 instead.")
            output.removeSubrange(mark...)
            let fallback = ErrorPage.response(.internalServerError, message: nil, prefersJSON: false)
            try? ResponseSerializer.writeHead(
                fallback, framing: .length(fallback.bodyBytes.count), keepAlive: keepAlive, version: head.version,
                date: date.current(), serverName: server.configuration.serverName, into: &output)
            if head.method != .HEAD { output.append(contentsOf: fallback.bodyBytes) }
            if !keepAlive { connection.closeAfterWrite = true }
            return
        }
        if bodyAllowed {
            switch response.body {
            case .bytes(let bytes): output.append(contentsOf: bytes)
            case .file(let region):
                if region.length > 0 { keepAlive = sendFile(region, to: connection) && keepAlive }
            case .stream(let produce): keepAlive = stream(produce, chunked: chunked, to: connection) && keepAlive
            }
        }
        if !keepAlive { connection.closeAfterWrite = true }
    }

    /// Sends a streamed body chunk by chunk, waiting for the socket as needed.
    /// Returns false when the client went away (the connection then closes).
    func stream(
        _ produce: @Sendable (ResponseBodyWriter) throws -> Void, chunked: Bool, to connection: Connection
    ) -> Bool {
        let socket = connection.socket
        let timeout = Int32(server.timeouts.io)
        // The head goes out first; each chunk is then sent as soon as it is written.
        guard flushOutputWaiting(on: socket, timeoutMilliseconds: timeout) else { return false }
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
    func sendFile(_ region: FileRegion, to connection: Connection) -> Bool {
        let socket = connection.socket
        let timeout = Int32(server.timeouts.io)
        guard flushOutputWaiting(on: socket, timeoutMilliseconds: timeout) else { return false }
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

    /// Sends all of `bytes`, waiting for the socket (up to the timeout each time it is full).
    /// Used only where a body is produced while sending: streams and files.
    static func sendAll(_ bytes: [UInt8], on socket: Socket, timeoutMilliseconds: Int32) -> Bool {
        var offset = 0
        while true {
            switch bytes.withUnsafeBytes({ socket.sendAvailable($0, from: &offset) }) {
            case .done: return true
            case .failed: return false
            case .blocked:
                if !socket.waitUntilWritable(timeoutMilliseconds: timeoutMilliseconds) { return false }
            }
        }
    }

    /// Sends the queued `output` (the head of a streamed or file response) before the body,
    /// keeping the buffer for reuse.
    private func flushOutputWaiting(on socket: Socket, timeoutMilliseconds: Int32) -> Bool {
        defer { output.removeAll(keepingCapacity: true) }
        return Worker.sendAll(output, on: socket, timeoutMilliseconds: timeoutMilliseconds)
    }

    /// Queues an error response for a request that could not be parsed; the connection then closes.
    func sendError(_ connection: Connection, _ error: RequestParseError) {
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

    /// Sends `output`; whatever the socket will not take moves into the connection.
    func sendOutput(_ connection: Connection) -> Bool {
        if !output.isEmpty {
            var sent = 0
            let result = output.withUnsafeBytes { connection.socket.sendAvailable($0, from: &sent) }
            switch result {
            case .failed:
                output.removeAll(keepingCapacity: true)
                close(connection)
                return false
            case .blocked:
                connection.outbound = Array(output[sent...])
                connection.outboundOffset = 0
                output.removeAll(keepingCapacity: true)
                rearm(connection, writable: true)
                return false
            case .done:
                output.removeAll(keepingCapacity: true)
            }
        }
        if connection.closeAfterWrite {
            finish(connection)
            return false
        }
        return true
    }

    /// Sends what an earlier write left in the connection.
    func flushPending(_ connection: Connection) -> Socket.SendProgress {
        var offset = connection.outboundOffset
        let result = connection.outbound.withUnsafeBytes { connection.socket.sendAvailable($0, from: &offset) }
        connection.outboundOffset = offset
        if result == .done {
            connection.outbound = []
            connection.outboundOffset = 0
        }
        return result
    }
}
