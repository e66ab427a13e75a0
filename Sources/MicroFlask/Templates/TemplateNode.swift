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

/// The parts of a `{% for %}` statement (a class, so rendering it retains one object, not each part).
final class ForLoop: Sendable {
    let targets: [TemplateVariable]
    let iterable: TemplateExpression
    let condition: TemplateExpression?
    let body: [TemplateNode]
    let otherwise: [TemplateNode]
    let location: SourceLocation

    init(
        targets: [TemplateVariable], iterable: TemplateExpression, condition: TemplateExpression?,
        body: [TemplateNode], otherwise: [TemplateNode], location: SourceLocation
    ) {
        self.targets = targets
        self.iterable = iterable
        self.condition = condition
        self.body = body
        self.otherwise = otherwise
        self.location = location
    }
}
