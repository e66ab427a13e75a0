/// Finds a fixed byte pattern in a byte buffer in linear time (Knuth–Morris–Pratt).
///
/// Linear time matters on hostile input: a body built to defeat a naive search (many near-matches
/// of the boundary) costs no more than any other body of its size.
struct ByteFinder: Sendable {
    let pattern: [UInt8]
    /// `fallback[i]`: the length of the longest proper prefix of `pattern[0...i]` that is also its suffix.
    private let fallback: [Int]

    /// Creates a finder for `pattern`, which must not be empty.
    init(_ pattern: [UInt8]) {
        precondition(!pattern.isEmpty, "ByteFinder needs a non-empty pattern")
        self.pattern = pattern
        var table = [Int](repeating: 0, count: pattern.count)
        var length = 0
        for index in 1..<max(pattern.count, 1) {
            while length > 0 && pattern[index] != pattern[length] {
                length = table[length - 1]
            }
            if pattern[index] == pattern[length] {
                length += 1
            }
            table[index] = length
        }
        fallback = table
    }

    /// The index of the first occurrence of the pattern in `haystack` that starts at or after `start`.
    func firstIndex(in haystack: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var matched = 0
        var index = max(start, 0)
        while index < haystack.count {
            let byte = haystack[index]
            while matched > 0 && byte != pattern[matched] {
                matched = fallback[matched - 1]
            }
            if byte == pattern[matched] {
                matched += 1
                if matched == pattern.count {
                    return index + 1 - matched
                }
            }
            index += 1
        }
        return nil
    }
}
