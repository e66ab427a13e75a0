import Foundation

/// The arithmetic operators and `~`, with Python's rules: `/` always gives a float, `//` and `%`
/// round towards negative infinity, `+` joins strings and lists, and markup stays markup.
enum TemplateArithmetic {
    static func apply(_ op: BinaryOperator, _ lhs: TemplateValue?, _ rhs: TemplateValue?) throws -> TemplateValue {
        if op == .concat { return concat(lhs, rhs) }
        guard let lhs, let rhs else {
            throw TemplateError(
                .runtime, "cannot apply '\(op.rawValue)' to an undefined value",
                hint: "check the variable name, or give it a value with |default")
        }
        if case .int(let a) = integer(lhs), case .int(let b) = integer(rhs) {
            if let result = try integerOperation(op, a, b) { return result }
        }
        if let a = lhs.number, let b = rhs.number {
            return .double(try doubleOperation(op, a, b))
        }
        switch (op, lhs, rhs) {
        case (.add, .array(let a), .array(let b)):
            return .array(a + b)
        case (.add, _, _):
            if let a = lhs.stringContent, let b = rhs.stringContent {
                return lhs.isSafe || rhs.isSafe ? .safe(escaped(lhs) + escaped(rhs)) : .string(a + b)
            }
        case (.multiply, _, .int(let count)), (.multiply, .int(let count), _):
            let other = rhs == .int(count) ? lhs : rhs
            let times = max(count, 0)
            if let text = other.stringContent { return .string(String(repeating: text, count: times)) }
            if case .array(let items) = other {
                return .array(Array([[TemplateValue]](repeating: items, count: times).joined()))
            }
        default:
            break
        }
        throw TemplateError(
            .runtime, "unsupported operand types for \(op.rawValue): '\(lhs.typeName)' and '\(rhs.typeName)'",
            hint: lhs.stringContent != nil || rhs.stringContent != nil ? "use '~' to join values as text" : nil)
    }

    /// `~`: both sides as text; undefined is empty; if either side is markup the other is escaped.
    private static func concat(_ lhs: TemplateValue?, _ rhs: TemplateValue?) -> TemplateValue {
        let isMarkup = (lhs?.isSafe ?? false) || (rhs?.isSafe ?? false)
        if isMarkup { return .safe(escaped(lhs) + escaped(rhs)) }
        return .string((lhs?.text ?? "") + (rhs?.text ?? ""))
    }

    private static func escaped(_ value: TemplateValue?) -> String {
        guard let value else { return "" }
        return value.isSafe ? value.text : HTMLEscaping.escape(value.text)
    }

    private static func integer(_ value: TemplateValue) -> TemplateValue? {
        switch value {
        case .int: return value
        case .bool(let flag): return .int(flag ? 1 : 0)
        default: return nil
        }
    }

    /// Integer arithmetic; nil means "fall back to floating point" (overflow, `/`, negative powers).
    private static func integerOperation(_ op: BinaryOperator, _ a: Int, _ b: Int) throws -> TemplateValue? {
        switch op {
        case .add:
            let (result, overflow) = a.addingReportingOverflow(b)
            if overflow { return nil }
            return .int(result)
        case .subtract:
            let (result, overflow) = a.subtractingReportingOverflow(b)
            if overflow { return nil }
            return .int(result)
        case .multiply:
            let (result, overflow) = a.multipliedReportingOverflow(by: b)
            if overflow { return nil }
            return .int(result)
        case .floorDivide, .modulo:
            guard b != 0 else { throw TemplateError(.runtime, "integer division or modulo by zero") }
            var quotient = a / b
            var remainder = a % b
            if remainder != 0 && (remainder < 0) != (b < 0) {
                quotient -= 1
                remainder += b
            }
            return .int(op == .floorDivide ? quotient : remainder)
        case .power:
            guard b >= 0 else { return nil }
            var result = 1
            for _ in 0..<b {
                let (next, overflow) = result.multipliedReportingOverflow(by: a)
                if overflow { return nil }
                result = next
            }
            return .int(result)
        case .divide, .concat:
            return nil
        }
    }

    private static func doubleOperation(_ op: BinaryOperator, _ a: Double, _ b: Double) throws -> Double {
        switch op {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide:
            guard b != 0 else { throw TemplateError(.runtime, "division by zero") }
            return a / b
        case .floorDivide:
            guard b != 0 else { throw TemplateError(.runtime, "float floor division by zero") }
            return (a / b).rounded(.down)
        case .modulo:
            guard b != 0 else { throw TemplateError(.runtime, "float modulo by zero") }
            let remainder = fmod(a, b)
            return remainder != 0 && (remainder < 0) != (b < 0) ? remainder + b : remainder
        case .power: return pow(a, b)
        case .concat: return 0
        }
    }
}
