/// A registered template function: positional arguments, keyword arguments, result.
typealias TemplateFunction = @Sendable ([TemplateValue], [String: TemplateValue]) throws -> TemplateValue

/// Walks parsed templates and writes their output into one byte buffer.
///
/// A renderer lives for one `render` call. It owns the variables, the stack of active loops, and
/// the block definitions of the inheritance chain. Variables live in a frame of slots, one per
/// name the environment's templates use (``TemplateNames``): a slot is filled from the context
/// (or the globals) the first time the render reads it, and `{% set %}` and loop targets write
/// it, so a variable costs an array access, not a hash lookup, each time it is read.
struct TemplateRenderer {
    let environment: TemplateEnvironment
    let globals: [String: TemplateValue]
    let functions: [String: TemplateFunction]
    let context: [String: TemplateValue]
    var slots: [Slot]
    var loops: [LoopState] = []
    var templateName = ""
    /// Whether `{{ }}` escapes plain strings: set per template, from its file extension.
    var autoescape = true
    /// Jinja's `StrictUndefined`: printing, testing or iterating an undefined value is an error too.
    let strictUndefined: Bool
    private var blocks: [String: [BlockDefinition]] = [:]
    private var blockCalls: [(name: String, level: Int)] = []
    private let depth: Int

    /// One variable of the frame.
    enum Slot {
        /// Not read yet: look it up in the context, then the globals.
        case unresolved
        /// Looked up and not there.
        case undefined
        case value(TemplateValue)
    }

    /// The state behind `loop.*` for one active `{% for %}`.
    struct LoopState: Sendable {
        var index0: Int
        let length: Int

        /// `loop.index` and friends, for the loop at its current item.
        func value(of attribute: LoopAttribute) -> TemplateValue {
            switch attribute {
            case .index: return .int(index0 + 1)
            case .index0: return .int(index0)
            case .revindex: return .int(length - index0)
            case .revindex0: return .int(length - index0 - 1)
            case .first: return .bool(index0 == 0)
            case .last: return .bool(index0 == length - 1)
            case .length: return .int(length)
            case .depth: return .int(1)  // recursive loops are not supported, so every loop is at depth 1
            }
        }
    }

    private struct BlockDefinition {
        let templateName: String
        let autoescape: Bool
        let nodes: [TemplateNode]
    }

    private static let maximumDepth = 64

    init(
        environment: TemplateEnvironment,
        globals: [String: TemplateValue],
        functions: [String: TemplateFunction],
        context: [String: TemplateValue],
        slots: [Slot],
        strictUndefined: Bool = false,
        depth: Int = 0
    ) {
        self.strictUndefined = strictUndefined
        self.environment = environment
        self.globals = globals
        self.functions = functions
        self.context = context
        self.slots = slots
        self.depth = depth
    }

    /// The value of a variable: its slot, filled from the context or the globals on first use.
    mutating func value(of variable: TemplateVariable) -> TemplateValue? {
        let slot = variable.slot
        if slot < slots.count {
            switch slots[slot] {
            case .value(let value): return value
            case .undefined: return nil
            case .unresolved: break
            }
        } else {
            // A template loaded during this render (an include, a parent) may use new names.
            slots.append(contentsOf: repeatElement(.unresolved, count: slot + 1 - slots.count))
        }
        let value = context[variable.name] ?? globals[variable.name]
        slots[slot] = value.map(Slot.value) ?? .undefined
        return value
    }

    /// `loop` when no `{% for %}` is active: a variable of that name, if any.
    mutating func loopVariable() -> TemplateValue? {
        value(of: TemplateVariable(name: "loop", slot: TemplateNames.loopSlot))
    }

    private mutating func assign(_ variable: TemplateVariable, _ value: TemplateValue) {
        let slot = variable.slot
        if slot >= slots.count { slots.append(contentsOf: repeatElement(.unresolved, count: slot + 1 - slots.count)) }
        slots[slot] = .value(value)
    }

    /// Renders `template`, following its `{% extends %}` chain, into `out`.
    mutating func render(_ template: ParsedTemplate, into out: inout TemplateOutput) throws {
        var chain = [template]
        while let (parentExpression, location) = chain[chain.count - 1].parent {
            let child = chain[chain.count - 1]
            templateName = child.name
            var scratch = TemplateOutput(capacity: 0)
            for node in child.nodes {
                if case .assign = node { try render(node, into: &scratch) }
            }
            let parentName: String
            do {
                guard let name = try evaluate(parentExpression)?.stringContent else {
                    throw TemplateError(.runtime, "'{% extends %}' needs a template name")
                }
                parentName = name
                if chain.contains(where: { $0.name == parentName }) || chain.count > Self.maximumDepth {
                    throw TemplateError(
                        .runtime, "template '\(parentName)' extends itself through '\(child.name)'",
                        hint: "remove the cycle in the '{% extends %}' chain")
                }
                chain.append(try environment.loadTemplate(parentName))
            } catch let error as TemplateError {
                throw error.located(in: child.name, at: location)
            }
        }
        for link in chain {
            for (name, nodes) in link.blocks {
                blocks[name, default: []].append(
                    BlockDefinition(templateName: link.name, autoescape: link.autoescape, nodes: nodes))
            }
        }
        templateName = chain[chain.count - 1].name
        autoescape = chain[chain.count - 1].autoescape
        try render(chain[chain.count - 1].nodes, into: &out)
    }

    mutating func render(_ nodes: [TemplateNode], into out: inout TemplateOutput) throws {
        for node in nodes {
            try render(node, into: &out)
        }
    }

    private mutating func render(_ node: TemplateNode, into out: inout TemplateOutput) throws {
        switch node {
        case .text(let text):
            out.write(text)
        case .output(let expression, let location):
            do {
                if case .filter(let base, let call) = expression, let fused = call.fused {
                    try writeFused(fused, base, call, into: &out)
                    return
                }
                let value = try evaluate(expression)
                if value == nil, strictUndefined, !Self.isInlineIfWithoutElse(expression) {
                    throw undefinedError(expression)
                }
                write(value, into: &out)
            } catch let error as TemplateError {
                throw error.located(in: templateName, at: location)
            }
        case .conditional(let branches, let otherwise, let locations):
            for (position, (condition, body)) in branches.enumerated() {
                let isTrue: Bool
                do {
                    isTrue = try truth(condition)
                } catch let error as TemplateError {
                    throw error.located(in: templateName, at: locations[position])
                }
                if isTrue {
                    try render(body, into: &out)
                    return
                }
            }
            try render(otherwise, into: &out)
        case .forLoop(let loop):
            do {
                try renderLoop(loop, into: &out)
            } catch let error as TemplateError {
                throw error.located(in: templateName, at: loop.location)
            }
        case .assign(let targets, let expression, let location):
            do {
                try bind(targets, to: evaluate(expression) ?? .null)
            } catch let error as TemplateError {
                throw error.located(in: templateName, at: location)
            }
        case .block(let name):
            try renderBlock(name, level: 0, into: &out)
        case .include(let expression, let ignoreMissing, let location):
            do {
                try renderInclude(expression, ignoreMissing: ignoreMissing, into: &out)
            } catch let error as TemplateError {
                throw error.located(in: templateName, at: location)
            }
        }
    }

    /// Writes a value as `{{ }}` prints it: escaped (when autoescaping) unless it is markup;
    /// undefined prints nothing.
    func write(_ value: TemplateValue?, into out: inout TemplateOutput) {
        switch value {
        case nil: break
        case .string(let text)?:
            if autoescape { out.writeEscaped(text) } else { out.write(text) }
        case .safe(let markup)?: out.write(markup)
        case .int(let number)?: out.write(number)
        case let other?:
            if autoescape { out.writeEscaped(other.text) } else { out.write(other.text) }
        }
    }

    /// `{{ x if c }}` without `else` is undefined when `c` is false, and prints nothing even
    /// with strict undefined, as in Jinja.
    private static func isInlineIfWithoutElse(_ expression: TemplateExpression) -> Bool {
        if case .conditional(_, _, otherwise: nil) = expression { return true }
        return false
    }

    private mutating func renderLoop(_ loop: ForLoop, into out: inout TemplateOutput) throws {
        guard let iterable = try evaluate(loop.iterable) else {
            if strictUndefined { throw undefinedError(loop.iterable) }
            try render(loop.otherwise, into: &out)
            return
        }
        var items = try iterable.iterationItems()
        let saved = slots
        defer { slots = saved }
        if let condition = loop.condition {
            var kept: [TemplateValue] = []
            for item in items {
                try bind(loop.targets, to: item)
                if try truth(condition) { kept.append(item) }
            }
            items = kept
        }
        guard !items.isEmpty else {
            slots = saved
            try render(loop.otherwise, into: &out)
            return
        }
        loops.append(LoopState(index0: 0, length: items.count))
        defer { loops.removeLast() }
        let current = loops.count - 1
        for (index, item) in items.enumerated() {
            loops[current].index0 = index
            try bind(loop.targets, to: item)
            try render(loop.body, into: &out)
        }
    }

    /// Assigns a value to one name, or unpacks an iterable into several (`a, b = 1, 2`), as Python does.
    private mutating func bind(_ targets: [TemplateVariable], to value: TemplateValue) throws {
        if targets.count == 1 {
            assign(targets[0], value)
            return
        }
        let parts: [TemplateValue]
        if case .array(let items) = value {
            parts = items
        } else {
            guard let items = try? value.iterationItems() else {
                throw TemplateError(.runtime, "cannot unpack non-iterable \(value.typeName) object")
            }
            parts = items
        }
        guard parts.count == targets.count else {
            throw TemplateError(
                .runtime,
                parts.count < targets.count
                    ? "not enough values to unpack (expected \(targets.count), got \(parts.count))"
                    : "too many values to unpack (expected \(targets.count))")
        }
        for (target, part) in zip(targets, parts) { assign(target, part) }
    }

    private mutating func renderBlock(_ name: String, level: Int, into out: inout TemplateOutput) throws {
        guard let definitions = blocks[name], level < definitions.count else { return }
        let definition = definitions[level]
        let savedName = templateName
        let savedSlots = slots
        let savedAutoescape = autoescape
        templateName = definition.templateName
        autoescape = definition.autoescape
        blockCalls.append((name, level))
        defer {
            blockCalls.removeLast()
            templateName = savedName
            slots = savedSlots
            autoescape = savedAutoescape
        }
        try render(definition.nodes, into: &out)
    }

    /// The output of the next less-derived definition of the current block, for `{{ super() }}`.
    mutating func renderSuper() throws -> TemplateValue {
        guard let call = blockCalls.last else {
            throw TemplateError(.runtime, "super() used outside a block", hint: "call super() inside '{% block %}'")
        }
        guard call.level + 1 < (blocks[call.name]?.count ?? 0) else {
            throw TemplateError(
                .runtime, "block '\(call.name)' has no parent block to call super() on",
                hint: "the template it extends does not define '{% block \(call.name) %}'")
        }
        var out = TemplateOutput(capacity: 256)
        try renderBlock(call.name, level: call.level + 1, into: &out)
        return .safe(out.text)
    }

    private mutating func renderInclude(
        _ expression: TemplateExpression, ignoreMissing: Bool, into out: inout TemplateOutput
    )
        throws
    {
        guard let name = try evaluate(expression)?.stringContent else {
            throw TemplateError(.runtime, "'{% include %}' needs a template name")
        }
        guard depth < Self.maximumDepth else {
            throw TemplateError(
                .runtime, "includes are nested too deeply", hint: "check for a template that includes itself")
        }
        let template: ParsedTemplate
        do {
            template = try environment.loadTemplate(name)
        } catch let error as TemplateError where error.kind == .missingTemplate && ignoreMissing {
            return
        }
        var nested = TemplateRenderer(
            environment: environment, globals: globals, functions: functions, context: context, slots: slots,
            strictUndefined: strictUndefined, depth: depth + 1)
        try nested.render(template, into: &out)
    }
}
