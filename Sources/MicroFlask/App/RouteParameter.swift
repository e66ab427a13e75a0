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
    /// Converts the value's text form with ``init(routeParameter:)``.
    public init?(routeValue: RouteValue) { self.init(routeParameter: routeValue.description) }
}

extension String: RouteParameter {
    /// Any text: a string parameter always fits.
    public init?(routeParameter: String) { self = routeParameter }
}

extension Int: RouteParameter {
    /// Decimal digits with an optional sign, as Swift's `Int(_:)` reads them; nil otherwise.
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
    /// A decimal number as Swift's `Double(_:)` reads it; nil otherwise.
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
    /// A UUID in its hyphenated form (`Foundation.UUID(uuidString:)`); nil otherwise.
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
