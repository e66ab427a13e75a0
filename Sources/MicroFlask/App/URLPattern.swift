/// A view as the seed's `URLS` dictionary and Django's `path()` hold it.
public typealias View = @Sendable (Request) throws -> any ResponseConvertible

/// One entry of a Django-style `urlpatterns` list; see `path(_:_:name:methods:)`.
public struct URLPattern: Sendable {
    let rule: String
    let view: View
    let name: String?
    let methods: [Method]
    let location: String
}

/// A Django-style URL entry, for `app.include([...])`.
///
/// ```swift
/// app.include([
///     path("/about", Views.about, name: "about"),
///     path("/contact", Views.contact, methods: [.GET, .POST]),
/// ])
/// ```
public func path(
    _ rule: String, _ view: @escaping View, name: String? = nil, methods: [Method] = [.GET], file: String = #fileID,
    line: Int = #line
) -> URLPattern {
    URLPattern(rule: rule, view: view, name: name, methods: methods, location: "\(file):\(line)")
}

extension App {
    /// The seed's `URLS` dictionary: assigning registers each entry as a GET route.
    ///
    /// ```swift
    /// app.urls = ["/": Views.index, "/test": Views.test]
    /// ```
    /// Reading gives back what was assigned. Entries are registered in key order; assigning again
    /// (or `app.urls["/x"] = view`) registers only the paths not registered before.
    public var urls: [String: View] {
        get { lock.withLock { assignedURLs } }
        set {
            let known = lock.withLock { assignedURLs }
            for (rule, view) in newValue.sorted(by: { $0.key < $1.key }) where known[rule] == nil {
                addRoute(rule, methods: [.GET], endpoint: nil, location: "app.urls[\"\(rule)\"]") {
                    try view($0).makeResponse()
                }
            }
            lock.withLock { assignedURLs.merge(newValue) { $1 } }
        }
    }

    /// Registers Django-style `urlpatterns`, optionally under a prefix.
    public func include(_ patterns: [URLPattern], prefix: String = "") {
        for pattern in patterns {
            let view = pattern.view
            addRoute(
                prefix + pattern.rule, methods: pattern.methods, endpoint: pattern.name, location: pattern.location
            ) {
                try view($0).makeResponse()
            }
        }
    }
}
