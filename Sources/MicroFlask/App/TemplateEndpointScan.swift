import Foundation

/// Finds `url_for('name')` calls with a literal name in template files, so `routes --check`
/// can report names that no endpoint has before a page fails to render.
///
/// It reads the template lexer's tokens, so it sees tags, comments and raw blocks as the
/// renderer does: `url_for` followed by `(` and a string literal. Calls whose first argument is
/// not a literal are not checked.
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

    /// Every use in one template's bytes: the template lexer's tokens `url_for`, `(` and a string
    /// (adjacent strings joined, as the parser joins them), so text, comments and `{% raw %}`
    /// bodies are skipped exactly as when rendering. A template the lexer rejects yields none:
    /// rendering it fails with the lexer's own error anyway.
    static func uses(in bytes: [UInt8], file: String) -> [Use] {
        var lexer = TemplateLexer(source: String(decoding: bytes, as: UTF8.self), name: file)
        guard let tokens = try? lexer.tokenize() else { return [] }
        var found: [Use] = []
        var index = 0
        while index + 2 < tokens.count {
            defer { index += 1 }
            guard tokens[index].kind == .name("url_for"), tokens[index + 1].kind == .symbol("("),
                case .string(var endpoint) = tokens[index + 2].kind
            else { continue }
            let line = tokens[index + 2].location.line
            var next = index + 3
            while next < tokens.count, case .string(let more) = tokens[next].kind {
                endpoint += more
                next += 1
            }
            found.append(Use(file: file, line: line, endpoint: endpoint))
        }
        return found
    }

    /// Whether `name` (perhaps `.relative`) names an endpoint: a relative name is known when some
    /// blueprint, or the app, has it.
    static func isKnown(_ name: String, among endpoints: Set<String>) -> Bool {
        guard name.hasPrefix(".") else { return endpoints.contains(name) }
        let bare = String(name.dropFirst())
        return endpoints.contains(bare) || endpoints.contains { $0.hasSuffix(name) }
    }
}
