/// A statement of a parsed template.
indirect enum TemplateNode: Sendable {
    /// Literal text.
    case text(String)
    /// `{{ expression }}`.
    case output(TemplateExpression, SourceLocation)
    /// `{% if %}…{% elif %}…{% else %}…{% endif %}`: the branches in order, then the else body,
    /// and where each branch's tag is (for errors in its condition).
    case conditional([(TemplateExpression, [TemplateNode])], otherwise: [TemplateNode], locations: [SourceLocation])
    /// `{% for a, b in iterable if condition %}…{% else %}…{% endfor %}`.
    case forLoop(ForLoop)
    /// `{% set name = expression %}` (or `set a, b = …`).
    case assign([String], TemplateExpression, SourceLocation)
    /// `{% block name %}`: renders the most derived definition of the block.
    case block(String)
    /// `{% include expression %}`.
    case include(TemplateExpression, ignoreMissing: Bool, SourceLocation)
}

/// The parts of a `{% for %}` statement.
struct ForLoop: Sendable {
    var targets: [String]
    var iterable: TemplateExpression
    var condition: TemplateExpression?
    var body: [TemplateNode]
    var otherwise: [TemplateNode]
    var location: SourceLocation
}
