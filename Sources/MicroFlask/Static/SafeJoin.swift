import Glibc

/// Joins untrusted path pieces (such as a URL's `<path:filename>`) onto a trusted directory,
/// or returns nil when the result could name anything outside it (Werkzeug's `safe_join`).
///
/// Each piece must already be percent-decoded, exactly once (routing decodes the URL path once;
/// decoding again would let `%252e%252e` become `..`). It is split on `/`, and refused when any
/// segment is empty, `.` or `..`, or contains a backslash or NUL, when a piece is absolute, or
/// when a segment or the whole is longer than the file system allows. The joined path is then
/// resolved with `realpath(3)`, so a symlink that leads out of `directory` is refused too, as is a
/// name that does not exist. The result is the resolved path: no symlinks, absolute.
/// ```swift
/// safeJoin("/srv/static", "css/site.css")    // "/srv/static/css/site.css"
/// safeJoin("/srv/static", "../secret")       // nil
/// ```
public func safeJoin(_ directory: String, _ pieces: String...) -> String? {
    safeJoin(directory, pieces)
}

/// `safeJoin(_:_:)` over an array of pieces.
public func safeJoin(_ directory: String, _ pieces: [String]) -> String? {
    var relative: [Substring] = []
    for piece in pieces {
        guard let segments = SafePath.segments(of: piece) else { return nil }
        relative.append(contentsOf: segments)
    }
    guard !relative.isEmpty, let root = SafePath.realPath(directory) else { return nil }
    let joined = (root == "/" ? "" : root) + "/" + relative.joined(separator: "/")
    guard joined.utf8.count < Int(PATH_MAX), let resolved = SafePath.realPath(joined) else { return nil }
    // The resolved path must stay strictly below the resolved root.
    let prefix = root == "/" ? "/" : root + "/"
    guard resolved.hasPrefix(prefix), resolved.utf8.count > prefix.utf8.count else { return nil }
    return resolved
}

/// The checks behind `safeJoin`.
enum SafePath {
    /// The longest file name Linux file systems take (`NAME_MAX`).
    static let maxSegmentLength = 255

    /// The segments of one untrusted piece, or nil when a segment is not a plain name.
    static func segments(of piece: String) -> [Substring]? {
        guard !piece.isEmpty, !piece.hasPrefix("/") else { return nil }
        guard !piece.utf8.contains(0), !piece.utf8.contains(UInt8(ascii: "\\")) else { return nil }
        let segments = piece.split(separator: "/", omittingEmptySubsequences: false)
        for segment in segments {
            if segment.isEmpty || segment == "." || segment == ".." { return nil }
            if segment.utf8.count > maxSegmentLength { return nil }
        }
        return segments
    }

    /// `realpath(3)`: the absolute path with every symlink, `.` and `..` resolved; nil when the
    /// path does not exist or cannot be resolved.
    static func realPath(_ path: String) -> String? {
        guard !path.utf8.contains(0), let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
