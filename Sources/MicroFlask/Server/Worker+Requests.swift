/// Answering what the codec finds: requests, `100 Continue`, and requests that cannot be parsed.
extension Worker {

    /// Handles one codec event for `connection`; the directive tells the codec whether to go on.
    /// Must not touch `connection.codec` (the codec is calling).
    func handle(_ event: HTTP1Event, on connection: Connection) -> HTTP1Directive {
        switch event {
        case .head(let head):
            startBody(of: head, on: connection)
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
                switch error {
                case .storage(let error): return refuse(connection, head: nil, error)
                case .form(let error): return answerEarly(error, on: connection)
                }
            }
            return .proceed
        case .end(let head):
            let received: ReceivedBody
            var formError: FormError?
            do {
                received = try connection.body.finish()
            } catch {
                switch error {
                case .storage(let error): return refuse(connection, head: head, error)
                case .form(let error):
                    formError = error
                    received = .bytes(RequestBody())
                }
            }
            let request: HTTPRequest
            switch received {
            case .bytes(let content):
                request = HTTPRequest(head: head, content: content, remoteAddress: connection.remoteAddress)
            case .form(let form):
                request = HTTPRequest(head: head, content: RequestBody(), remoteAddress: connection.remoteAddress)
                request.receive(form)
            }
            request.receivedFormError = formError
            let response = server.handler(request)
            return write(response, for: head, to: connection, forceClose: false)
        case .failure(let error):
            sendError(connection, error)
            return .close
        }
    }

    /// Begins the body of `head`. A `multipart/form-data` body whose form the app will parse (it
    /// gives limits for it) is parsed as it arrives; any other is kept, and a large declared one
    /// goes to disk from its first byte.
    private func startBody(of head: RequestHead, on connection: Connection) {
        let declaredLength = head.isChunked ? nil : head.contentLength
        if head.hasContentType, head.mayBeMultipart, let formLimits = server.configuration.formParsing {
            let request = HTTPRequest(head: head, content: RequestBody(), remoteAddress: connection.remoteAddress)
            if request.mimeType == "multipart/form-data", let contentType = request.headers["Content-Type"],
                let limits = formLimits(request)
            {
                return connection.body.startForm(
                    of: head, contentType: contentType, limits: limits, declaredLength: declaredLength)
            }
        }
        connection.body.start(declaredLength: declaredLength)
    }

    /// Answers a request whose form failed while its body arrived (400, 413), through the app's
    /// handler so its error handlers apply; the rest of the body is unread, so the connection
    /// closes after lingering (the client, still sending, reads the answer rather than a reset).
    private func answerEarly(_ error: FormError, on connection: Connection) -> HTTP1Directive {
        guard let head = connection.body.formHead else { return .close }
        connection.body.discard()
        let request = HTTPRequest(head: head, content: RequestBody(), remoteAddress: connection.remoteAddress)
        request.receivedFormError = error
        let response = server.handler(request)
        _ = write(response, for: head, to: connection, forceClose: true)
        connection.lingerAfterWrite = !connection.broken
        return .close
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
