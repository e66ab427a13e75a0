/// The byte buffer a render writes into: static text is copied in as UTF-8, values are escaped
/// straight into it, and the finished bytes become the response body without passing through a
/// `String`.
///
/// It manages its own memory rather than appending to an `Array`: a page is written in
/// thousands of small pieces, and a plain copy into spare capacity costs a fraction of
/// `append(contentsOf:)`'s checks per piece.
struct TemplateOutput: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// How many bytes have been written.
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private mutating func grow(_ needed: Int) {
        var grown = capacity * 2
        while grown < needed { grown *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.initialize(from: start, count: count)
        start.deallocate()
        start = moved
        capacity = grown
    }

    /// Appends raw bytes.
    mutating func write(_ source: UnsafeRawBufferPointer) {
        guard let base = source.baseAddress, !source.isEmpty else { return }
        reserve(source.count)
        (start + count).update(from: base.assumingMemoryBound(to: UInt8.self), count: source.count)
        count += source.count
    }

    /// Appends one byte.
    mutating func write(byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    /// Appends bytes as they are (a template's static text).
    mutating func write(_ text: [UInt8]) {
        text.withUnsafeBytes { write($0) }
    }

    /// Appends text as it is.
    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    /// Appends the decimal digits of `number`, without making a `String`.
    mutating func write(_ number: Int) {
        if number >= 0 && number < 10 {
            write(byte: UInt8(truncatingIfNeeded: number) &+ 0x30)
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for Int.min's 20 digits and sign
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
            write(UnsafeRawBufferPointer(rebasing: buffer[position...]))
        }
    }

    /// Appends text with `& < > " '` replaced by entities, as MarkupSafe escapes them.
    mutating func writeEscaped(_ text: String) {
        var text = text
        text.withUTF8 { writeEscaped(UnsafeRawBufferPointer($0)) }
    }

    /// Appends UTF-8 bytes escaped for HTML.
    mutating func writeEscaped(_ source: UnsafeRawBufferPointer) {
        escape(source) { $0 }
    }

    /// Appends UTF-8 bytes escaped for HTML, ASCII letters lower-cased (`|lower`).
    mutating func writeEscapedLowercased(_ source: UnsafeRawBufferPointer) {
        escape(source, TemplateFusedFilter.lowered)
    }

    /// Appends UTF-8 bytes escaped for HTML, ASCII letters upper-cased (`|upper`).
    mutating func writeEscapedUppercased(_ source: UnsafeRawBufferPointer) {
        escape(source, TemplateFusedFilter.uppered)
    }

    /// The escaping loop, inlined into each caller so that `map` costs nothing when it is the identity.
    @inline(__always)
    private mutating func escape(_ source: UnsafeRawBufferPointer, _ map: (UInt8) -> UInt8) {
        let chunk = 4096
        var offset = 0
        while offset < source.count {
            // Long text in chunks, so the worst-case reservation below stays small.
            let end = min(offset + chunk, source.count)
            // The worst case, every byte a 5-byte entity, reserved once: the loop then never checks room.
            reserve((end - offset) * 5)
            var out = start + count
            for index in offset..<end {
                let byte = map(source[index])
                // All five special characters are at or below '>' (0x3E): most bytes take this branch.
                if byte > 0x3E {
                    out.pointee = byte
                    out += 1
                    continue
                }
                switch byte {
                case UInt8(ascii: "&"): out = Self.put("&amp;", at: out)
                case UInt8(ascii: "<"): out = Self.put("&lt;", at: out)
                case UInt8(ascii: ">"): out = Self.put("&gt;", at: out)
                case UInt8(ascii: "\""): out = Self.put("&#34;", at: out)
                case UInt8(ascii: "'"): out = Self.put("&#39;", at: out)
                default:
                    out.pointee = byte
                    out += 1
                }
            }
            count = out - start
            offset = end
        }
    }

    /// Appends UTF-8 bytes changed byte by byte (ASCII case mapping), not escaped.
    mutating func write(_ source: UnsafeRawBufferPointer, mapping map: (UInt8) -> UInt8) {
        reserve(source.count)
        var out = start + count
        for byte in source {
            out.pointee = map(byte)
            out += 1
        }
        count = out - start
    }

    private static func put(_ entity: StaticString, at out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8>
    {
        out.update(from: entity.utf8Start, count: entity.utf8CodeUnitCount)
        return out + entity.utf8CodeUnitCount
    }

    /// The bytes written, as an array (the response body).
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }

    /// The bytes as text (for the `String` API and `super()`).
    var text: String { String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self) }
}
