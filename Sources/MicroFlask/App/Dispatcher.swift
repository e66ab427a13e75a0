import Foundation

/// The frozen application: routing, hooks and error handling, as one `(Request) -> Response`
/// function. The server and the test client both call `respond(to:)`.
public final class Dispatcher: Sendable {
    let table: RouteTable
    let hooks: Hooks
    let config: Config
    let logger: Logger
    let jsonEncoder: JSONEncoder

    init(table: RouteTable, hooks: Hooks, config: Config, logger: Logger) {
        self.table = table
        self.hooks = hooks
        self.config = config
        self.logger = logger
        let encoder = JSONEncoder()
        if config.jsonSortKeys { encoder.outputFormatting = [.sortedKeys] }
        self.jsonEncoder = encoder
    }

    /// Answers one request. Never throws: errors become error responses.
    public func respond(to request: Request) -> Response {
        request.jsonEncoder = jsonEncoder
        var failure: (any Error)?
        var response: Response
        do {
            response = try dispatch(request)
        } catch {
            failure = error
            response = errorResponse(request, error)
        }
        for hook in hooks.afterRequest.reversed() {
            do {
                response = try hook(request, response)
            } catch {
                failure = error
                response = errorResponse(request, error)
            }
        }
        for hook in hooks.teardownRequest { hook(request, failure) }
        return response
    }

    private func dispatch(_ request: Request) throws -> Response {
        let match = table.match(method: request.method, path: request.path)
        if case .found(let route, let params) = match {
            request.params = params
            request.endpoint = route.route.endpoint
        }
        for hook in hooks.beforeRequest {
            if let early = try hook(request) { return early }
        }
        switch match {
        case .found(let route, _):
            return try route.route.handler(request)
        case .automaticOptions(let allowed):
            var response = Response()
            response.headers["Allow"] = allowed.map(\.rawValue).joined(separator: ", ")
            return response
        case .methodNotAllowed(let allowed):
            throw HTTPError(.methodNotAllowed, headers: ["Allow": allowed.map(\.rawValue).joined(separator: ", ")])
        case .redirect(let location):
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

    /// Finds the user's error handler, or renders the default page; a failing handler gives a plain 500.
    func errorResponse(_ request: Request, _ error: any Error) -> Response {
        let status = Dispatcher.status(of: error)
        if !(error is HTTPError) {
            logger.error("Exception on \(request.method) \(request.path): \(String(reflecting: error))")
        }
        // Type handlers first (the most specific), then status handlers, as Flask looks them up.
        let typeMatch = hooks.errorHandlers.first { $0.matches(error) }
        if let handler = typeMatch {
            do {
                return try handler.handle(request, error)
            } catch let handlerError {
                logger.error("The error handler for \(status) on \(request.method) \(request.path) failed: \(String(reflecting: handlerError))")
                return defaultPage(request, HTTPError(.internalServerError), detail: nil)
            }
        }
        let detail = config.debug && !(error is HTTPError) ? String(reflecting: error) : nil
        return defaultPage(request, error as? HTTPError ?? HTTPError(.internalServerError), detail: detail)
    }

    private func defaultPage(_ request: Request, _ error: HTTPError, detail: String?) -> Response {
        var message = error.message
        if let detail { message = "\(ErrorPage.description(for: 500)) \(detail)" }
        return ErrorPage.response(error.status, message: message, headers: error.headers, prefersJSON: ErrorPage.prefersJSON(request.headers["Accept"]))
    }
}
