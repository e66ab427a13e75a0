/// Filters (`value|name(args)`) and tests (`value is [not] name args`), which bind tighter than any operator.
extension TemplateParser {
    mutating func parseFiltersAndTests(_ base: TemplateExpression) throws(TemplateError) -> TemplateExpression {
        var expression = base
        while true {
            if tokens[index].kind == .symbol("|") {
                index += 1
                let token = tokens[index]
                guard case .name(let filterName) = token.kind else {
                    throw error("expected a filter name after '|'", at: token)
                }
                guard let filter = filters[filterName] else {
                    throw TemplateError(
                        .unknownFilter, "unknown filter '\(filterName)'",
                        hint: TemplateError.suggestion(for: filterName, in: filters.keys.sorted()),
                        templateName: name, line: token.location.line, column: token.location.column)
                }
                index += 1
                var arguments: [TemplateExpression] = []
                var keywords: [(String, TemplateExpression)] = []
                if tokens[index].kind == .symbol("(") { (arguments, keywords) = try parseArguments() }
                expression = .filter(
                    expression,
                    TemplateFilterCall(
                        name: filterName, function: filter, arguments: arguments, keywords: keywords,
                        location: token.location, isBuiltin: !replacedFilters.contains(filterName)))
            } else if isName("is") {
                index += 1
                var negated = false
                if isName("not") {
                    negated = true
                    index += 1
                }
                let token = tokens[index]
                guard case .name(let testName) = token.kind else {
                    throw error("expected a test name after 'is'", at: token)
                }
                guard let test = TemplateTests(rawValue: testName) else {
                    throw error(
                        "unknown test '\(testName)'", at: token,
                        hint: TemplateError.suggestion(
                            for: testName, in: TemplateTests.allCases.map(\.rawValue).sorted()))
                }
                index += 1
                var arguments: [TemplateExpression] = []
                if tokens[index].kind == .symbol("(") {
                    (arguments, _) = try parseArguments()
                } else if startsPrimary(tokens[index].kind) {
                    arguments = [try parsePostfix(try parsePrimary())]
                }
                expression = .test(expression, test, arguments, negated: negated, token.location)
            } else {
                return expression
            }
        }
    }

    private func startsPrimary(_ kind: TemplateToken.Kind) -> Bool {
        switch kind {
        case .string, .integer, .double: return true
        case .name(let word): return !["and", "or", "if", "else", "not", "in", "is"].contains(word)
        case .symbol(let symbol): return symbol == "[" || symbol == "{"
        default: return false
        }
    }
}
