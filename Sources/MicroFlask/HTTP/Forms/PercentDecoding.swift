/// Percent-decoding with Werkzeug's rules for malformed escapes and non-UTF-8 bytes.
enum PercentDecoding {
    /// Decodes one name or value of a form-encoded pair: `+` becomes a space, then ``decode(_:)``.
    static func decodeFormComponent(_ text: Substring.UTF8View) -> String {
        decode(text.lazy.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 })
    }

    /// Decodes `%XX` escapes in `utf8`, which must be valid UTF-8.
    ///
    /// Malformed escapes are kept literally. Escaped bytes that do not form valid UTF-8 are written back
    /// as upper-case `%XX`, like Python's `unquote(errors="werkzeug.url_quote")`.
    static func decode(_ utf8: some Collection<UInt8>) -> String {
        guard utf8.contains(UInt8(ascii: "%")) else {
            return String(decoding: Array(utf8), as: UTF8.self)
        }
        return decodeKeepingInvalidEscaped(unescape(utf8))
    }

    /// Decodes `%XX` escapes, then reads the bytes as UTF-8 with invalid sequences replaced by U+FFFD.
    static func decodeReplacingInvalid(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: unescape(bytes), as: UTF8.self)
    }

    /// Decodes `%XX` escapes, then reads each byte as an ISO-8859-1 character.
    static func decodeLatin1(_ bytes: some Collection<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in unescape(bytes) {
            scalars.append(Unicode.Scalar(byte))
        }
        return String(scalars)
    }

    /// Replaces each well-formed `%XX` escape by its byte, keeping malformed ones as they are.
    private static func unescape(_ utf8: some Collection<UInt8>) -> [UInt8] {
        let input = Array(utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "%"), index + 2 < input.count,
                let high = PercentEncoding.hexValue(input[index + 1]),
                let low = PercentEncoding.hexValue(input[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(byte)
                index += 1
            }
        }
        return bytes
    }

    /// Appends `%XX` (upper-case hex) for `byte`.
    static func appendEscape(_ byte: UInt8, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "%"))
        output.append(PercentEncoding.hexDigits[Int(byte >> 4)])
        output.append(PercentEncoding.hexDigits[Int(byte & 0x0F)])
    }

    /// UTF-8 decoding where each byte of an invalid sequence becomes the text `%XX`.
    ///
    /// Invalid bytes can only come from escapes: the raw text was valid UTF-8, so each raw character is
    /// a complete sequence that an escaped byte before or after it can neither complete nor extend.
    private static func decodeKeepingInvalidEscaped(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                output.append(contentsOf: encoded)
                offset += encoded.count
            case .error(let length):
                for byte in bytes[offset..<(offset + length)] {
                    appendEscape(byte, to: &output)
                }
                offset += length
            case .emptyInput:
                return String(decoding: output, as: UTF8.self)
            }
        }
    }
}
