/// Adding to `Vary` without losing what is there.
extension Headers {
    /// Adds `fieldName` to the `Vary` header (Werkzeug's `response.vary.add`): the tokens
    /// already there are kept, a name already listed (in any case) is not repeated, and `*`
    /// (which varies on everything) absorbs every other name. Repeated `Vary` lines are merged
    /// into one.
    ///
    /// ```swift
    /// response.headers["Vary"] = "Accept-Encoding"
    /// response.headers.vary("Cookie")      // Vary: Accept-Encoding, Cookie
    /// ```
    public mutating func vary(_ fieldName: String) {
        var tokens: [String] = []
        for line in values(for: "Vary") {
            for token in line.split(separator: ",") {
                let name = String(token.trimmingASCIIWhitespace())
                if !name.isEmpty { Headers.appendToken(name, to: &tokens) }
            }
        }
        let name = String(fieldName[...].trimmingASCIIWhitespace())
        if !name.isEmpty { Headers.appendToken(name, to: &tokens) }
        guard !tokens.isEmpty else { return }
        let merged = tokens.contains("*") ? "*" : tokens.joined(separator: ", ")
        if values(for: "Vary") == [merged] { return }
        remove("Vary")
        add("Vary", merged)
    }

    private static func appendToken(_ name: String, to tokens: inout [String]) {
        if tokens.contains(where: { Headers.equalNames($0, name) }) { return }
        tokens.append(name)
    }
}
