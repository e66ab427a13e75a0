/// Building URLs from a pattern (the engine behind `urlFor`).
extension RoutePattern {
    /// Fills the placeholders from `values`; every value must fit its converter.
    func build(_ values: [String: String]) throws(URLBuildError) -> String {
        var path = ""
        for segment in segments {
            path += "/"
            for piece in segment.pieces {
                switch piece {
                case .literal(let text):
                    // Quoted as values are, as Werkzeug quotes a rule's text: a rule's `%01`
                    // or space must come back as itself once the URL is decoded for matching.
                    path += PercentEncoding.encode(text, safe: RoutePattern.pathSafeCharacters)
                case .parameter(let name, let converter):
                    guard let value = values[name] else {
                        throw URLBuildError(message: "the route '\(source)' needs a value for '\(name)'")
                    }
                    guard converter.accepts(value[...]) else {
                        throw URLBuildError(
                            message: "'\(value)' does not fit <\(converter.kind):\(name)> in '\(source)'")
                    }
                    path += PercentEncoding.encode(value, safe: RoutePattern.pathSafeCharacters)
                }
            }
        }
        return path
    }

    /// Characters left unescaped in path values, as Werkzeug leaves them.
    static let pathSafeCharacters = "!$&'()*+,/:;=@"
}

/// `urlFor` could not build a URL: an unknown endpoint, or a missing or unfitting value.
public struct URLBuildError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let message: String
    /// `Could not build URL: ` followed by the ``message``.
    public var description: String { "Could not build URL: \(message)" }
}
