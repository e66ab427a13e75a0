import Foundation

/// A type that a path parameter can be converted to with `req.param(_:)`.
public protocol RouteParameter {
    /// Converts the matched text; nil when it does not fit.
    init?(routeParameter: String)
}

extension String: RouteParameter {
    public init?(routeParameter: String) { self = routeParameter }
}

extension Int: RouteParameter {
    public init?(routeParameter: String) { self.init(routeParameter) }
}

extension Double: RouteParameter {
    public init?(routeParameter: String) { self.init(routeParameter) }
}

extension UUID: RouteParameter {
    public init?(routeParameter: String) { self.init(uuidString: routeParameter) }
}
