/// Turning received bytes into requests and answers: heads, bodies, `100 Continue`.
extension Worker {

    /// Answers every complete request in `bytes` into `output`; returns how many bytes were used.
    func handleRequests(_ connection: Connection, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
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
    func startBody(_ connection: Connection, _ head: RequestHead) {
        if !head.isChunked && head.contentLength == 0 {
            answer(connection, head, [])
            return
        }
        if head.expectsContinue {
            // Ask the app first: a request it would refuse gets its answer now, and no body is read.
            let probe = HTTPRequest(head: head, body: [], remoteAddress: connection.remoteAddress)
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
    func answer(_ connection: Connection, _ head: RequestHead, _ body: [UInt8]) {
        let request = HTTPRequest(head: head, body: body, remoteAddress: connection.remoteAddress)
        let response = server.handler(request)
        write(response, for: head, to: connection, forceClose: false)
    }
}
