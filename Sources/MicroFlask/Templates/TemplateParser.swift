/// Turns a token stream into a ``ParsedTemplate``: the statement half of the parser.
///
/// Expressions are parsed in `TemplateParser+Expressions.swift`. Filters are resolved here, so an
/// unknown filter is reported when the template is loaded, not when it is rendered.
struct TemplateParser {
    var tokens: [TemplateToken]
    var index = 0
    let name: String
    let filters: [String: TemplateFilter]
    let names: TemplateNames
    /// Built-in filter names that `registerFilter` replaced (their fused forms must not be used).
    let replacedFilters: Set<String>
    private var blocks: [String: [TemplateNode]] = [:]
    private var parent: (TemplateExpression, SourceLocation)?
    private var openTags: [(tag: String, location: SourceLocation)] = []

    static let knownTags = [
        "if", "elif", "else", "endif", "for", "endfor", "set", "block", "endblock", "extends", "include", "raw",
        "endraw",
    ]
    private static let closers = ["if": "endif", "for": "endfor", "block": "endblock"]

    /// Lexes `source` and prepares to parse it.
    init(
        source: String, name: String, filters: [String: TemplateFilter], names: TemplateNames,
        replacedFilters: Set<String> = []
    ) throws(TemplateError) {
        var lexer = TemplateLexer(source: source, name: name)
        self.tokens = try lexer.tokenize()
        self.name = name
        self.filters = filters
        self.names = names
        self.replacedFilters = replacedFilters
    }

    /// The variable `name`, with its slot in the environment's frame.
    func variable(_ name: String) -> TemplateVariable {
        TemplateVariable(name: name, slot: names.slot(for: name))
    }

    /// Parses the whole template.
    mutating func parse() throws(TemplateError) -> ParsedTemplate {
        let (nodes, _) = try parseBody(endingAt: [])
        return ParsedTemplate(name: name, nodes: nodes, blocks: blocks, parent: parent)
    }

    // MARK: - Statements

    private mutating func parseBody(endingAt ends: Set<String>) throws(TemplateError) -> ([TemplateNode], String) {
        var nodes: [TemplateNode] = []
        while true {
            let token = tokens[index]
            switch token.kind {
            case .text(let text):
                index += 1
                nodes.append(.text(Array(text.utf8)))
            case .variableBegin:
                index += 1
                let expression = try parseExpression()
                try expect(.variableEnd, "'}}'")
                nodes.append(.output(expression, token.location))
            case .blockBegin:
                index += 1
                guard case .name(let tag) = tokens[index].kind else {
                    throw error("expected a tag name after '{%'", at: tokens[index])
                }
                if ends.contains(tag) {
                    index += 1
                    return (nodes, tag)
                }
                if let node = try parseStatement(tag, openedAt: token.location) { nodes.append(node) }
            case .end:
                if let open = openTags.last {
                    let closer = Self.closers[open.tag] ?? "end\(open.tag)"
                    throw TemplateError(
                        .syntax, "unexpected end of template: '{% \(open.tag) %}' is never closed",
                        hint: "add '{% \(closer) %}' for the '{% \(open.tag) %}' on line \(open.location.line)",
                        templateName: name, line: token.location.line, column: token.location.column)
                }
                return (nodes, "")
            default:
                throw error("unexpected \(token.display)", at: token)
            }
        }
    }

    private mutating func parseStatement(
        _ tag: String,
        openedAt location: SourceLocation
    ) throws(TemplateError) -> TemplateNode? {
        let token = tokens[index]
        index += 1
        switch tag {
        case "if": return try parseIf(at: location)
        case "for": return try parseFor(at: location)
        case "set": return try parseSet(at: location)
        case "block": return try parseBlock(at: location)
        case "extends":
            if parent != nil { throw error("a template can extend only one parent", at: token) }
            parent = (try parseExpression(), location)
            try expectBlockEnd()
            return nil
        case "include":
            let target = try parseExpression()
            var ignoreMissing = false
            if isName("ignore") {
                index += 1
                guard isName("missing") else { throw error("expected 'missing' after 'ignore'", at: tokens[index]) }
                index += 1
                ignoreMissing = true
            }
            if isName("with") || isName("without") {
                index += 1
                guard isName("context") else { throw error("expected 'context'", at: tokens[index]) }
                index += 1
            }
            try expectBlockEnd()
            return .include(target, ignoreMissing: ignoreMissing, location)
        case "elif", "else", "endif", "endfor", "endblock", "endraw":
            var hint = "there is no open tag that it could close"
            if let open = openTags.last {
                let closer = Self.closers[open.tag] ?? "end\(open.tag)"
                hint =
                    "the innermost open tag is '{% \(open.tag) %}' from line \(open.location.line); close it with "
                    + "'{% \(closer) %}'"
            }
            throw TemplateError(
                .syntax, "unexpected '{% \(tag) %}'", hint: hint, templateName: name, line: token.location.line,
                column: token.location.column)
        default:
            throw TemplateError(
                .unknownTag, "unknown tag '\(tag)'",
                hint: TemplateError.suggestion(for: tag, in: Self.knownTags)
                    ?? "known tags are if, for, set, block, extends, include and raw",
                templateName: name, line: token.location.line, column: token.location.column)
        }
    }

    private mutating func parseIf(at location: SourceLocation) throws(TemplateError) -> TemplateNode {
        openTags.append(("if", location))
        var branches: [(TemplateExpression, [TemplateNode])] = []
        var locations = [location]
        var condition = try parseExpression()
        try expectBlockEnd()
        var otherwise: [TemplateNode] = []
        while true {
            let (body, end) = try parseBody(endingAt: ["elif", "else", "endif"])
            branches.append((condition, body))
            if end == "elif" {
                locations.append(tokens[index - 2].location)
                condition = try parseExpression()
                try expectBlockEnd()
                continue
            }
            try expectBlockEnd()
            if end == "else" {
                (otherwise, _) = try parseBody(endingAt: ["endif"])
                try expectBlockEnd()
            }
            break
        }
        openTags.removeLast()
        return .conditional(branches, otherwise: otherwise, locations: locations)
    }

    private mutating func parseFor(at location: SourceLocation) throws(TemplateError) -> TemplateNode {
        openTags.append(("for", location))
        let targets = try parseTargets()
        guard isName("in") else { throw error("expected 'in' in '{% for %}'", at: tokens[index]) }
        index += 1
        let iterable = try parseTuple(allowConditional: false)
        var condition: TemplateExpression?
        if isName("if") {
            index += 1
            condition = try parseExpression(allowConditional: false)
        }
        try expectBlockEnd()
        let (body, end) = try parseBody(endingAt: ["else", "endfor"])
        try expectBlockEnd()
        var otherwise: [TemplateNode] = []
        if end == "else" {
            (otherwise, _) = try parseBody(endingAt: ["endfor"])
            try expectBlockEnd()
        }
        openTags.removeLast()
        return .forLoop(
            ForLoop(
                targets: targets, iterable: iterable, condition: condition, body: body, otherwise: otherwise,
                location: location))
    }

    private mutating func parseSet(at location: SourceLocation) throws(TemplateError) -> TemplateNode {
        let targets = try parseTargets()
        guard case .symbol("=") = tokens[index].kind else {
            throw error(
                "expected '=' in '{% set %}'", at: tokens[index],
                hint: "block assignments ('{% set x %}…') are not supported")
        }
        index += 1
        let value = try parseTuple()
        try expectBlockEnd()
        return .assign(targets, value, location)
    }

    private mutating func parseBlock(at location: SourceLocation) throws(TemplateError) -> TemplateNode {
        guard case .name(let blockName) = tokens[index].kind else {
            throw error("expected a block name", at: tokens[index])
        }
        index += 1
        while isName("scoped") || isName("required") { index += 1 }
        try expectBlockEnd()
        openTags.append(("block", location))
        let (body, _) = try parseBody(endingAt: ["endblock"])
        if case .name(let closing) = tokens[index].kind {
            guard closing == blockName else {
                throw error("'{% endblock \(closing) %}' closes block '\(blockName)'", at: tokens[index])
            }
            index += 1
        }
        try expectBlockEnd()
        openTags.removeLast()
        if blocks[blockName] != nil {
            throw TemplateError(
                .syntax, "block '\(blockName)' is defined twice", hint: "give each block a unique name",
                templateName: name, line: location.line, column: location.column)
        }
        blocks[blockName] = body
        return .block(blockName)
    }

    private mutating func parseTargets() throws(TemplateError) -> [TemplateVariable] {
        var targets: [TemplateVariable] = []
        repeat {
            if !targets.isEmpty { index += 1 }
            guard case .name(let target) = tokens[index].kind else {
                throw error("expected a variable name", at: tokens[index])
            }
            targets.append(variable(target))
            index += 1
        } while tokens[index].kind == .symbol(",")
        return targets
    }

    /// An expression, or several separated by commas as a tuple without parentheses
    /// (`{% set a, b = 1, 2 %}`, `{% for x in a, b %}`), as Jinja's `parse_tuple` reads them.
    private mutating func parseTuple(allowConditional: Bool = true) throws(TemplateError) -> TemplateExpression {
        let first = try parseExpression(allowConditional: allowConditional)
        guard tokens[index].kind == .symbol(",") else { return first }
        var items = [first]
        while tokens[index].kind == .symbol(",") {
            index += 1
            if tokens[index].kind == .blockEnd || isName("if") { break }
            items.append(try parseExpression(allowConditional: allowConditional))
        }
        return .list(items)
    }

    // MARK: - Helpers

    func isName(_ word: String) -> Bool {
        tokens[index].kind == .name(word)
    }

    mutating func expect(_ kind: TemplateToken.Kind, _ display: String) throws(TemplateError) {
        guard tokens[index].kind == kind else {
            throw error("expected \(display), got \(tokens[index].display)", at: tokens[index])
        }
        index += 1
    }

    private mutating func expectBlockEnd() throws(TemplateError) {
        try expect(.blockEnd, "'%}'")
    }

    func error(_ message: String, at token: TemplateToken, hint: String? = nil) -> TemplateError {
        TemplateError(
            .syntax, message, hint: hint, templateName: name, line: token.location.line, column: token.location.column)
    }
}
