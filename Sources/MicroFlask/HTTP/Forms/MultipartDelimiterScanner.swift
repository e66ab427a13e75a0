/// Finds boundary delimiter lines in a multipart body.
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

    private let finder: ByteFinder

    /// Creates a scanner for `delimiter`, which is `--` followed by the boundary.
    init(delimiter: [UInt8]) {
        finder = ByteFinder(delimiter)
    }

    /// The first delimiter line at or after `start`.
    ///
    /// A match counts only when it begins a line (after CRLF or LF; the very first may also start the
    /// body) and is followed by `--`, or by optional spaces and tabs and a line break. Other matches
    /// are data.
    func next(in input: [UInt8], from start: Int, isFirst: Bool) -> Delimiter? {
        let lineFeed = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        var from = start
        while let position = finder.firstIndex(in: input, from: from) {
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
            var cursor = position + finder.pattern.count
            if cursor + 1 < input.count, input[cursor] == UInt8(ascii: "-"), input[cursor + 1] == UInt8(ascii: "-") {
                return Delimiter(dataEnd: dataEnd, next: cursor + 2, isClose: true)
            }
            while cursor < input.count, input[cursor] == UInt8(ascii: " ") || input[cursor] == UInt8(ascii: "\t") {
                cursor += 1
            }
            if cursor + 1 < input.count, input[cursor] == carriageReturn, input[cursor + 1] == lineFeed {
                return Delimiter(dataEnd: dataEnd, next: cursor + 2, isClose: false)
            }
            if cursor < input.count, input[cursor] == lineFeed {
                return Delimiter(dataEnd: dataEnd, next: cursor + 1, isClose: false)
            }
        }
        return nil
    }
}
