/// Serialising responses and getting them onto the socket: byte, streamed and file bodies,
/// error responses, and bytes the socket would not take yet.
extension Worker {

    func write(_ response: Response, for head: RequestHead, to connection: Connection, forceClose: Bool) {
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
    func stream(
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
    func sendFile(_ region: FileRegion, to connection: Connection) -> Bool {
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

    enum FlushResult { case done, blocked, failed }

    /// Sends `output`; whatever the socket will not take moves into the connection.
    func sendOutput(_ connection: Connection) -> Bool {
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

    func flushPending(_ connection: Connection) -> FlushResult {
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
}
