/// Media types by file extension, for `Content-Type` on files sent with `sendFile`.
///
/// The table covers the files a web app serves (pages, styles, scripts, images, fonts, media,
/// archives). Unknown extensions are `application/octet-stream`, as Flask sends them.
/// ```swift
/// MIMEType.contentType(forPath: "css/site.css")   // "text/css; charset=utf-8"
/// MIMEType.forExtension("PNG")                     // "image/png"
/// ```
public enum MIMEType {
    /// The type for files whose extension is not in the table.
    public static let fallback = "application/octet-stream"

    /// The media type for an extension (without the dot, any case), or `fallback`.
    public static func forExtension(_ fileExtension: String) -> String {
        table[fileExtension.lowercased()] ?? fallback
    }

    /// The media type for a path's extension, or `fallback` when it has none.
    public static func forPath(_ path: String) -> String {
        let name = path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? path[...]
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return fallback }
        return forExtension(String(name[name.index(after: dot)...]))
    }

    /// The `Content-Type` value for a path: its media type, with `; charset=utf-8` added to text
    /// types (`text/*`, `*+xml`, JavaScript and XML), as Werkzeug adds it.
    public static func contentType(forPath path: String) -> String {
        withCharset(forPath(path))
    }

    /// Adds `; charset=utf-8` to a media type that carries text and has no parameters yet.
    public static func withCharset(_ mediaType: String) -> String {
        guard !mediaType.contains(";") else { return mediaType }
        let textual =
            mediaType.hasPrefix("text/") || mediaType.hasSuffix("+xml") || charsetTypes.contains(mediaType)
        return textual ? mediaType + "; charset=utf-8" : mediaType
    }

    /// Non-`text/` types that Werkzeug also sends with a charset.
    private static let charsetTypes: Set<String> = [
        "application/javascript", "application/ecmascript", "application/xml", "application/sql",
        "application/xml-dtd", "application/xml-external-parsed-entity",
    ]

    /// Extension (lower case, no dot) to media type.
    static let table: [String: String] = [
        // Text and documents
        "html": "text/html", "htm": "text/html", "css": "text/css", "txt": "text/plain", "text": "text/plain",
        "csv": "text/csv", "md": "text/markdown", "markdown": "text/markdown", "ics": "text/calendar",
        "vtt": "text/vtt", "xml": "application/xml", "xsl": "application/xml", "rss": "application/rss+xml",
        "atom": "application/atom+xml", "xhtml": "application/xhtml+xml", "pdf": "application/pdf",
        "rtf": "application/rtf",
        // Scripts and data
        "js": "text/javascript", "mjs": "text/javascript", "json": "application/json",
        "map": "application/json", "jsonld": "application/ld+json",
        "webmanifest": "application/manifest+json", "wasm": "application/wasm",
        // Images
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "webp": "image/webp", "avif": "image/avif", "svg": "image/svg+xml", "ico": "image/vnd.microsoft.icon",
        "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff", "apng": "image/apng",
        // Fonts
        "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
        "eot": "application/vnd.ms-fontobject",
        // Audio and video
        "mp3": "audio/mpeg", "wav": "audio/wav", "ogg": "audio/ogg", "oga": "audio/ogg", "opus": "audio/opus",
        "flac": "audio/flac", "m4a": "audio/mp4", "aac": "audio/aac", "mp4": "video/mp4", "m4v": "video/mp4",
        "webm": "video/webm", "ogv": "video/ogg", "mov": "video/quicktime",
        // Archives and binaries
        "zip": "application/zip", "gz": "application/gzip", "tgz": "application/gzip", "tar": "application/x-tar",
        "bz2": "application/x-bzip2", "xz": "application/x-xz", "7z": "application/x-7z-compressed",
        "bin": "application/octet-stream", "exe": "application/octet-stream",
    ]
}
