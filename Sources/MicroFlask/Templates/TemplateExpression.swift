/// A filter function: the input (nil when undefined), positional arguments and keyword arguments.
typealias TemplateFilter = @Sendable (TemplateValue?, [TemplateValue], [String: TemplateValue]) throws -> TemplateValue?

/// The `loop.*` attributes available inside `{% for %}`, resolved when parsing.
enum LoopAttribute: String, Sendable {
    case index, index0, revindex, revindex0, first, last, length, depth
}

/// An expression inside `{{ }}` or a tag, as parsed.
indirect enum TemplateExpression: Sendable {
    /// A literal such as `'a'`, `1`, `none`.
    case literal(TemplateValue)
    /// A variable, with its slot.
    case name(TemplateVariable)
    /// `loop.index` and friends.
    case loopAttribute(LoopAttribute)
    /// `loop.cycle(a, b)`.
    case loopCycle([TemplateExpression])
    /// `loop` itself, as in `{% set outer = loop %}`: the innermost loop's state as an object.
    case currentLoop
    /// `value.name`.
    case attribute(TemplateExpression, String)
    /// `value[key]`.
    case item(TemplateExpression, TemplateExpression)
    /// `value[start:stop]`.
    case slice(TemplateExpression, TemplateExpression?, TemplateExpression?)
    /// `-value`, `+value`.
    case negate(TemplateExpression, plus: Bool)
    /// `not value`.
    case not(TemplateExpression)
    /// Arithmetic and `~`.
    case binary(BinaryOperator, TemplateExpression, TemplateExpression, SourceLocation)
    /// `a and b`.
    case and(TemplateExpression, TemplateExpression)
    /// `a or b`.
    case or(TemplateExpression, TemplateExpression)
    /// `==`, `<`, `in`, … .
    case compare(CompareOperator, TemplateExpression, TemplateExpression, SourceLocation)
    /// `a if condition else b`.
    case conditional(condition: TemplateExpression, then: TemplateExpression, otherwise: TemplateExpression?)
    /// `[a, b]` or `(a, b)`.
    case list([TemplateExpression])
    /// `{'k': v}`.
    case dictionary([(TemplateExpression, TemplateExpression)])
    /// `value|name(args)`, with the filter resolved when parsing.
    case filter(TemplateExpression, TemplateFilterCall)
    /// `value is [not] test(args)`, with the test resolved when parsing.
    case test(TemplateExpression, TemplateTests, [TemplateExpression], negated: Bool, SourceLocation)
    /// `name(args)`: a registered function.
    case call(String, [TemplateExpression], [(String, TemplateExpression)], SourceLocation)
    /// `value.method(args)`: `items()`, `get()`, `upper()`, … .
    case methodCall(TemplateExpression, String, [TemplateExpression], [(String, TemplateExpression)], SourceLocation)
    /// `super()` inside a block.
    case superBlock(SourceLocation)
}

/// Arithmetic operators, plus `~` concatenation.
enum BinaryOperator: String, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case floorDivide = "//"
    case modulo = "%"
    case power = "**"
    case concat = "~"
}

/// Comparison and membership operators.
enum CompareOperator: String, Sendable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case `in` = "in"
    case notIn = "not in"
}
