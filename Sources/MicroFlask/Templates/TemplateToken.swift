/// One lexical unit of a template: raw text, a tag delimiter, or a token inside a tag.
struct TemplateToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// Literal text between tags, after whitespace control.
        case text(String)
        /// `{{`
        case variableBegin
        /// `}}`
        case variableEnd
        /// `{%`
        case blockBegin
        /// `%}`
        case blockEnd
        /// An identifier or keyword (`if`, `user`, `and`).
        case name(String)
        /// A quoted string literal, with escapes already decoded.
        case string(String)
        /// An integer literal.
        case integer(Int)
        /// A floating-point literal.
        case double(Double)
        /// An operator or punctuation (`+`, `//`, `(`, `|`).
        case symbol(String)
        /// The end of the source.
        case end
    }

    var kind: Kind
    var location: SourceLocation

    /// A short quoted form for error messages.
    var display: String {
        switch kind {
        case .text: return "text"
        case .variableBegin: return "'{{'"
        case .variableEnd: return "'}}'"
        case .blockBegin: return "'{%'"
        case .blockEnd: return "'%}'"
        case .name(let name): return "'\(name)'"
        case .string(let text): return "string '\(text)'"
        case .integer(let value): return "'\(value)'"
        case .double(let value): return "'\(value)'"
        case .symbol(let symbol): return "'\(symbol)'"
        case .end: return "end of template"
        }
    }
}
