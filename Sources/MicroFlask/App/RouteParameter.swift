import Foundation

/// A type that a path parameter can be converted to with `req.param(_:)`.
public protocol RouteParameter {
    /// Converts the matched text; nil when it does not fit.
    init?(routeParameter: String)
    /// Takes the value the route's converter produced; nil when it does not fit.
    /// The default converts its text form with `init?(routeParameter:)`.
    init?(routeValue: RouteValue)
}

extension RouteParameter {
    public init?(routeValue: RouteValue) { self.init(routeParameter: routeValue.description) }
}

extension String: RouteParameter {
    public init?(routeParameter: String) { self = routeParameter }
}

extension Int: RouteParameter {
    public init?(routeParameter: String) { self.init(routeParameter) }

    /// An `<int:...>` value as it is; a `string` one parsed from its text.
    public init?(routeValue: RouteValue) {
        switch routeValue {
        case .int(let value): self = value
        case .string(let text): self.init(text)
        case .double, .uuid: return nil
        }
    }
}

extension Double: RouteParameter {
    public init?(routeParameter: String) { self.init(routeParameter) }

    /// A `<float:...>` or `<int:...>` value as it is; a `string` one parsed from its text.
    public init?(routeValue: RouteValue) {
        switch routeValue {
        case .double(let value): self = value
        case .int(let value): self.init(value)
        case .string(let text): self.init(text)
        case .uuid: return nil
        }
    }
}

extension UUID: RouteParameter {
    public init?(routeParameter: String) { self.init(uuidString: routeParameter) }

    /// A `<uuid:...>` value as it is; a `string` one parsed from its text.
    public init?(routeValue: RouteValue) {
        switch routeValue {
        case .uuid(let value): self = value
        case .string(let text): self.init(uuidString: text)
        case .int, .double: return nil
        }
    }
}
