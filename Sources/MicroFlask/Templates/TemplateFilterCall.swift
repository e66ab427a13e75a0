/// `value|name(arguments)` as parsed: the filter function is found, and its handling of an
/// undefined input decided, once, so a render calls it without looking anything up by name.
/// (A class: the renderer reads it at every call, and sharing it costs one retain, not one per field.)
final class TemplateFilterCall: Sendable {
    let name: String
    let function: TemplateFilter
    let arguments: [TemplateExpression]
    let keywords: [(String, TemplateExpression)]
    let location: SourceLocation
    /// `int`, `float`, `round`, `abs`: an undefined input is an error even with the default undefined.
    let isNumeric: Bool
    /// `default` (`d`): an undefined input is accepted even with strict undefined.
    let acceptsUndefined: Bool
    /// The form `{{ }}` can write without making the filtered text (nil for a filter replaced
    /// with `registerFilter`, or arguments the fused form does not take).
    let fused: TemplateFusedFilter?

    init(
        name: String, function: @escaping TemplateFilter, arguments: [TemplateExpression],
        keywords: [(String, TemplateExpression)], location: SourceLocation, isBuiltin: Bool
    ) {
        self.name = name
        self.function = function
        self.arguments = arguments
        self.keywords = keywords
        self.location = location
        self.isNumeric = ["int", "float", "round", "abs"].contains(name)
        self.acceptsUndefined = name == "default" || name == "d"
        self.fused = isBuiltin ? TemplateFusedFilter(name: name, arguments: arguments, keywords: keywords) : nil
    }
}
