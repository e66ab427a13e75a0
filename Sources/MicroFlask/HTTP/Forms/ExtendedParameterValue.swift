/// The `charset'language'encoded-text` form of an RFC 2231 / RFC 5987 extended parameter value.
struct ExtendedParameterValue {
    /// The charset before the first `'`; may be empty.
    let charset: String
    /// The percent-encoded text after the second `'` (its leading run of token characters).
    let encodedText: String

    /// Splits `text`, or returns `nil` if it does not have the extended form.
    init?(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        let charsetEnd = HeaderOptions.tokenEnd(scalars, from: 0, allowQuote: false)
        guard charsetEnd < scalars.count, scalars[charsetEnd] == "'" else { return nil }
        let languageEnd = HeaderOptions.tokenEnd(scalars, from: charsetEnd + 1, allowQuote: false)
        guard languageEnd < scalars.count, scalars[languageEnd] == "'" else { return nil }
        let textEnd = HeaderOptions.tokenEnd(scalars, from: languageEnd + 1, allowQuote: true)
        guard textEnd > languageEnd + 1 else { return nil }
        charset = String(String.UnicodeScalarView(scalars[0..<charsetEnd]))
        encodedText = String(String.UnicodeScalarView(scalars[(languageEnd + 1)..<textEnd]))
    }
}
