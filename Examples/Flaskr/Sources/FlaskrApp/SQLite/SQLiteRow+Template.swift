import MicroFlask

extension SQLiteRow {
    /// The row as a template mapping: `post['title']`.
    var templateValue: TemplateValue {
        var entries: [String: TemplateValue] = [:]
        for (name, value) in zip(columns, values) {
            switch value {
            case .integer(let number): entries[name] = .int(number)
            case .real(let number): entries[name] = .double(number)
            case .text(let text): entries[name] = .string(text)
            case .blob(let bytes): entries[name] = .string(String(decoding: bytes, as: UTF8.self))
            case .null: entries[name] = .null
            }
        }
        return .dictionary(entries)
    }
}
