/// The cookie value format on the wire, both ways, as Werkzeug writes and reads it.
enum CookieCoding {
    /// Quotes a value the way Werkzeug does when it holds characters a bare cookie value cannot
    /// (`"..."`, with `\"`, `\\` and `\ooo` octal escapes).
    static func quote(_ value: String) -> String {
        let plain = value.utf8.allSatisfy { byte in
            byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: ",")
                && byte != UInt8(ascii: ";")
                && byte != UInt8(ascii: "\\")
        }
        if plain { return value }
        var out = "\""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += "\\\""
            case UInt8(ascii: "\\"): out += "\\\\"
            case 0x20..<0x7F where byte != UInt8(ascii: ";") && byte != UInt8(ascii: ","):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let octal = String(byte, radix: 8)
                out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            }
        }
        return out + "\""
    }

    /// Reads a value as sent: a quoted value loses its quotes and its escapes are undone
    /// (`"J\\303\\266rg\\073 x"` is `Jörg; x`); a bare value is taken as it is.
    static func unquote(_ raw: Substring) -> String {
        guard raw.count >= 2, raw.first == "\"", raw.last == "\"" else { return String(raw) }
        let inner = Array(raw.utf8.dropFirst().dropLast())
        var bytes: [UInt8] = []
        bytes.reserveCapacity(inner.count)
        var index = 0
        while index < inner.count {
            let byte = inner[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < inner.count else {
                bytes.append(byte)
                index += 1
                continue
            }
            if index + 3 < inner.count, let octal = octalValue(inner[(index + 1)...(index + 3)]) {
                bytes.append(octal)
                index += 4
            } else {
                bytes.append(inner[index + 1])
                index += 2
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func octalValue(_ digits: ArraySlice<UInt8>) -> UInt8? {
        var value = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "7") else { return nil }
            value = value * 8 + Int(digit - UInt8(ascii: "0"))
        }
        return value <= 255 ? UInt8(value) : nil
    }

    /// Splits `name=value` (trimmed); nil when there is no `=`. The value stays as sent.
    static func pair(_ text: Substring) -> (name: String, value: Substring)? {
        let trimmed = text.trimmingASCIIWhitespace()
        guard let eq = trimmed.firstIndex(of: "=") else { return nil }
        return (
            String(trimmed[..<eq].trimmingASCIIWhitespace()),
            trimmed[trimmed.index(after: eq)...].trimmingASCIIWhitespace()
        )
    }
}
