/// The expression half of the parser, following Jinja's precedence from loosest to tightest:
/// conditional, `or`, `and`, `not`, comparisons, `+ -`, `~`, `* / // %`, `**`, unary, then
/// postfix access, filters and tests.
extension TemplateParser {
    mutating func parseExpression(allowConditional: Bool = true) throws(TemplateError) -> TemplateExpression {
        var expression = try parseOr()
        while allowConditional && isName("if") {
            index += 1
            let condition = try parseOr()
            var otherwise: TemplateExpression?
            if isName("else") {
                index += 1
                otherwise = try parseExpression()
            }
            expression = .conditional(condition: condition, then: expression, otherwise: otherwise)
        }
        return expression
    }

    private mutating func parseOr() throws(TemplateError) -> TemplateExpression {
        var expression = try parseAnd()
        while isName("or") {
            index += 1
            expression = .or(expression, try parseAnd())
        }
        return expression
    }

    private mutating func parseAnd() throws(TemplateError) -> TemplateExpression {
        var expression = try parseNot()
        while isName("and") {
            index += 1
            expression = .and(expression, try parseNot())
        }
        return expression
    }

    private mutating func parseNot() throws(TemplateError) -> TemplateExpression {
        if isName("not") {
            index += 1
            return .not(try parseNot())
        }
        return try parseCompare()
    }

    private mutating func parseCompare() throws(TemplateError) -> TemplateExpression {
        let first = try parseAdditive()
        var result: TemplateExpression?
        var left = first
        while true {
            let token = tokens[index]
            var compare: CompareOperator?
            if case .symbol(let symbol) = token.kind { compare = CompareOperator(rawValue: symbol) }
            if isName("in") { compare = .in }
            if isName("not"), tokens[index + 1].kind == .name("in") {
                compare = .notIn
                index += 1
            }
            guard let compare else { break }
            index += 1
            let right = try parseAdditive()
            let step = TemplateExpression.compare(compare, left, right, token.location)
            result = result.map { .and($0, step) } ?? step
            left = right
        }
        return result ?? first
    }

    private mutating func parseAdditive() throws(TemplateError) -> TemplateExpression {
        var expression = try parseConcat()
        while case .symbol(let symbol) = tokens[index].kind, symbol == "+" || symbol == "-" {
            let location = tokens[index].location
            index += 1
            expression = .binary(BinaryOperator(rawValue: symbol)!, expression, try parseConcat(), location)
        }
        return expression
    }

    private mutating func parseConcat() throws(TemplateError) -> TemplateExpression {
        var expression = try parseMultiplicative()
        while tokens[index].kind == .symbol("~") {
            let location = tokens[index].location
            index += 1
            expression = .binary(.concat, expression, try parseMultiplicative(), location)
        }
        return expression
    }

    private mutating func parseMultiplicative() throws(TemplateError) -> TemplateExpression {
        var expression = try parsePower()
        while case .symbol(let symbol) = tokens[index].kind, ["*", "/", "//", "%"].contains(symbol) {
            let location = tokens[index].location
            index += 1
            expression = .binary(BinaryOperator(rawValue: symbol)!, expression, try parsePower(), location)
        }
        return expression
    }

    private mutating func parsePower() throws(TemplateError) -> TemplateExpression {
        var expression = try parseUnary(withFilters: true)
        while tokens[index].kind == .symbol("**") {
            let location = tokens[index].location
            index += 1
            expression = .binary(.power, expression, try parseUnary(withFilters: true), location)
        }
        return expression
    }

    private mutating func parseUnary(withFilters: Bool) throws(TemplateError) -> TemplateExpression {
        var expression: TemplateExpression
        let kind = tokens[index].kind
        if kind == .symbol("-") || kind == .symbol("+") {
            index += 1
            expression = .negate(try parseUnary(withFilters: false), plus: kind == .symbol("+"))
        } else {
            expression = try parsePostfix(try parsePrimary())
        }
        if withFilters { expression = try parseFiltersAndTests(expression) }
        return expression
    }

    mutating func parsePrimary() throws(TemplateError) -> TemplateExpression {
        let token = tokens[index]
        switch token.kind {
        case .name(let word):
            index += 1
            switch word {
            case "true", "True": return .literal(.bool(true))
            case "false", "False": return .literal(.bool(false))
            case "none", "None": return .literal(.null)
            case "loop": return .currentLoop
            default: return .name(variable(word))
            }
        case .string(var text):
            index += 1
            while case .string(let more) = tokens[index].kind {
                text += more
                index += 1
            }
            return .literal(.string(text))
        case .integer(let value):
            index += 1
            return .literal(.int(value))
        case .double(let value):
            index += 1
            return .literal(.double(value))
        case .symbol("("):
            index += 1
            if tokens[index].kind == .symbol(")") {
                index += 1
                return .list([])
            }
            let first = try parseExpression()
            guard tokens[index].kind == .symbol(",") else {
                try expect(.symbol(")"), "')'")
                return first
            }
            var items = [first]
            while tokens[index].kind == .symbol(",") {
                index += 1
                if tokens[index].kind == .symbol(")") { break }
                items.append(try parseExpression())
            }
            try expect(.symbol(")"), "')'")
            return .list(items)
        case .symbol("["):
            index += 1
            var items: [TemplateExpression] = []
            while tokens[index].kind != .symbol("]") {
                if !items.isEmpty { try expect(.symbol(","), "',' or ']'") }
                if tokens[index].kind == .symbol("]") { break }
                items.append(try parseExpression())
            }
            index += 1
            return .list(items)
        case .symbol("{"):
            index += 1
            var entries: [(TemplateExpression, TemplateExpression)] = []
            while tokens[index].kind != .symbol("}") {
                if !entries.isEmpty { try expect(.symbol(","), "',' or '}'") }
                if tokens[index].kind == .symbol("}") { break }
                let key = try parseExpression()
                try expect(.symbol(":"), "':'")
                entries.append((key, try parseExpression()))
            }
            index += 1
            return .dictionary(entries)
        default:
            throw error("expected an expression, got \(token.display)", at: token)
        }
    }

    mutating func parsePostfix(_ base: TemplateExpression) throws(TemplateError) -> TemplateExpression {
        var expression = base
        while true {
            let token = tokens[index]
            switch token.kind {
            case .symbol("."):
                index += 1
                switch tokens[index].kind {
                case .name(let attribute):
                    index += 1
                    if case .currentLoop = expression, let loopAttribute = LoopAttribute(rawValue: attribute) {
                        expression = .loopAttribute(loopAttribute)
                    } else {
                        expression = .attribute(expression, attribute)
                    }
                case .integer(let position):
                    index += 1
                    expression = .item(expression, .literal(.int(position)))
                default:
                    throw error("expected an attribute name after '.'", at: tokens[index])
                }
            case .symbol("["):
                index += 1
                expression = try parseSubscript(of: expression)
            case .symbol("("):
                expression = try parseCall(of: expression, at: token)
            default:
                return expression
            }
        }
    }

    private mutating func parseSubscript(of base: TemplateExpression) throws(TemplateError) -> TemplateExpression {
        var start: TemplateExpression?
        if tokens[index].kind != .symbol(":") { start = try parseExpression() }
        guard tokens[index].kind == .symbol(":") else {
            try expect(.symbol("]"), "']'")
            return .item(base, start!)
        }
        index += 1
        var stop: TemplateExpression?
        if tokens[index].kind != .symbol("]") { stop = try parseExpression() }
        try expect(.symbol("]"), "']'")
        return .slice(base, start, stop)
    }

    private mutating func parseCall(
        of callee: TemplateExpression,
        at token: TemplateToken
    ) throws(TemplateError) -> TemplateExpression {
        let (arguments, keywords) = try parseArguments()
        switch callee {
        case .name(let function) where function.name == "super":
            return .superBlock(token.location)
        case .name(let function):
            return .call(function.name, arguments, keywords, token.location)
        case .attribute(.currentLoop, "cycle"):
            return .loopCycle(arguments)
        case .attribute(let base, let method):
            return .methodCall(base, method, arguments, keywords, token.location)
        default:
            throw error("only functions and methods can be called", at: token)
        }
    }

    /// Parses `(a, b, key=c)`; the current token must be `(`.
    mutating func parseArguments() throws(TemplateError) -> (
        [TemplateExpression], [(String, TemplateExpression)]
    ) {
        try expect(.symbol("("), "'('")
        var arguments: [TemplateExpression] = []
        var keywords: [(String, TemplateExpression)] = []
        while tokens[index].kind != .symbol(")") {
            if !arguments.isEmpty || !keywords.isEmpty { try expect(.symbol(","), "',' or ')'") }
            if tokens[index].kind == .symbol(")") { break }
            if case .name(let keyword) = tokens[index].kind, tokens[index + 1].kind == .symbol("=") {
                index += 2
                keywords.append((keyword, try parseExpression()))
            } else {
                guard keywords.isEmpty else {
                    throw error("positional argument after a keyword argument", at: tokens[index])
                }
                arguments.append(try parseExpression())
            }
        }
        index += 1
        return (arguments, keywords)
    }
}
