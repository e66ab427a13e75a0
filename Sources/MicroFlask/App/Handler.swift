/// A view function as the app stores it: the request in, a response out.
///
/// Routing keeps it without naming its type (`Route.handler` is an opaque class, a `ViewBox`), since the
/// request it takes is the App-level `Request` and Routing may not depend on App; the
/// Dispatcher reads it back as a `Handler`.
public typealias Handler = @Sendable (Request) throws -> Response
