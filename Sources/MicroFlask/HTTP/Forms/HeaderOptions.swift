import Foundation

/// A header value followed by `;`-separated `name=value` parameters, such as `Content-Type` or
/// `Content-Disposition`.
///
/// Parsing follows Werkzeug's `parse_options_header`: parameter names are lower-cased; values are
/// tokens or quoted strings, where `\"`, `\\` and the HTML form encoding `%22` all unescape; a name
/// ending in `*` carries an RFC 2231/5987 `charset'language'percent-encoded` value (UTF-8, ASCII or
/// ISO-8859-1) and is stored under the name without the `*`; malformed parameters are skipped.
///
/// ```swift
/// let contentType = HeaderOptions(parsing: "multipart/form-data; boundary=\"a b\"; charset=utf-8")
/// contentType.value       // "multipart/form-data"
/// contentType.boundary    // "a b"
/// contentType.charset     // "utf-8"
/// ```
public struct HeaderOptions: Sendable {
    /// The part before the first `;`, trimmed, case kept (`"multipart/form-data"`).
    public let value: String

    /// The parameters in order, names lower-cased, values unquoted and decoded.
    public let options: [(name: String, value: String)]

    /// Parses a header value; never fails, since malformed parameters are dropped.
    public init(parsing header: some StringProtocol) {
        let text = String(header)
        guard let semicolon = text.firstIndex(of: ";") else {
            value = text.trimmingCharacters(in: .whitespaces)
            options = []
            return
        }
        value = text[..<semicolon].trimmingCharacters(in: .whitespaces)
        let rest = text[text.index(after: semicolon)...].trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty, !rest.isEmpty else {
            options = []
            return
        }
        options = Self.decode(Self.rawParameters(Array(rest.unicodeScalars)))
    }

    /// The value of the last parameter called `name` (case-insensitive), as Werkzeug's dict keeps it.
    public subscript(name: String) -> String? {
        let key = name.lowercased()
        return options.last { $0.name == key }?.value
    }

    /// The `boundary` parameter of a multipart `Content-Type`, or `nil` if missing or empty.
    public var boundary: String? {
        guard let boundary = self["boundary"], !boundary.isEmpty else { return nil }
        return boundary
    }

    /// The `charset` parameter, or `nil` if missing.
    public var charset: String? { self["charset"] }

    /// Splits `name=value` pairs without decoding values; quoted values keep their quotes.
    private static func rawParameters(_ scalars: [Unicode.Scalar]) -> [(String, String)] {
        var parts: [(String, String)] = []
        var position = 0
        while true {
            let keyEnd = tokenEnd(scalars, from: position, allowQuote: true)
            if keyEnd > position, keyEnd < scalars.count, scalars[keyEnd] == "=" {
                let key = String(String.UnicodeScalarView(scalars[position..<keyEnd])).lowercased()
                position = keyEnd + 1
                let valueEnd = tokenEnd(scalars, from: position, allowQuote: true)
                if valueEnd > position {
                    parts.append((key, String(String.UnicodeScalarView(scalars[position..<valueEnd]))))
                } else if position < scalars.count, scalars[position] == "\"",
                    let closing = closingQuote(scalars, openingAt: position)
                {
                    parts.append((key, String(String.UnicodeScalarView(scalars[position...closing]))))
                    position = closing + 1
                }
            }
            guard let semicolon = scalars[position...].firstIndex(of: ";") else { break }
            position = semicolon + 1
            while position < scalars.count, scalars[position] == " " || scalars[position] == "\t" {
                position += 1
            }
        }
        return parts
    }

    /// Applies `name*` charset decoding and unquoting to each raw parameter.
    private static func decode(_ parts: [(String, String)]) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        var continuedCharset: String?
        for (rawKey, rawValue) in parts {
            var key = rawKey
            var value = rawValue
            if key.hasSuffix("*") {
                key.removeLast()
                var charset: String?
                if let extended = ExtendedParameterValue(value) {
                    value = extended.encodedText
                    charset = extended.charset.isEmpty ? nil : extended.charset.lowercased()
                }
                charset = charset ?? continuedCharset
                switch charset {
                case "utf-8", "ascii", "us-ascii":
                    continuedCharset = charset
                    value = PercentDecoding.decodeReplacingInvalid(Array(value.utf8))
                case "iso-8859-1":
                    continuedCharset = charset
                    value = PercentDecoding.decodeLatin1(Array(value.utf8))
                default:
                    break
                }
            }
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
                    .replacingOccurrences(of: "\\\\", with: "\\")
                    .replacingOccurrences(of: "\\\"", with: "\"")
                    .replacingOccurrences(of: "%22", with: "\"")
            }
            result.append((key, value))
        }
        return result
    }

    /// The end of the run of RFC 9110 token characters starting at `start` (`'` included when `allowQuote`).
    static func tokenEnd(_ scalars: [Unicode.Scalar], from start: Int, allowQuote: Bool) -> Int {
        var end = start
        while end < scalars.count, isTokenCharacter(scalars[end], allowQuote: allowQuote) {
            end += 1
        }
        return end
    }

    /// Letters, digits, `_` and ``!#$%&*+-.^`|~`` (and `'` when `allowQuote`), ASCII only.
    static func isTokenCharacter(_ scalar: Unicode.Scalar, allowQuote: Bool) -> Bool {
        guard scalar.isASCII else { return false }
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "!", "#", "$", "%", "&", "*", "+", "-", ".", "^", "`", "|", "~":
            return true
        case "'":
            return allowQuote
        default:
            return false
        }
    }

    /// The index of the quote closing the quoted string that opens at `start`, skipping `\\` and `\"`.
    private static func closingQuote(_ scalars: [Unicode.Scalar], openingAt start: Int) -> Int? {
        var index = start + 1
        while index < scalars.count {
            if scalars[index] == "\\", index + 1 < scalars.count,
                scalars[index + 1] == "\\" || scalars[index + 1] == "\""
            {
                index += 2
            } else if scalars[index] == "\"" {
                return index
            } else {
                index += 1
            }
        }
        return nil
    }
}
