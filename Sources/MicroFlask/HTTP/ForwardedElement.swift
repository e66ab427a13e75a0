/// One element of an RFC 7239 `Forwarded` header, `for=192.0.2.60;proto=https;host=example.com`:
/// what one proxy said about the request it received.
struct ForwardedElement: Equatable {
    /// The `for=` node without its port and brackets (`192.0.2.60`, `2001:db8::17`), or the
    /// node as sent when it is `unknown` or an obfuscated name (`_hidden`); nil when absent.
    var forNode: String?
    /// `proto=`, lower-cased; nil when absent.
    var proto: String?
    /// `host=`; nil when absent.
    var host: String?

    /// The elements of every `Forwarded` field value, in order (fields joined as one list);
    /// nil when any of them breaks the grammar, so a malformed header counts as absent rather
    /// than half-read. Linear in the input.
    static func parse(_ values: [String]) -> [ForwardedElement]? {
        var elements: [ForwardedElement] = []
        for value in values {
            var parser = ForwardedParser(Array(value.utf8))
            guard let parsed = parser.elements() else { return nil }
            elements += parsed
        }
        return elements
    }

    /// The host part of a `for=` node: `[2001:db8::1]:47011` -> `2001:db8::1`, `192.0.2.43:47011`
    /// -> `192.0.2.43`, `unknown` -> `unknown`.
    static func nodeName(_ node: String) -> String {
        if node.hasPrefix("[") {
            guard let close = node.firstIndex(of: "]") else { return node }
            return String(node[node.index(after: node.startIndex)..<close])
        }
        if let colon = node.firstIndex(of: ":") { return String(node[..<colon]) }
        return node
    }
}
