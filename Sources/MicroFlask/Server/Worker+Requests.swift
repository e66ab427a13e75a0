/// Answering what the codec finds: requests, `100 Continue`, and requests that cannot be parsed.
extension Worker {

    /// Handles one codec event for `connection`; the directive tells the codec whether to go on.
    /// Must not touch `connection.codec` (the codec is calling).
    func handle(_ event: HTTP1Event, on connection: Connection) -> HTTP1Directive {
        switch event {
        case .head(let head):
            // A body follows: a large declared one goes to disk from its first byte.
            connection.body.start(declaredLength: head.isChunked ? nil : head.contentLength)
            return .proceed
        case .continueExpected(let head):
            // Ask the app first: a request it would refuse gets its answer now, and no body is read.
            if let expectation = server.expectation,
                let refusal = expectation(
                    HTTPRequest(head: head, content: RequestBody(), remoteAddress: connection.remoteAddress))
            {
                _ = write(refusal, for: head, to: connection, forceClose: true)
                return .close
            }
            ResponseSerializer.append(HTTP1Codec.continueResponse, to: &output)
            return .proceed
        case .body(let bytes):
            do {
                try connection.body.append(bytes)
            } catch {
                return refuse(connection, head: nil, error)
            }
            return .proceed
        case .end(let head):
            let content: RequestBody
            do {
                content = try connection.body.finish()
            } catch {
                return refuse(connection, head: head, error)
            }
            let request = HTTPRequest(head: head, content: content, remoteAddress: connection.remoteAddress)
            let response = server.handler(request)
            return write(response, for: head, to: connection, forceClose: false)
        case .failure(let error):
            sendError(connection, error)
            return .close
        }
    }

    /// Answers 500 and closes when a body cannot be stored (the temporary folder is full or
    /// missing): the request is not run on a partial body.
    private func refuse(_ connection: Connection, head: RequestHead?, _ error: BodyStorageError) -> HTTP1Directive {
        server.logger.error("Request body could not be stored: \(error)")
        connection.body.discard()
        let response = ProtocolErrorPage.internalServerError()
        try? ResponseSerializer.writeHead(
            response, framing: .length(response.bodyBytes.count), keepAlive: false, version: head?.version ?? .http1_1,
            date: date.current(), serverName: server.configuration.serverName, into: &output)
        if head?.method != .HEAD { output.append(contentsOf: response.bodyBytes) }
        connection.closeAfterWrite = true
        return .close
    }

    /// Queues the error response for a request that could not be parsed; the connection then
    /// closes after lingering, so the client reads the answer.
    func sendError(_ connection: Connection, _ error: RequestParseError) {
        let response = ProtocolErrorPage.response(for: error)
        try? ResponseSerializer.writeHead(
            response, framing: .length(response.bodyBytes.count), keepAlive: false, version: .http1_1,
            date: date.current(), serverName: server.configuration.serverName, into: &output)
        output.append(contentsOf: response.bodyBytes)
        connection.closeAfterWrite = true
        connection.lingerAfterWrite = HTTP1Codec.lingersAfterFailure
    }
}
