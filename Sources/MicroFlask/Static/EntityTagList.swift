/// The entity tags of an `If-None-Match` or `If-Range` header (RFC 9110 section 8.8.3).
struct EntityTagList: Equatable {
    /// One tag: its opaque quoted part (with the quotes) and whether it was marked weak.
    struct Tag: Equatable {
        let opaque: Substring
        let weak: Bool
    }

    /// Whether the header was `*` (any current representation).
    let matchesAny: Bool
    /// The tags in order; malformed list members are skipped.
    let tags: [Tag]

    /// Parses a comma-separated list of entity tags, or `*`.
    init(_ header: String) {
        let text = header[...].trimmingASCIIWhitespace()
        if text == "*" {
            matchesAny = true
            tags = []
            return
        }
        matchesAny = false
        tags = EntityTagList.parseTags(text)
    }

    /// Splits `W/"a", "b,c"` into tags, honouring commas inside quotes.
    private static func parseTags(_ text: Substring) -> [Tag] {
        var tags: [Tag] = []
        var rest = text
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "," }
            if rest.isEmpty { return tags }
            var weak = false
            if rest.hasPrefix("W/") {
                weak = true
                rest = rest.dropFirst(2)
            }
            guard rest.first == "\"", let close = rest.dropFirst().firstIndex(of: "\"") else {
                // Not a tag: skip to the next comma.
                guard let comma = rest.firstIndex(of: ",") else { return tags }
                rest = rest[comma...]
                continue
            }
            tags.append(Tag(opaque: rest[...close], weak: weak))
            rest = rest[rest.index(after: close)...]
        }
    }

    /// Weak comparison (for `If-None-Match`): equal opaque parts, weakness ignored.
    func weaklyMatches(_ entityTag: String) -> Bool {
        if matchesAny { return true }
        let own = EntityTagList.opaque(of: entityTag)
        return tags.contains { $0.opaque == own }
    }

    /// Strong comparison (for `If-Range`): both tags strong and equal. A weak tag never matches.
    func stronglyMatches(_ entityTag: String) -> Bool {
        guard !entityTag.hasPrefix("W/") else { return false }
        return tags.contains { !$0.weak && $0.opaque == entityTag[...] }
    }

    /// The quoted part of one of our own tags.
    static func opaque(of entityTag: String) -> Substring {
        entityTag.hasPrefix("W/") ? entityTag.dropFirst(2) : entityTag[...]
    }
}
