/// A cheap look at the raw header bytes, before any header string is built.
extension RequestHead {
    /// Whether the word `multipart` (any case) appears in the header section: false means the
    /// body cannot be `multipart/form-data`, so a server need not build the headers to check.
    var mayBeMultipart: Bool {
        let word: [UInt8] = Array("multipart".utf8)
        return rawHeaders.withUnsafeBufferPointer { bytes in
            guard bytes.count >= word.count else { return false }
            var index = 0
            let last = bytes.count - word.count
            while index <= last {
                // ASCII letters compare case-insensitively with the 0x20 bit set.
                if bytes[index] | 0x20 == word[0] {
                    var offset = 1
                    while offset < word.count, bytes[index + offset] | 0x20 == word[offset] { offset += 1 }
                    if offset == word.count { return true }
                }
                index += 1
            }
            return false
        }
    }
}
