import Glibc

/// Finds boundary delimiter lines in a multipart body, in a window of it that may end mid-delimiter.
///
/// A delimiter counts only at the start of a line, so the search looks for line feeds (`memchr`)
/// and compares the delimiter after each one. That is linear whatever the body holds: the
/// delimiter has no line feed, so a comparison stops at the next line feed at the latest, and
/// each byte is looked at a bounded number of times.
struct MultipartDelimiterScanner {
    /// A delimiter line found in the body.
    struct Delimiter {
        /// Where the data before the delimiter ends: the start of the line break preceding it.
        let dataEnd: Int
        /// The index just after the delimiter line (after `--` for the closing delimiter).
        let next: Int
        /// Whether this is the closing delimiter `--boundary--`.
        let isClose: Bool
    }

    /// What a scan of the bytes received so far found.
    enum Scan {
        /// A delimiter line.
        case delimiter(Delimiter)
        /// No delimiter yet: the bytes before `safeEnd` are data whatever follows, and the search
        /// resumes at `resumeAt` once more bytes arrive (keep the two bytes before it: a delimiter
        /// must start a line).
        case needMore(safeEnd: Int, resumeAt: Int)
    }

    /// Transport padding (spaces and tabs after a delimiter) longer than this, at the end of the
    /// bytes received so far, is taken as data rather than waited for.
    static let maxPendingPadding = 4096

    /// `--` followed by the boundary; no line breaks.
    private let pattern: [UInt8]

    /// Creates a scanner for `delimiter`, which is `--` followed by the boundary (not empty).
    init(delimiter: [UInt8]) {
        precondition(!delimiter.isEmpty, "a multipart delimiter is never empty")
        pattern = delimiter
    }

    /// The first index at or after `start` where the delimiter begins a line (follows a line
    /// feed), or 0 when `start` is 0 and the input begins with it (the caller decides whether
    /// the start of the input is the start of a line).
    private func lineStartMatch(in input: UnsafeRawBufferPointer, from start: Int) -> Int? {
        let count = input.count
        let length = pattern.count
        guard let base = input.baseAddress, count >= length else { return nil }
        func matches(at position: Int) -> Bool {
            position + length <= count
                && pattern.withUnsafeBytes { memcmp(base + position, $0.baseAddress!, length) == 0 }
        }
        var from = max(0, start)
        if from == 0 {
            if matches(at: 0) { return 0 }
            from = 1
        }
        // A match at `position` needs a line feed at `position - 1`.
        var lineFeed = from - 1
        while lineFeed < count - length,
            let found = memchr(base + lineFeed, Int32(UInt8(ascii: "\n")), count - length - lineFeed)
        {
            let position = base.distance(to: UnsafeRawPointer(found)) + 1
            if matches(at: position) { return position }
            lineFeed = position
        }
        return nil
    }

    /// Looks for the first delimiter line at or after `start` in `input`.
    ///
    /// A match counts only when it begins a line (after CRLF or LF; when `isFirst`, index 0 counts
    /// too, being the start of the body) and is followed by `--`, or by optional spaces and tabs and
    /// a line break. Other matches are data. When `isFinal` is false, `input` is what has arrived so
    /// far, and a match whose line is not complete yet is reported as ``Scan/needMore(safeEnd:resumeAt:)``.
    func scan(_ input: UnsafeRawBufferPointer, from start: Int, isFirst: Bool, isFinal: Bool) -> Scan {
        let lineFeed = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        let count = input.count
        // A partial match at the end, with the line break before it, is at most this long. (Not
        // `start`: a resumed search starts just before a possible match, and its line break.)
        let tailSafe = max(0, count - (pattern.count + 2))
        var from = start
        while let position = lineStartMatch(in: input, from: from) {
            from = position + 1
            let dataEnd: Int
            if position == 0 {
                guard isFirst else { continue }
                dataEnd = 0
            } else if input[position - 1] == lineFeed {
                dataEnd = position >= 2 && input[position - 2] == carriageReturn ? position - 2 : position - 1
            } else {
                continue
            }
            let pending = Scan.needMore(safeEnd: min(tailSafe, dataEnd), resumeAt: position)
            var cursor = position + pattern.count
            if cursor < count, input[cursor] == UInt8(ascii: "-") {
                if cursor + 1 < count {
                    if input[cursor + 1] == UInt8(ascii: "-") {
                        return .delimiter(Delimiter(dataEnd: dataEnd, next: cursor + 2, isClose: true))
                    }
                } else if !isFinal {
                    return pending
                }
            }
            let paddingStart = cursor
            while cursor < count, input[cursor] == UInt8(ascii: " ") || input[cursor] == UInt8(ascii: "\t") {
                cursor += 1
            }
            if cursor == count || (cursor + 1 == count && input[cursor] == carriageReturn) {
                if !isFinal && cursor - paddingStart <= Self.maxPendingPadding { return pending }
                continue
            }
            if input[cursor] == carriageReturn, input[cursor + 1] == lineFeed {
                return .delimiter(Delimiter(dataEnd: dataEnd, next: cursor + 2, isClose: false))
            }
            if input[cursor] == lineFeed {
                return .delimiter(Delimiter(dataEnd: dataEnd, next: cursor + 1, isClose: false))
            }
        }
        return .needMore(safeEnd: tailSafe, resumeAt: max(start, count - pattern.count + 1))
    }
}
