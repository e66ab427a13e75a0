import Foundation

/// Expression evaluation. `nil` stands for Jinja's *undefined*: it prints as nothing, is false,
/// iterates as empty, and reading an attribute or item of it is an error (see
/// `TemplateRenderer+Undefined.swift`), as with Jinja's default `Undefined`.
extension TemplateRenderer {
    mutating func evaluate(_ expression: TemplateExpression) throws -> TemplateValue? {
        switch expression {
        case .literal(let value):
            return value
        case .name(let variable):
            return value(of: variable)
        case .loopAttribute(let attribute):
            guard let loop = loops.last else {
                guard let value = loopVariable() else { throw undefinedError(.currentLoop) }
                return value.attribute(attribute.rawValue)
            }
            return loop.value(of: attribute)
        case .loopCycle(let arguments):
            guard let loop = loops.last, !arguments.isEmpty else {
                throw TemplateError(.runtime, "loop.cycle() needs values and an enclosing '{% for %}'")
            }
            return try evaluate(arguments[loop.index0 % arguments.count])
        case .currentLoop:
            if let loop = loops.last { return .object(LoopObject(state: loop)) }
            return loopVariable()
        case .attribute(let base, let name):
            guard let value = try evaluate(base) else { throw undefinedError(base) }
            return value.attribute(name)
        case .item(let base, let key):
            guard let container = try evaluate(base) else { throw undefinedError(base) }
            guard let key = try evaluate(key) else { return nil }
            return container.element(key)
        case .slice(let base, let start, let stop):
            guard let value = try evaluate(base) else { throw undefinedError(base) }
            let lower: TemplateValue? = try start.flatMap { try evaluate($0) }
            let upper: TemplateValue? = try stop.flatMap { try evaluate($0) }
            return try slice(value, lower, upper)
        case .negate(let operand, let plus):
            switch try evaluate(operand) {
            case .int(let number)?: return .int(plus ? number : -number)
            case .double(let number)?: return .double(plus ? number : -number)
            case .bool(let flag)?: return .int(plus ? (flag ? 1 : 0) : (flag ? -1 : 0))
            case nil: throw undefinedError(operand)
            case let other?:
                throw TemplateError(.runtime, "bad operand type for unary -: '\(other.typeName)'")
            }
        case .not(let operand):
            return .bool(!(try truth(operand)))
        case .binary(let op, let lhs, let rhs, let location):
            do {
                let left = try evaluate(lhs)
                let right = try evaluate(rhs)
                if left == nil, op != .concat || strictUndefined { throw undefinedError(lhs) }
                if right == nil, op != .concat || strictUndefined { throw undefinedError(rhs) }
                return try TemplateArithmetic.apply(op, left, right)
            } catch let error as TemplateError {
                throw error.located(in: templateName, at: location)
            }
        case .and(let lhs, let rhs):
            let left = try evaluate(lhs)
            if left == nil, strictUndefined { throw undefinedError(lhs) }
            return left?.isTruthy ?? false ? try evaluate(rhs) : left
        case .or(let lhs, let rhs):
            let left = try evaluate(lhs)
            if left == nil, strictUndefined { throw undefinedError(lhs) }
            return left?.isTruthy ?? false ? left : try evaluate(rhs)
        case .compare(let op, let lhs, let rhs, let location):
            do {
                let left = try evaluate(lhs)
                let right = try evaluate(rhs)
                // Ordering an undefined value is an error in Jinja; `==` and `in` only with strict undefined.
                let ordering = op != .equal && op != .notEqual && op != .in && op != .notIn
                if left == nil, ordering || strictUndefined { throw undefinedError(lhs) }
                if right == nil, ordering || strictUndefined { throw undefinedError(rhs) }
                return .bool(try compare(op, left, right))
            } catch let error as TemplateError {
                throw error.located(in: templateName, at: location)
            }
        case .conditional(let condition, let then, let otherwise):
            if try truth(condition) { return try evaluate(then) }
            guard let otherwise else { return nil }
            return try evaluate(otherwise)
        case .list(let items):
            return .array(try items.map { try evaluate($0) ?? .null })
        case .dictionary(let entries):
            var result = TemplateDictionary()
            for (key, value) in entries {
                result[try evaluate(key)?.text ?? ""] = try evaluate(value) ?? .null
            }
            return .dictionary(result)
        case .filter(let base, let call):
            do {
                let input = try evaluate(base)
                if input == nil, strictUndefined ? !call.acceptsUndefined : call.isNumeric {
                    throw undefinedError(base)
                }
                return try call.function(input, evaluateArguments(call.arguments), evaluateKeywords(call.keywords))
            } catch let error as TemplateError {
                throw error.located(in: templateName, at: call.location)
            }
        case .test(let base, let test, let arguments, let negated, let location):
            do {
                let value = try evaluate(base)
                if value == nil, strictUndefined ? !test.acceptsUndefined : test.isNumeric {
                    throw undefinedError(base)
                }
                let result = try test.run(value, evaluateArguments(arguments))
                return .bool(result != negated)
            } catch let error as TemplateError {
                throw error.located(in: templateName, at: location)
            }
        case .call(let name, let arguments, let keywords, let location):
            do {
                return try call(name, evaluateArguments(arguments), evaluateKeywords(keywords))
            } catch let error as TemplateError {
                throw error.located(in: templateName, at: location)
            }
        case .methodCall(let base, let method, let arguments, let keywords, let location):
            do {
                guard let value = try evaluate(base) else { throw undefinedError(base) }
                return try TemplateMethods.call(
                    method, on: value, evaluateArguments(arguments), evaluateKeywords(keywords))
            } catch let error as TemplateError {
                throw error.located(in: templateName, at: location)
            }
        case .superBlock(let location):
            do {
                return try renderSuper()
            } catch let error as TemplateError {
                throw error.located(in: templateName, at: location)
            }
        }
    }

    /// The truth of a condition (`if`, `not`, `and`, `or`): undefined is false, or an error with
    /// strict undefined.
    mutating func truth(_ expression: TemplateExpression) throws -> Bool {
        guard let value = try evaluate(expression) else {
            if strictUndefined { throw undefinedError(expression) }
            return false
        }
        return value.isTruthy
    }

    mutating func evaluateArguments(_ arguments: [TemplateExpression]) throws -> [TemplateValue] {
        if arguments.isEmpty { return [] }
        return try arguments.map { try evaluate($0) ?? .null }
    }

    mutating func evaluateKeywords(_ keywords: [(String, TemplateExpression)]) throws -> [String: TemplateValue] {
        if keywords.isEmpty { return [:] }
        var result: [String: TemplateValue] = [:]
        for (name, expression) in keywords { result[name] = try evaluate(expression) ?? .null }
        return result
    }

    private func compare(_ op: CompareOperator, _ lhs: TemplateValue?, _ rhs: TemplateValue?) throws -> Bool {
        switch op {
        case .equal: return TemplateValue.looselyEqual(lhs, rhs)
        case .notEqual: return !TemplateValue.looselyEqual(lhs, rhs)
        case .less: return try TemplateValue.order(lhs, rhs, op.rawValue) == .orderedAscending
        case .lessOrEqual: return try TemplateValue.order(lhs, rhs, op.rawValue) != .orderedDescending
        case .greater: return try TemplateValue.order(lhs, rhs, op.rawValue) == .orderedDescending
        case .greaterOrEqual: return try TemplateValue.order(lhs, rhs, op.rawValue) != .orderedAscending
        case .in: return try rhs?.contains(lhs) ?? false
        case .notIn: return !(try rhs?.contains(lhs) ?? false)
        }
    }

    private func call(_ name: String, _ arguments: [TemplateValue], _ keywords: [String: TemplateValue]) throws
        -> TemplateValue
    {
        if let function = functions[name] {
            do {
                return try function(arguments, keywords)
            } catch let error as TemplateError {
                throw error
            } catch {
                throw TemplateError(.runtime, "\(name)() failed: \(error)")
            }
        }
        if name == "range" { return try Self.range(arguments) }
        throw TemplateError(
            .runtime, "unknown function '\(name)'",
            hint: TemplateError.suggestion(for: name, in: functions.keys.sorted() + ["range"])
                ?? "register it with TemplateEnvironment.registerFunction(_:_:)")
    }

    private static func range(_ arguments: [TemplateValue]) throws -> TemplateValue {
        let numbers = arguments.compactMap { if case .int(let number) = $0 { number } else { nil } }
        guard numbers.count == arguments.count, (1...3).contains(numbers.count) else {
            throw TemplateError(.runtime, "range() takes one to three integers")
        }
        let start = numbers.count == 1 ? 0 : numbers[0]
        let stop = numbers.count == 1 ? numbers[0] : numbers[1]
        let step = numbers.count == 3 ? numbers[2] : 1
        guard step != 0 else { throw TemplateError(.runtime, "range() step must not be zero") }
        guard (stop - start) / step <= 100_000 else { throw TemplateError(.runtime, "range() is too long") }
        return .array(stride(from: start, to: stop, by: step).map { .int($0) })
    }

    private func slice(_ value: TemplateValue, _ start: TemplateValue?, _ stop: TemplateValue?) throws
        -> TemplateValue?
    {
        func bound(_ bound: TemplateValue?, _ count: Int, _ fallback: Int) throws -> Int {
            guard let bound, bound != .null else { return fallback }
            guard case .int(let position) = bound else {
                throw TemplateError(.runtime, "slice indices must be integers, not \(bound.typeName)")
            }
            return min(max(position < 0 ? count + position : position, 0), count)
        }
        switch value.plain {
        case .array(let items):
            let lower = try bound(start, items.count, 0)
            let upper = try bound(stop, items.count, items.count)
            return .array(lower < upper ? Array(items[lower..<upper]) : [])
        case .string(let text), .safe(let text):
            let characters = Array(text)
            let lower = try bound(start, characters.count, 0)
            let upper = try bound(stop, characters.count, characters.count)
            let part = lower < upper ? String(characters[lower..<upper]) : ""
            return value.isSafe ? .safe(part) : .string(part)
        case let other:
            throw TemplateError(.runtime, "'\(other.typeName)' object cannot be sliced")
        }
    }
}
