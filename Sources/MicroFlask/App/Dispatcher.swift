import Foundation

/// The frozen application: routing, hooks and error handling, as one `(HTTPRequest) -> Response`
/// function. The server and the test client both call `respond(to:)`, which wraps the HTTP
/// request in the App-level `Request` that hooks and views receive.
public final class Dispatcher: Sendable {
    /// The app it was frozen from (`req.app`). Unowned, since the app holds its dispatcher; the
    /// server's handler and the test client hold the app, so it outlives every request.
    unowned let app: App
    let table: RouteTable
    let config: Config
    let logger: Logger
    /// How `Encodable` view results become JSON: the app's own `JSONEncoder` when it set one.
    let jsonEncoding: JSONEncoding
    let sessionCookie: SessionCookie
    /// `config.formLimits`, made once.
    let formLimits: FormLimits
    /// The app's hooks alone: the scope of requests that match no blueprint route.
    private let appScope: [Hooks]
    /// For each blueprint, the app's hooks then each enclosing blueprint's, outermost first.
    private let blueprintScopes: [String: [Hooks]]

    init(app: App, table: RouteTable, hooks: Hooks, blueprintHooks: [String: Hooks], config: Config, logger: Logger) {
        self.app = app
        self.table = table
        self.config = config
        self.logger = logger
        if let custom = config.jsonEncoder {
            jsonEncoding = .foundation(custom)
        } else {
            jsonEncoding = .bytes(JSONBytesEncoder(sortsKeys: config.jsonSortKeys))
        }
        self.formLimits = config.formLimits
        self.sessionCookie = SessionCookie(
            settings: config.sessionCookieSettings, secretKey: config.secretKey, fallbackKeys: config.secretKeyFallbacks
        )
        appScope = [hooks]
        var scopes: [String: [Hooks]] = [:]
        for name in blueprintHooks.keys {
            let parts = name.split(separator: ".")
            scopes[name] =
                [hooks] + (1...parts.count).compactMap { blueprintHooks[parts.prefix($0).joined(separator: ".")] }
        }
        blueprintScopes = scopes
    }

    /// An encoder for `Encodable` view results.
    enum JSONEncoding {
        case bytes(JSONBytesEncoder)
        case foundation(JSONEncoder)

        /// The JSON response for `value`.
        func response(_ value: some Encodable) throws -> Response {
            switch self {
            case .bytes(let encoder): try Response.json(value, encoder: encoder)
            case .foundation(let encoder): try Response.json(value, encoder: encoder)
            }
        }
    }

    /// Answers one request. Never throws: errors become error responses.
    public func respond(to http: HTTPRequest) -> Response {
        http.trustedProxies = config.trustedProxies
        http.proxyHeaders = config.proxyHeaders
        http.formLimits = formLimits
        // The client's id, if it sent a sane one; an id is made only when something asks for it.
        if let header = config.requestIDHeader, let sent = http.firstFieldValue(header), RequestID.isSane(sent) {
            http.requestID = sent
        }
        let match = table.match(method: http.method, path: http.path)
        var scopes = appScope
        let request: Request
        if case .found(let route, let captures) = match {
            request = Request(http: http, dispatcher: self, route: route.route, captures: captures)
            if let blueprint = route.route.blueprint, let chain = blueprintScopes[blueprint] { scopes = chain }
        } else {
            request = Request(http: http, dispatcher: self, route: nil, captures: [])
        }
        CurrentRequest.set(request)
        defer {
            CurrentRequest.set(nil)
            http.cleanUpUploads()
        }
        var failure: (any Error)?
        var response: Response
        do {
            response = try dispatch(request, match, scopes)
        } catch {
            response = errorResponse(request, error, scopes, unhandled: &failure)
        }
        for scope in scopes.reversed() {
            for hook in scope.afterRequest.reversed() {
                do {
                    response = try hook(request, response)
                } catch {
                    response = errorResponse(request, error, scopes, unhandled: &failure)
                }
            }
        }
        if let session = sessionToSave(request) {
            do {
                try sessionCookie.save(session, to: &response)
            } catch {
                response = errorResponse(request, error, scopes, unhandled: &failure)
            }
        }
        for scope in scopes.reversed() {
            for hook in scope.teardownRequest { hook(request, failure) }
        }
        // Echoed when the client sent one or the request used one (a view, an error line).
        if let header = config.requestIDHeader, http.hasRequestID, !response.headers.contains(header) {
            response.headers.add(header, http.requestID)
        }
        return response
    }

    /// Flask's `TRUSTED_HOSTS`: the 400 for a request whose host is not on the list, or nil.
    /// A request without any `Host` (HTTP/1.0) passes, as in Werkzeug.
    private func untrustedHost(_ http: HTTPRequest) -> HTTPError? {
        guard !config.trustedHosts.isEmpty, let host = http.forwardedHost ?? http.headers["Host"],
            !TrustedHosts.allows(host, trusted: config.trustedHosts)
        else { return nil }
        return HTTPError(.badRequest, message: "Host '\(host)' is not trusted.")
    }

    /// `GET /path (request "GET /path?q HTTP/1.1", id 5f0c2a9be41d-1f)`: how error lines name
    /// a request, so that a line can be found from the access log or the client's id.
    static func describe(_ request: Request) -> String {
        "\(request.method) \(request.path) (request \"\(request.method) \(request.target) \(request.version)\", id \(request.requestID))"
    }

    /// The session to save: the one the request used, or, for sliding expiry, the permanent
    /// session of a cookie the request carried but did not read (Flask refreshes it too). An
    /// app without a secret key has no session to refresh, and its requests skip the look.
    private func sessionToSave(_ request: Request) -> Session? {
        if let session = request.loadedSession { return session }
        guard sessionCookie.signer != nil, sessionCookie.settings.refreshEachRequest, request.http.hasCookieField,
            request.http.cookies[sessionCookie.settings.name] != nil
        else { return nil }
        let session = sessionCookie.load(from: request.http)
        return session.isPermanent ? session : nil
    }

    /// Parses a form body, then runs the before-request hooks, then the view or the routing outcome.
    private func dispatch(_ request: Request, _ match: RouteTable.Match, _ scopes: [Hooks]) throws -> Response {
        // An untrusted host is refused like a routing error (Flask raises it when routing):
        // the before-request hooks run, the body is never parsed, error handlers see a 400.
        let hostError = untrustedHost(request.http)
        if case .found = match, hostError == nil { try request.parseFormBody() }
        for scope in scopes {
            for hook in scope.beforeRequest {
                if let early = try hook(request) { return early }
            }
        }
        if let hostError { throw hostError }
        switch match {
        case .found(let route, _):
            return try route.route.view(request)
        case .automaticOptions(let allowed):
            var response = Response()
            response.headers["Allow"] = allowed.map(\.rawValue).joined(separator: ", ")
            return response
        case .methodNotAllowed(let allowed):
            throw HTTPError(.methodNotAllowed, headers: ["Allow": allowed.map(\.rawValue).joined(separator: ", ")])
        case .redirect:
            // The path as the client sent it (still percent-encoded), not the decoded one the router matched.
            let location = "\(request.rawPath)/"
            let query = request.queryString
            return redirect(to: query.isEmpty ? location : "\(location)?\(query)", status: .permanentRedirect)
        case .notFound:
            throw HTTPError(.notFound)
        }
    }

    /// The status an error ends a request with: its own for `HTTPError`, 500 otherwise.
    static func status(of error: any Error) -> Status {
        (error as? HTTPError)?.status ?? .internalServerError
    }

    /// Finds the innermost matching error handler, or renders the default page; a failing
    /// handler gives a plain 500. Like Flask, `unhandled` (what teardown hooks see) is set
    /// only for an error no handler answered and that is not an `HTTPError`, or for the error
    /// a failing handler threw.
    func errorResponse(_ request: Request, _ error: any Error, _ scopes: [Hooks], unhandled: inout (any Error)?)
        -> Response
    {
        let status = Dispatcher.status(of: error)
        for scope in scopes.reversed() {
            guard let handler = scope.errorHandlers.first(where: { $0.matches(error) }) else { continue }
            do {
                return try handler.handle(request, error)
            } catch let handlerError {
                unhandled = handlerError
                logger.error(
                    "The error handler for \(status) on \(Dispatcher.describe(request)) failed: \(String(reflecting: handlerError))"
                )
                return defaultPage(request, HTTPError(.internalServerError), detail: nil)
            }
        }
        // Logged only when nothing answered it, as Flask logs in `handle_exception`.
        if !(error is HTTPError) {
            unhandled = error
            logger.error("Exception on \(Dispatcher.describe(request)): \(String(reflecting: error))")
        }
        let detail = config.debug && !(error is HTTPError) ? String(reflecting: error) : nil
        return defaultPage(request, error as? HTTPError ?? HTTPError(.internalServerError), detail: detail)
    }

    private func defaultPage(_ request: Request, _ error: HTTPError, detail: String?) -> Response {
        var message = error.message
        if let detail { message = "\(ErrorPage.description(for: 500)) \(detail)" }
        return ErrorPage.response(
            error.status, message: message, headers: error.headers,
            prefersJSON: ErrorPage.prefersJSON(request.headers["Accept"]))
    }
}
