/// The session as templates see it (`{{ session.user }}`).
extension Session {
    /// The values as a template dictionary. Taking it marks the session accessed, so a page
    /// rendered with the session in its context carries `Vary: Cookie`.
    var templateValue: TemplateValue { .dictionary(allValues.mapValues(\.templateValue)) }
}

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
