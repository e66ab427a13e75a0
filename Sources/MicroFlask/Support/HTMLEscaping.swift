/// HTML escaping as MarkupSafe does it: `&`, `<`, `>`, `"` and `'` become entities.
enum HTMLEscaping {
    /// Appends `text` to `out`, escaping the five special characters.
    static func escape(_ text: String, into out: inout String) {
        var chunkStart = text.utf8.startIndex
        var index = chunkStart
        let end = text.utf8.endIndex
        while index != end {
            let entity: String
            switch text.utf8[index] {
            case UInt8(ascii: "&"): entity = "&amp;"
            case UInt8(ascii: "<"): entity = "&lt;"
            case UInt8(ascii: ">"): entity = "&gt;"
            case UInt8(ascii: "\""): entity = "&#34;"
            case UInt8(ascii: "'"): entity = "&#39;"
            default:
                text.utf8.formIndex(after: &index)
                continue
            }
            if chunkStart != index { out += text[chunkStart..<index] }
            out += entity
            text.utf8.formIndex(after: &index)
            chunkStart = index
        }
        if chunkStart == text.startIndex {
            out += text
        } else if chunkStart != end {
            out += text[chunkStart..<end]
        }
    }

    /// Returns `text` escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        escape(text, into: &out)
        return out
    }
}

/// Escapes `& < > " '` for HTML, like MarkupSafe's `escape` in Flask's quickstart.
///
/// ```swift
/// app.get("/hello/<name>") { req in "Hello, \(escape(req.params["name"] ?? ""))!" }
/// ```
public func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
