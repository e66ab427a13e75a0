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
            handler: ViewBox(handler) as any Sendable)
    }

    /// The view. App and Blueprint store a `ViewBox` (a class: reading it back is a type check,
    /// where a function type may be re-wrapped on the way out); a `Handler` stored directly
    /// through Route's memberwise initializer works too. Nothing else is ever stored.
    var view: Handler {
        if let box = handler as? ViewBox { return box.view }
        return handler as! Handler
    }
}
