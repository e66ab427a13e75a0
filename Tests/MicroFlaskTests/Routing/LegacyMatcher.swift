// TEMPORARY: the backtracking matcher as it was before the linear one, to compare outcomes.
@testable import MicroFlask

enum LegacyMatcher {
    static func match(_ pattern: RoutePattern, _ path: [Substring]) -> [String: String]? {
        var captures: [(String, String)] = []
        guard match(pattern, segment: 0, path: path, at: 0, captures: &captures) else { return nil }
        var params: [String: String] = [:]
        for (name, value) in captures { params[name] = value }
        return params
    }

    private static func match(
        _ pattern: RoutePattern, segment: Int, path: [Substring], at position: Int, captures: inout [(String, String)]
    ) -> Bool {
        let segments = pattern.segments
        if segment == segments.count { return position == path.count }
        guard position < path.count else { return false }
        let current = segments[segment]
        if let literal = current.literal {
            return path[position] == literal
                && match(pattern, segment: segment + 1, path: path, at: position + 1, captures: &captures)
        }
        if current.spansSegments, case .parameter(let name, let converter) = current.pieces[0] {
            let remainingSegments = segments.count - segment - 1
            var end = position + 1
            while end + remainingSegments <= path.count {
                let joined = path[position..<end].joined(separator: "/")
                if converter.accepts(joined[...]) {
                    captures.append((name, joined))
                    if match(pattern, segment: segment + 1, path: path, at: end, captures: &captures) { return true }
                    captures.removeLast()
                }
                end += 1
            }
            return false
        }
        let mark = captures.count
        if matchPieces(current.pieces, 0, path[position], captures: &captures),
            match(pattern, segment: segment + 1, path: path, at: position + 1, captures: &captures)
        {
            return true
        }
        captures.removeSubrange(mark...)
        return false
    }

    private static func matchPieces(
        _ pieces: [RoutePattern.Piece], _ index: Int, _ text: Substring, captures: inout [(String, String)]
    ) -> Bool {
        if index == pieces.count { return text.isEmpty }
        switch pieces[index] {
        case .literal(let literal):
            guard text.hasPrefix(literal) else { return false }
            return matchPieces(pieces, index + 1, text.dropFirst(literal.count), captures: &captures)
        case .parameter(let name, let converter):
            var end = text.endIndex
            while end > text.startIndex {
                let candidate = text[..<end]
                if converter.accepts(candidate) {
                    captures.append((name, String(candidate)))
                    if matchPieces(pieces, index + 1, text[end...], captures: &captures) { return true }
                    captures.removeLast()
                }
                end = text.index(before: end)
            }
            return false
        }
    }

    /// The old text captures, converted as the new matcher converts them.
    static func typed(_ pattern: RoutePattern, _ params: [String: String]) -> [String: RouteValue] {
        var converters: [String: Converter] = [:]
        for segment in pattern.segments {
            for case .parameter(let name, let converter) in segment.pieces { converters[name] = converter }
        }
        return Dictionary(uniqueKeysWithValues: params.map { ($0.key, converters[$0.key]!.convert($0.value[...])!) })
    }

    /// The old table walk: static, then dynamic in order, then the strict-slash retry by a second full match.
    static func tableOutcome(_ table: RouteTable, method: Method, path: String) -> String {
        var allowed = Set<Method>()
        var automatic = false
        let segments = RouteTable.segments(of: path)
        for route in table.matchOrder {
            let params: [String: String]?
            if route.pattern.isStatic {
                params = route.pattern.source == path ? [:] : nil
            } else {
                params = match(route.pattern, segments)
            }
            guard let params else { continue }
            if route.methods.contains(method) && !(method == .OPTIONS && route.automaticOptions) {
                return "found \(route.route.endpoint) \(RouteCorpus.render(typed(route.pattern, params)))"
            }
            allowed.formUnion(route.methods)
            automatic = automatic || route.automaticOptions
        }
        if !allowed.isEmpty {
            let sorted = allowed.map(\.rawValue).sorted()
            return method == .OPTIONS && automatic ? "options \(sorted)" : "405 \(sorted)"
        }
        if !path.hasSuffix("/"), tableOutcome(table, method: method, path: path + "/").hasPrefix("found") {
            return "redirect \(path)/"
        }
        return "404"
    }
}
