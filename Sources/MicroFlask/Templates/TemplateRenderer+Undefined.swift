/// Jinja's undefined semantics: which uses of an undefined value are errors, and the message.
///
/// With the default `Undefined`, an undefined value prints as nothing, is false, iterates as
/// empty, equals nothing, and passes through string filters as `""`; reading an attribute or item
/// of it, calling it, doing arithmetic or ordering with it, and the numeric filters and tests
/// raise. With `StrictUndefined`, everything but `is defined` (and the type tests), `|default`
/// and assignment raises.
extension TemplateRenderer {
    /// The error for using the undefined value of `expression`, with Jinja's message.
    mutating func undefinedError(_ expression: TemplateExpression) -> TemplateError {
        let message = undefinedMessage(expression)
        var hint: String?
        if case .name(let variable) = expression {
            let name = variable.name
            hint = "pass '\(name)' in the context, or test it first with 'is defined' or give it a '|default'"
        }
        return TemplateError(.undefined, message, hint: hint)
    }

    /// Jinja's `UndefinedError` text. The base of a missing attribute is evaluated again to name
    /// its type; this runs only on the error path, so the common path stays as cheap as before.
    private mutating func undefinedMessage(_ expression: TemplateExpression) -> String {
        switch expression {
        case .name(let variable):
            return "'\(variable.name)' is undefined"
        case .currentLoop, .loopAttribute, .loopCycle:
            return "'loop' is undefined"
        case .attribute(let base, let name):
            if let value = (try? evaluate(base)) ?? nil {
                return "'\(value.objectTypeRepr)' has no attribute '\(name)'"
            }
        case .item(let base, let key):
            if let value = (try? evaluate(base)) ?? nil, let key = (try? evaluate(key)) ?? nil {
                if let name = key.stringContent { return "'\(value.objectTypeRepr)' has no attribute '\(name)'" }
                var repr = ""
                key.writeRepr(into: &repr)
                return "\(value.objectTypeRepr) has no element \(repr)"
            }
        case .conditional:
            return "the inline if-expression evaluated to false and no else section was defined"
        case .filter(_, let call):
            return "the '\(call.name)' filter returned an undefined value"
        default:
            break
        }
        return "the value is undefined"
    }
}
