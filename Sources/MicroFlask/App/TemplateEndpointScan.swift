import Foundation

/// Finds `url_for('name')` calls with a literal name in template files, so `routes --check`
/// can report names that no endpoint has before a page fails to render.
///
/// A small scan, not the template parser: inside `{{ ... }}` and `{% ... %}` tags (comments
/// `{# ... #}` are skipped), `url_for` followed by `(` and a quoted name. Calls whose first
/// argument is not a literal are not checked.
enum TemplateEndpointScan {
    /// One `url_for` call with a literal endpoint name.
    struct Use: Equatable {
        /// The file, as a path under the templates folder.
        let file: String
        /// The 1-based line of the name.
        let line: Int
        /// The name as written (`.login` stays relative).
        let endpoint: String
    }

    /// Every use in the files under `directory` (recursively), in path order; none when the
    /// folder does not exist.
    static func uses(inDirectory directory: String) -> [Use] {
        let manager = FileManager.default
        guard let paths = manager.enumerator(atPath: directory)?.compactMap({ $0 as? String }) else { return [] }
        var found: [Use] = []
        for path in paths.sorted() {
            let full = (directory as NSString).appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
                let data = manager.contents(atPath: full)
            else { continue }
            found += uses(in: Array(data), file: path)
        }
        return found
    }

    /// Every use in one template's bytes.
    static func uses(in bytes: [UInt8], file: String) -> [Use] {
        var found: [Use] = []
        var line = 1
        var index = 0
        var closing: UInt8?  // the `}` or `%` that ends the tag we are in; nil outside tags
        func at(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") { line += 1 }
            if let end = closing {
                if byte == end && at(1) == UInt8(ascii: "}") {
                    closing = nil
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "u"), let (name, length) = literalCall(bytes, index) {
                    found.append(Use(file: file, line: line, endpoint: name))
                    index += length
                    continue
                }
            } else if byte == UInt8(ascii: "{"), let next = at(1) {
                switch next {
                case UInt8(ascii: "{"): closing = UInt8(ascii: "}")
                case UInt8(ascii: "%"): closing = UInt8(ascii: "%")
                case UInt8(ascii: "#"):
                    // Skip the comment, counting its lines.
                    index += 2
                    while index < bytes.count && !(bytes[index] == UInt8(ascii: "#") && at(1) == UInt8(ascii: "}")) {
                        if bytes[index] == UInt8(ascii: "\n") { line += 1 }
                        index += 1
                    }
                default: break
                }
                index += 2
                continue
            }
            index += 1
        }
        return found
    }

    /// At `start`, `url_for ( 'name'` (any spaces): the name and the bytes to its closing quote.
    private static func literalCall(_ bytes: [UInt8], _ start: Int) -> (String, Int)? {
        let keyword = Array("url_for".utf8)
        guard start + keyword.count <= bytes.count, Array(bytes[start..<start + keyword.count]) == keyword else {
            return nil
        }
        if start > 0, isNameByte(bytes[start - 1]) { return nil }
        var index = start + keyword.count
        func skipSpaces() { while index < bytes.count && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 } }
        skipSpaces()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "(") else { return nil }
        index += 1
        skipSpaces()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "'") || bytes[index] == UInt8(ascii: "\"") else {
            return nil
        }
        let quote = bytes[index]
        let nameStart = index + 1
        guard let nameEnd = bytes[nameStart...].firstIndex(where: { $0 == quote || $0 == UInt8(ascii: "\n") }),
            bytes[nameEnd] == quote
        else { return nil }
        return (String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self), nameEnd + 1 - start)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }

    /// Whether `name` (perhaps `.relative`) names an endpoint: a relative name is known when some
    /// blueprint, or the app, has it.
    static func isKnown(_ name: String, among endpoints: Set<String>) -> Bool {
        guard name.hasPrefix(".") else { return endpoints.contains(name) }
        let bare = String(name.dropFirst())
        return endpoints.contains(bare) || endpoints.contains { $0.hasSuffix(name) }
    }
}
