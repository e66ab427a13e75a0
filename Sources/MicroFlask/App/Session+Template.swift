/// Session values as templates see them (`{{ session.user }}`, through `SessionTemplateObject`).
extension SessionValue {
    /// The same value as a template value.
    var templateValue: TemplateValue {
        switch self {
        case .null: .null
        case .bool(let value): .bool(value)
        case .int(let value): .int(value)
        case .double(let value): .double(value)
        case .string(let value): .string(value)
        case .array(let values): .array(values.map(\.templateValue))
        case .object(let values): .dictionary(values.mapValues(\.templateValue))
        }
    }
}
