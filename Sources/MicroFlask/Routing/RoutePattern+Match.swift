/// Matching a decoded path against a pattern, in time linear in the path.
///
/// The outcome is that of a backtracking search (a `path` placeholder takes the fewest segments
/// that let the rest match; a placeholder inside a segment takes the longest text that lets the
/// rest of the segment match), found without trying every split:
/// - with no `path` placeholder, segment `i` of the pattern meets segment `i` of the path;
/// - with one, the segments before it meet the path's first segments and those after it the
///   path's last ones, so it takes exactly what lies between;
/// - with several, a table of which pattern suffixes match which path suffixes (one pass from
///   the end) picks each one's shortest extent directly.
extension RoutePattern {
    /// A captured parameter, in rule order. A struct, not a `(name:value:)` tuple: an array of
    /// tuples looks up the tuple's type metadata at run time whenever one is allocated.
    struct Capture {
        let name: String
        let value: RouteValue
    }

    /// Matches the segments of a decoded path; returns the typed parameters, or nil.
    func match(_ path: [Substring]) -> [String: RouteValue]? {
        guard let captures = matchInOrder(path) else { return nil }
        var values: [String: RouteValue] = [:]
        values.reserveCapacity(captures.count)
        for capture in captures { values[capture.name] = capture.value }
        return values
    }

    /// Matches the segments of a decoded path; returns the parameters in rule order, or nil.
    func matchInOrder(_ path: [Substring]) -> [Capture]? {
        // No capacity reserved up front: most rules tried fail on their first segment, and an
        // empty array costs no allocation.
        var captures: [Capture] = []
        switch spanningSegments.count {
        case 0:
            guard path.count == segments.count else { return nil }
            for index in segments.indices {
                guard matchSegment(index, path[index], into: &captures) else { return nil }
            }
        case 1:
            let span = spanningSegments[0]
            let after = segments.count - span - 1
            // The span takes at least one segment.
            guard path.count >= segments.count else { return nil }
            let spanEnd = path.count - after
            for index in 0..<span {
                guard matchSegment(index, path[index], into: &captures) else { return nil }
            }
            guard captureSpan(span, path, span..<spanEnd, into: &captures) else { return nil }
            for index in (span + 1)..<segments.count {
                guard matchSegment(index, path[spanEnd + index - span - 1], into: &captures) else { return nil }
            }
        default:
            guard path.count >= segments.count, matchWithTable(path, into: &captures) else { return nil }
        }
        return captures
    }

    /// Matches one pattern segment that does not span against one path segment.
    private func matchSegment(_ index: Int, _ text: Substring, into captures: inout [Capture]) -> Bool {
        let segment = segments[index]
        if let literal = segment.literal { return text == literal }
        return segment.match(text, into: &captures)
    }

    /// Captures path segments `range` for the `path` placeholder of segment `index`.
    private func captureSpan(_ index: Int, _ path: [Substring], _ range: Range<Int>, into captures: inout [Capture])
        -> Bool
    {
        guard case .parameter(let name, let converter) = segments[index].pieces[0], !range.isEmpty else {
            return false
        }
        // The segments are slices of one string, so the span is one slice of it: no joining.
        let first = path[range.lowerBound]
        let text = first.base[first.startIndex..<path[range.upperBound - 1].endIndex]
        guard let value = converter.convert(text) else { return false }
        captures.append(Capture(name: name, value: value))
        return true
    }

    /// The general case (two or more `path` placeholders): `reachable[s][p]` says whether
    /// pattern segments `s...` match path segments `p...`, filled from the end in one pass per
    /// pattern segment; then each placeholder takes the nearest end from which the rest matches.
    private func matchWithTable(_ path: [Substring], into captures: inout [Capture]) -> Bool {
        let width = path.count + 1
        // nearest[s * width + p]: the least q >= p with pattern segments s... matching path q..., or width.
        var nearest = [Int](repeating: width, count: (segments.count + 1) * width)
        // Past the last pattern segment only the end of the path is a match.
        for position in 0...path.count { nearest[segments.count * width + position] = path.count }
        var scratch: [Capture] = []
        for segment in segments.indices.reversed() {
            let row = segment * width
            let next = row + width
            var following = width
            for position in (0..<path.count).reversed() {
                let matches: Bool
                if segments[segment].spansSegments {
                    // A path value must start with a non-empty segment; any number may follow.
                    matches = !path[position].isEmpty && nearest[next + position + 1] < width
                } else if nearest[next + position + 1] == position + 1 {
                    scratch.removeAll(keepingCapacity: true)
                    matches = matchSegment(segment, path[position], into: &scratch)
                } else {
                    matches = false
                }
                if matches { following = position }
                nearest[row + position] = following
            }
        }
        guard nearest[0] == 0 else { return false }
        var position = 0
        for segment in segments.indices {
            if segments[segment].spansSegments {
                let end = nearest[(segment + 1) * width + position + 1]
                guard captureSpan(segment, path, position..<end, into: &captures) else { return false }
                position = end
            } else {
                guard matchSegment(segment, path[position], into: &captures) else { return false }
                position += 1
            }
        }
        return position == path.count
    }
}

extension RoutePattern.Segment {
    /// Matches literal text and placeholders within one path segment, as a greedy search with
    /// backtracking would: each placeholder takes the longest text that lets the rest match.
    ///
    /// The search tries only ends where the following literal occurs and the converter could
    /// still fit (`furthestEnd`), checks the rest before the placeholder's own converter, and
    /// remembers the starts from which the rest failed, so no split is examined twice; values
    /// are built once, for the split that wins.
    func match(_ text: Substring, into captures: inout [RoutePattern.Capture]) -> Bool {
        // The common segment, one placeholder and nothing else (`<int:id>`): it takes the whole
        // text, so there is no split to search for.
        if pieces.count == 1, case .parameter(let name, let converter) = pieces[0] {
            guard !text.isEmpty, let value = converter.convert(part: text) else { return false }
            captures.append(RoutePattern.Capture(name: name, value: value))
            return true
        }
        var search = SplitSearch(pieces: pieces)
        guard search.split(text, from: 0) else { return false }
        var start = text.startIndex
        var parameter = 0
        for piece in pieces {
            switch piece {
            case .literal(let literal):
                start = text.index(start, offsetBy: literal.count)
            case .parameter(let name, let converter):
                let end = search.ends[parameter]
                guard let value = converter.convert(part: text[start..<end]) else { return false }
                captures.append(RoutePattern.Capture(name: name, value: value))
                parameter += 1
                start = end
            }
        }
        return true
    }
}

/// The state of one in-segment search: the chosen ends and what is known to fail.
private struct SplitSearch {
    let pieces: [RoutePattern.Piece]
    /// The end of each placeholder, in order, for the split being tried.
    var ends: [String.Index] = []
    /// Starts from which piece `n` cannot match the rest (for converters without the shortcut below).
    private var failed = Set<FailedStart>()
    /// For a placeholder that fits any non-empty text: the least start from which it failed.
    /// Every end past it is known to fail, so a later start fails at once and an earlier one
    /// tries only the ends up to it.
    private var failedFrom: [String.Index?]

    private struct FailedStart: Hashable {
        let piece: Int
        let offset: Int
    }

    init(pieces: [RoutePattern.Piece]) {
        self.pieces = pieces
        failedFrom = Array(repeating: nil, count: pieces.count)
    }

    /// Whether pieces `index...` match all of `text`; appends each placeholder's end to `ends`.
    mutating func split(_ text: Substring, from index: Int) -> Bool {
        guard index < pieces.count else { return text.isEmpty }
        switch pieces[index] {
        case .literal(let literal):
            guard text.hasPrefix(literal) else { return false }
            return split(text.dropFirst(literal.count), from: index + 1)
        case .parameter(_, let converter):
            guard !text.isEmpty else { return false }
            let monotone = converter.fitsAnyNonEmptyPart
            var upper = converter.furthestEnd(in: text)
            var key: FailedStart?
            if monotone {
                if let from = failedFrom[index] {
                    if text.startIndex >= from { return false }
                    upper = min(upper, from)
                }
            } else {
                let start = FailedStart(
                    piece: index, offset: text.utf8.distance(from: text.base.startIndex, to: text.startIndex))
                if failed.contains(start) { return false }
                key = start
            }
            for end in candidateEnds(after: index, in: text, upTo: upper) {
                let mark = ends.count
                ends.append(end)
                if split(text[end...], from: index + 1), converter.fits(part: text[..<end]) { return true }
                ends.removeSubrange(mark...)
            }
            if let key { failed.insert(key) } else { failedFrom[index] = text.startIndex }
            return false
        }
    }

    /// The ends worth trying for the placeholder at `index`, longest first and none past
    /// `upper`: the whole text when it is last, the one place before a final literal, else
    /// each place the next literal occurs (every place when two placeholders touch).
    private func candidateEnds(after index: Int, in text: Substring, upTo upper: String.Index) -> [String.Index] {
        guard index + 1 < pieces.count else { return upper == text.endIndex ? [text.endIndex] : [] }
        let next: String?
        if case .literal(let literal) = pieces[index + 1] { next = literal } else { next = nil }
        if let next, index + 2 == pieces.count {
            guard let end = text.index(text.endIndex, offsetBy: -next.count, limitedBy: text.startIndex),
                end > text.startIndex, end <= upper
            else { return [] }
            return [end]
        }
        var ends: [String.Index] = []
        var end = upper
        while end > text.startIndex {
            if next.map({ text[end...].hasPrefix($0) }) ?? true { ends.append(end) }
            end = text.index(before: end)
        }
        return ends
    }
}
