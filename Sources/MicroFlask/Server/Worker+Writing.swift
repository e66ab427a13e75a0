/// Serialising responses and getting them onto the socket: byte, streamed and file bodies,
/// error responses, and bytes the socket would not take yet.
extension Worker {

    /// Serialises a response into `output` (sending large byte bodies, streamed and file bodies
    /// at once), and marks the connection to close when the response or the request says so.
    /// Returns what the codec should do next: `.pause` when output waits for the socket or
    /// enough is queued, `.close` when the connection ends after this response.
    func write(_ response: Response, for head: RequestHead, to connection: Connection, forceClose: Bool)
        -> HTTP1Directive
    {
        let framing = ResponseFraming(
            for: response, method: head.method, version: head.version,
            keepAlive: head.keepAlive && !forceClose && server.isAccepting)
        var keepAlive = framing.keepAlive
        let outcome = HTTP1Codec.writeHead(
            response, framing: framing, method: head.method, version: head.version, date: date.current(),
            serverName: server.configuration.serverName, into: &output)
        switch outcome {
        case .replaced(let error, _):
            server.logger.error("Response for \(head.method) \(head.target) dropped: \(error). Sending 500 instead.")
        case .written where framing.sendsBody:
            switch response.body {
            case .bytes(let bytes) where bytes.count > Worker.directBodyThreshold:
                switch sendDirect(bytes, to: connection) {
                case .done: break
                case .blocked:
                    if !keepAlive { connection.closeAfterWrite = true }
                    return keepAlive ? .pause : .close
                case .failed:
                    connection.broken = true
                    return .close
                }
            case .bytes(let bytes): output.append(contentsOf: bytes)
            case .file(let region):
                if region.length > 0 { keepAlive = sendFile(region, to: connection) && keepAlive }
            case .stream(let produce):
                keepAlive = stream(produce, chunked: framing.chunksStream, to: connection) && keepAlive
            }
        case .written:
            break
        }
        if !keepAlive {
            connection.closeAfterWrite = true
            return .close
        }
        return output.count >= Worker.outputHighWater ? .pause : .proceed
    }

    /// Sends the queued `output` and then a large body straight from its own storage (one
    /// gathering send per call); what the socket will not take stays with the connection, the
    /// body by reference.
    func sendDirect(_ body: [UInt8], to connection: Connection) -> Socket.SendProgress {
        var sent = 0
        let result = output.withUnsafeBytes { head in
            body.withUnsafeBytes { connection.socket.sendAvailable(head, $0, from: &sent) }
        }
        if result == .blocked {
            connection.outbound = sent < output.count ? Array(output[sent...]) : []
            connection.outboundBody = body
            connection.outboundOffset = max(0, sent - output.count)
        }
        resetOutput()
        return result
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
        defer { resetOutput() }
        return Worker.sendAll(output, on: socket, timeoutMilliseconds: timeoutMilliseconds)
    }

    /// Empties `output`, giving back storage a large response grew it to.
    func resetOutput() {
        if output.capacity > normalOutputCapacity {
            output = []
            output.reserveCapacity(Worker.outputCapacity)
        } else {
            output.removeAll(keepingCapacity: true)
        }
    }

    /// Sends `output`; whatever the socket will not take moves into the connection.
    func sendOutput(_ connection: Connection) -> Bool {
        if connection.broken {
            resetOutput()
            close(connection)
            return false
        }
        // A large body is waiting for the socket (nothing was queued after it).
        if connection.hasPendingOutput {
            prepareToWait(connection, writable: true)
            return false
        }
        if !output.isEmpty {
            var sent = 0
            let result = output.withUnsafeBytes { connection.socket.sendAvailable($0, from: &sent) }
            switch result {
            case .failed:
                resetOutput()
                close(connection)
                return false
            case .blocked:
                connection.outbound = Array(output[sent...])
                connection.outboundOffset = 0
                resetOutput()
                prepareToWait(connection, writable: true)
                return false
            case .done:
                resetOutput()
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
        let result = connection.outbound.withUnsafeBytes { head in
            connection.outboundBody.withUnsafeBytes { connection.socket.sendAvailable(head, $0, from: &offset) }
        }
        connection.outboundOffset = offset
        if result == .done {
            connection.outbound = []
            connection.outboundBody = []
            connection.outboundOffset = 0
        }
        return result
    }
}
