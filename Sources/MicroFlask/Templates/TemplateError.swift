import Foundation

/// An error found while loading, parsing or rendering a template.
///
/// The description reads like a compiler diagnostic, so it can be shown as is:
///
/// ```text
/// index.html:3:14: unknown filter 'uper' (did you mean 'upper'?)
/// ```
public struct TemplateError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The name of the template the error is in (`"<string>"` for ``TemplateEnvironment/renderString(_:_:)``).
    public var templateName: String?
    /// The 1-based line of the error, when known.
    public var line: Int?
    /// The 1-based column of the error, when known.
    public var column: Int?
    /// What went wrong.
    public var message: String
    /// A suggestion on how to fix it, when there is one.
    public var hint: String?
    /// The category of the error.
    public var kind: Kind

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - kind: The category of the error.
    ///   - message: What went wrong.
    ///   - hint: A suggestion on how to fix it.
    ///   - templateName: The template the error is in.
    ///   - line: The 1-based line.
    ///   - column: The 1-based column.
    public init(
        _ kind: Kind,
        _ message: String,
        hint: String? = nil,
        templateName: String? = nil,
        line: Int? = nil,
        column: Int? = nil
    ) {
        self.kind = kind
        self.message = message
        self.hint = hint
        self.templateName = templateName
        self.line = line
        self.column = column
    }

    /// `name:line:column: message (hint)`, leaving out the parts that are unknown.
    public var description: String {
        var out = ""
        if let templateName { out += templateName + ":" }
        if let line {
            out += "\(line):"
            if let column { out += "\(column):" }
        }
        if !out.isEmpty { out += " " }
        out += message
        if let hint { out += " (\(hint))" }
        return out
    }

    /// The category of a ``TemplateError``; an open set that may grow.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        /// The name of the category.
        public let description: String

        /// The template source is malformed: bad expression, unclosed tag, unexpected end.
        public static let syntax = Kind(description: "syntax")
        /// A `{% tag %}` that the engine does not know.
        public static let unknownTag = Kind(description: "unknownTag")
        /// A `|filter` that is neither built in nor registered.
        public static let unknownFilter = Kind(description: "unknownFilter")
        /// A template file that does not exist in the templates directory.
        public static let missingTemplate = Kind(description: "missingTemplate")
        /// An error while rendering, such as adding a string to a number or calling an unknown function.
        public static let runtime = Kind(description: "runtime")
        /// An undefined value used where a value is needed, as Jinja's `UndefinedError`: an
        /// attribute or item of an undefined value, arithmetic on it, or (with strict undefined)
        /// printing, testing or iterating it. The message is Jinja's (`'user' is undefined`).
        public static let undefined = Kind(description: "undefined")
    }
}

extension TemplateError {
    /// Adds a template name and location to an error that does not have one yet.
    func located(in name: String, at location: SourceLocation) -> TemplateError {
        var copy = self
        if copy.templateName == nil {
            copy.templateName = name
            copy.line = location.line
            copy.column = location.column
        }
        return copy
    }

    /// Suggests the closest of `candidates` to `name`, for "did you mean" hints.
    static func suggestion(for name: String, in candidates: some Sequence<String>) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(name), Array(candidate))
            let allowed = name.count <= 3 ? 1 : max(2, name.count / 3)
            if distance <= allowed, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best.map { "did you mean '\($0.name)'?" }
    }

    private static func editDistance(_ lhs: [Character], _ rhs: [Character]) -> Int {
        if lhs.isEmpty { return rhs.count }
        if rhs.isEmpty { return lhs.count }
        var previous = Array(0...rhs.count)
        var current = previous
        for i in 1...lhs.count {
            current[0] = i
            for j in 1...rhs.count {
                let cost = lhs[i - 1] == rhs[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[rhs.count]
    }
}
