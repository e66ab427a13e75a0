/// The `is` tests: `x is defined`, `n is even`, `n is divisibleby(3)`, … , resolved from their
/// name when the template is parsed, so rendering dispatches on a case, not on a string.
enum TemplateTests: String, CaseIterable, Sendable {
    case defined, undefined, none
    case isTrue = "true"
    case isFalse = "false"
    case boolean, even, odd, number, integer, float, string, mapping, sequence, iterable, divisibleby, lower, upper
    case eq, ne, sameas

    /// Whether an undefined input is an error even with the default undefined (the number tests).
    var isNumeric: Bool { self == .even || self == .odd || self == .divisibleby }

    /// Whether an undefined input is accepted even with strict undefined (tests that only look at its type).
    var acceptsUndefined: Bool {
        switch self {
        case .defined, .undefined, .none, .boolean, .integer, .float, .number, .string, .mapping, .isTrue, .isFalse:
            return true
        default:
            return false
        }
    }

    func run(_ value: TemplateValue?, _ arguments: [TemplateValue]) throws -> Bool {
        let value = self == .defined || self == .undefined ? value : value?.plain
        switch self {
        case .defined: return value != nil
        case .undefined: return value == nil
        case .none: return value == .null
        case .isTrue: return value == .bool(true)
        case .isFalse: return value == .bool(false)
        case .boolean: if case .bool? = value { return true } else { return false }
        case .integer: if case .int? = value { return true } else { return false }
        case .float: if case .double? = value { return true } else { return false }
        case .number:
            switch value {
            case .int?, .double?, .bool?: return true
            default: return false
            }
        case .string: return value?.stringContent != nil
        case .mapping: if case .dictionary? = value { return true } else { return false }
        case .sequence, .iterable:
            switch value {
            case .array?, .dictionary?, .string?, .safe?: return true
            default: return false
            }
        case .lower: return value?.stringContent.map { $0 == $0.lowercased() } ?? false
        case .upper: return value?.stringContent.map { $0 == $0.uppercased() } ?? false
        case .eq, .sameas: return TemplateValue.looselyEqual(value, arguments.first)
        case .ne: return !TemplateValue.looselyEqual(value, arguments.first)
        case .even, .odd, .divisibleby:
            guard case .int(let number)? = value else {
                throw TemplateError(
                    .runtime, "'\(rawValue)' test needs an integer, not \(value?.typeName ?? "undefined")")
            }
            if self == .even { return number % 2 == 0 }
            if self == .odd { return number % 2 != 0 }
            guard case .int(let divisor)? = arguments.first, divisor != 0 else {
                throw TemplateError(
                    .runtime, "'divisibleby' needs a non-zero integer", hint: "write 'is divisibleby(3)'")
            }
            return number % divisor == 0
        }
    }
}
