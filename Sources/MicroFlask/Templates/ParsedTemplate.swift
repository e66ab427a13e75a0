/// A template after parsing: its top-level statements, its blocks and its parent, if it extends one.
struct ParsedTemplate: Sendable {
    /// The name used in error messages.
    var name: String
    /// The top-level statements.
    var nodes: [TemplateNode]
    /// Every `{% block %}` defined anywhere in the template, by name.
    var blocks: [String: [TemplateNode]]
    /// The `{% extends %}` expression and where it is.
    var parent: (TemplateExpression, SourceLocation)?
    /// Whether `{{ }}` escapes plain strings in this template (chosen from its name).
    var autoescape = true
    /// The size of the last render of this template, to size the next one's buffer.
    let sizeHint = TemplateSizeHint()
}
