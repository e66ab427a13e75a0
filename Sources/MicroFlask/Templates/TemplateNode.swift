/// A statement of a parsed template.
indirect enum TemplateNode: Sendable {
    /// Literal text, kept as the UTF-8 bytes it is written out as.
    case text([UInt8])
    /// `{{ expression }}`.
    case output(TemplateExpression, SourceLocation)
    /// `{% if %}…{% elif %}…{% else %}…{% endif %}`: the branches in order, then the else body,
    /// and where each branch's tag is (for errors in its condition).
    case conditional([(TemplateExpression, [TemplateNode])], otherwise: [TemplateNode], locations: [SourceLocation])
    /// `{% for a, b in iterable if condition %}…{% else %}…{% endfor %}`.
    case forLoop(ForLoop)
    /// `{% set name = expression %}` (or `set a, b = …`).
    case assign([TemplateVariable], TemplateExpression, SourceLocation)
    /// `{% block name %}`: renders the most derived definition of the block.
    case block(String)
    /// `{% include expression %}`.
    case include(TemplateExpression, ignoreMissing: Bool, SourceLocation)
}

/// The parts of a `{% for %}` statement.
struct ForLoop: Sendable {
    var targets: [TemplateVariable]
    var iterable: TemplateExpression
    var condition: TemplateExpression?
    var body: [TemplateNode]
    var otherwise: [TemplateNode]
    var location: SourceLocation
}
