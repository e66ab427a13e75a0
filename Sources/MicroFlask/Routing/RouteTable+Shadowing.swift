/// Finding rules that can never match because an earlier, more general rule always wins.
extension RouteTable {
    /// Pairs `(shadowed, winner)` in match order.
    func shadowedRoutes() -> [(shadowed: CompiledRoute, by: CompiledRoute)] {
        let ordered = matchOrder
        var result: [(CompiledRoute, CompiledRoute)] = []
        for (laterIndex, later) in ordered.enumerated() {
            for earlier in ordered[..<laterIndex] {
                let methods = Set(later.route.methods)
                guard methods.isSubset(of: earlier.methods), earlier.pattern.covers(later.pattern) else { continue }
                result.append((later, earlier))
                break
            }
        }
        return result
    }
}

extension RoutePattern {
    /// Whether every path that `other` matches is also matched by `self`.
    /// Conservative: answers true only when it is certain.
    func covers(_ other: RoutePattern) -> Bool {
        if let last = segments.last, last.spansSegments, segments.count <= other.segments.count {
            return zip(segments.dropLast(), other.segments).allSatisfy { $0.covers($1) }
                && other.segments[segments.count - 1].literal != ""
        }
        guard segments.count == other.segments.count else { return false }
        return zip(segments, other.segments).allSatisfy { $0.covers($1) }
    }
}

extension RoutePattern.Segment {
    /// Whether every text `other` accepts for one segment is accepted by `self`.
    func covers(_ other: RoutePattern.Segment) -> Bool {
        if let mine = literal, let theirs = other.literal { return mine == theirs }
        guard pieces.count == 1, case .parameter(_, let converter) = pieces[0] else { return false }
        if let theirs = other.literal { return converter.accepts(theirs[...]) }
        guard other.pieces.count == 1, case .parameter(_, let otherConverter) = other.pieces[0] else {
            return converter.kind == "default" && converter.arguments.isEmpty
        }
        if converter == otherConverter { return true }
        // A plain string placeholder takes any single segment.
        return (converter.kind == "default" || converter.kind == "string") && converter.arguments.isEmpty
            && !otherConverter.spansSegments
    }
}
