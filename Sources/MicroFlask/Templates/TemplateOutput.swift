/// The byte buffer a render writes into: static text is copied in as UTF-8, values are escaped
/// straight into it, and the finished bytes become the response body without passing through a
/// `String`.
struct TemplateOutput {
    /// The bytes written so far.
    var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends bytes as they are (a template's static text).
    mutating func write(_ text: [UInt8]) {
        bytes.append(contentsOf: text)
    }

    /// Appends text as it is.
    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends the decimal digits of `number`, without making a `String`.
    mutating func write(_ number: Int) {
        if number >= 0 && number < 10 {
            bytes.append(UInt8(truncatingIfNeeded: number) &+ 0x30)
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for Int.min's 20 digits
        var magnitude = number.magnitude
        withUnsafeMutableBytes(of: &digits) { buffer in
            var position = buffer.count
            repeat {
                position -= 1
                buffer[position] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
                magnitude /= 10
            } while magnitude != 0
            if number < 0 {
                position -= 1
                buffer[position] = UInt8(ascii: "-")
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[position...]))
        }
    }

    /// Appends text with `& < > " '` replaced by entities, as MarkupSafe escapes them.
    mutating func writeEscaped(_ text: String) {
        var text = text
        text.withUTF8 { source in
            var runStart = 0
            for position in 0..<source.count {
                let byte = source[position]
                // All five special characters are at or below '>' (0x3E): most bytes leave here.
                if byte > 0x3E { continue }
                let entity: StaticString
                switch byte {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&#34;"
                case UInt8(ascii: "'"): entity = "&#39;"
                default: continue
                }
                if runStart < position { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<position])) }
                bytes.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                runStart = position + 1
            }
            if runStart < source.count {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<source.count]))
            }
        }
    }

    /// The bytes as text (for the `String` API and `super()`).
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
