/// A route pattern that cannot be compiled, with the reason and where it was registered.
public struct RoutePatternError: Error, Sendable, CustomStringConvertible {
    /// What is wrong with a pattern.
    public enum Reason: Error, Sendable, Equatable, CustomStringConvertible {
        /// The pattern does not start with `/`.
        case missingLeadingSlash
        /// A `<` has no matching `>`, or a `>` no `<`.
        case unbalancedBrackets
        /// A placeholder has no name, or an invalid one.
        case badName(String)
        /// The converter kind is not known.
        case unknownConverter(String)
        /// A converter argument cannot be read.
        case badArgument(String)
        /// The same name is used twice.
        case duplicateName(String)

        /// A sentence saying what is wrong and, where it helps, what a valid pattern looks like.
        public var description: String {
            switch self {
            case .missingLeadingSlash: "a route pattern must start with '/'"
            case .unbalancedBrackets: "a '<' has no matching '>' (placeholders look like <name> or <int:id>)"
            case .badName(let name): "'\(name)' is not a valid parameter name (use letters, digits and '_')"
            case .unknownConverter(let kind):
                "unknown converter '\(kind)'; the known ones are \(Converter.builtInKinds.joined(separator: ", "))"
            case .badArgument(let detail): "bad converter argument: \(detail)"
            case .duplicateName(let name): "the parameter name '\(name)' is used twice"
            }
        }
    }

    /// The pattern as written.
    public let pattern: String
    /// What is wrong.
    public let reason: Reason

    /// `invalid route '<pattern>': ` followed by the reason.
    public var description: String { "invalid route '\(pattern)': \(reason)" }
}
