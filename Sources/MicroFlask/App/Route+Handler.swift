/// Routes made by the App, holding a `Handler` (Routing stores it opaquely: it may not name
/// App's `Request`).
extension Route {
    /// A route whose view is `handler`; App and Blueprint make every route with this.
    init(
        rule: String, methods: [Method], endpoint: String, location: String, blueprint: String?,
        handler: @escaping Handler
    ) {
        self.init(
            rule: rule, methods: methods, endpoint: endpoint, location: location, blueprint: blueprint,
            handler: handler as any Sendable)
    }

    /// The view. Every route is made by the initializer above, so the handler is a `Handler`.
    var view: Handler { handler as! Handler }
}
