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
            handler: ViewBox(handler) as any AnyObject & Sendable)
    }

    /// The view. The initializer above is the only way to make a route with one (Route's
    /// memberwise initializer takes a class, and only App's `ViewBox` is ever given).
    var view: Handler { (handler as! ViewBox).view }
}
