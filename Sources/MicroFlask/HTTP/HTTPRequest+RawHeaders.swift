/// Reading one header field without building `headers`: the access log and the request id
/// need a field or two of every request, and parsing every field into strings for that would
/// cost more than the rest of a small request.
extension HTTPRequest {
    /// The value of the first field named `name` (ASCII, any case), trimmed; nil when absent.
    /// Reads the raw header bytes while `headers` has not been built, else `headers`.
    func firstFieldValue(_ name: String) -> String? {
        if parsedHeaders != nil { return headers.values(for: name).first }
        guard let initial = name.utf8.first, headFieldInitials & RequestHead.initialBit(initial) != 0 else {
            return nil
        }
        var name = name
        return name.withUTF8 { wanted in firstRawValue(named: wanted) }
    }

    private func firstRawValue(named wanted: UnsafeBufferPointer<UInt8>) -> String? {
        rawHeaders.withUnsafeBufferPointer { bytes -> String? in
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                var end = lineEnd
                if end > lineStart && bytes[end - 1] == 0x0D { end -= 1 }
                if end == lineStart { return nil }  // the blank line ending the head
                if HTTPRequest.lineNames(bytes, from: lineStart, to: end, wanted) {
                    var start = lineStart + wanted.count + 1
                    while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
                    var stop = end
                    while stop > start && (bytes[stop - 1] == 0x20 || bytes[stop - 1] == 0x09) { stop -= 1 }
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self)
                }
                lineStart = lineEnd + 1
            }
            return nil
        }
    }

    /// Whether the line at `start..<end` begins with `name` (case-insensitively) and a colon.
    private static func lineNames(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, _ name: UnsafeBufferPointer<UInt8>
    )
        -> Bool
    {
        guard end - start > name.count, bytes[start + name.count] == UInt8(ascii: ":") else { return false }
        for offset in 0..<name.count {
            var byte = bytes[start + offset]
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            var expected = name[offset]
            if expected >= 0x41 && expected <= 0x5A { expected |= 0x20 }
            if byte != expected { return false }
        }
        return true
    }
}
