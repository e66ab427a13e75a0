/// The `is` tests: `x is defined`, `n is even`, `n is divisibleby(3)`, … .
enum TemplateTests {
    static func run(_ name: String, _ value: TemplateValue?, _ arguments: [TemplateValue]) throws -> Bool {
        let value = name == "defined" || name == "undefined" ? value : value?.plain
        switch name {
        case "defined": return value != nil
        case "undefined": return value == nil
        case "none": return value == .null
        case "true": return value == .bool(true)
        case "false": return value == .bool(false)
        case "boolean": if case .bool? = value { return true } else { return false }
        case "integer": if case .int? = value { return true } else { return false }
        case "float": if case .double? = value { return true } else { return false }
        case "number":
            switch value {
            case .int?, .double?, .bool?: return true
            default: return false
            }
        case "string": return value?.stringContent != nil
        case "mapping": if case .dictionary? = value { return true } else { return false }
        case "sequence", "iterable":
            switch value {
            case .array?, .dictionary?, .string?, .safe?: return true
            default: return false
            }
        case "lower": return value?.stringContent.map { $0 == $0.lowercased() } ?? false
        case "upper": return value?.stringContent.map { $0 == $0.uppercased() } ?? false
        case "eq", "sameas": return TemplateValue.looselyEqual(value, arguments.first)
        case "ne": return !TemplateValue.looselyEqual(value, arguments.first)
        case "even", "odd", "divisibleby":
            guard case .int(let number)? = value else {
                throw TemplateError(.runtime, "'\(name)' test needs an integer, not \(value?.typeName ?? "undefined")")
            }
            if name == "even" { return number % 2 == 0 }
            if name == "odd" { return number % 2 != 0 }
            guard case .int(let divisor)? = arguments.first, divisor != 0 else {
                throw TemplateError(
                    .runtime, "'divisibleby' needs a non-zero integer", hint: "write 'is divisibleby(3)'")
            }
            return number % divisor == 0
        default:
            throw TemplateError(.runtime, "unknown test '\(name)'")
        }
    }
}
