/// The RFC 7239 grammar: `element *( "," element )`, `element = [ pair ] *( ";" [ pair ] )`,
/// `pair = token "=" ( token / quoted-string )`, with optional whitespace around the separators.
struct ForwardedParser {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func elements() -> [ForwardedElement]? {
        var elements: [ForwardedElement] = []
        var current = ForwardedElement()
        var sawPair = false
        while true {
            skipSpaces()
            if index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: ";") {
                guard let (name, value) = pair() else { return nil }
                sawPair = true
                switch name {
                case "for": current.forNode = ForwardedElement.nodeName(value)
                case "proto": current.proto = value.lowercased()
                case "host": current.host = value
                default: break  // `by=` and extensions
                }
                skipSpaces()
            }
            guard index < bytes.count else { break }
            let separator = bytes[index]
            index += 1
            if separator == UInt8(ascii: ",") {
                if sawPair { elements.append(current) }
                current = ForwardedElement()
                sawPair = false
            } else if separator != UInt8(ascii: ";") {
                return nil
            }
        }
        if sawPair { elements.append(current) }
        return elements
    }

    private mutating func pair() -> (String, String)? {
        let nameStart = index
        while index < bytes.count, RequestParser.isTokenByte(bytes[index]) { index += 1 }
        guard index > nameStart, index < bytes.count, bytes[index] == UInt8(ascii: "=") else { return nil }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
        index += 1
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "\"") {
            index += 1
            var value: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\"") { return (name, String(decoding: value, as: UTF8.self)) }
                if byte == UInt8(ascii: "\\") {
                    guard index < bytes.count else { return nil }
                    value.append(bytes[index])
                    index += 1
                } else if byte < 0x20 && byte != 0x09 || byte == 0x7F {
                    return nil
                } else {
                    value.append(byte)
                }
            }
            return nil  // unterminated quoted string
        }
        let valueStart = index
        while index < bytes.count, RequestParser.isTokenByte(bytes[index]) { index += 1 }
        guard index > valueStart else { return nil }
        return (name, String(decoding: bytes[valueStart..<index], as: UTF8.self))
    }

    private mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    }
}
