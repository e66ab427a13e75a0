import Foundation

/// Loads templates from a directory, caches them parsed, and renders them with a context.
///
/// One environment serves the whole application and may be used from many threads at once. Set
/// ``globals`` and register functions and filters before serving; after that, rendering only reads
/// them.
///
/// ```swift
/// let templates = TemplateEnvironment(directory: "templates")
/// templates.registerFunction("url_for") { args, kwargs in .string("/static/" + (kwargs["filename"]?.text ?? "")) }
/// let html = try templates.render("index.html", ["title": "Home", "items": [1, 2]])
/// ```
///
/// Templates are parsed once and kept. With `autoReload`, each render checks the file's
/// modification time and parses it again when it changed.
///
/// As in Flask, `{{ }}` escapes HTML in templates whose names end in one of
/// ``autoescapeExtensions`` (`.html`, `.htm`, `.xml`, `.xhtml`, `.svg`) and in
/// ``renderString(_:_:)`` sources; other files (`.txt`, `.md`, …) print values as they are.
public final class TemplateEnvironment: @unchecked Sendable {
    /// The directory template names are resolved against. Changing it drops the parsed templates.
    public var directory: String {
        get { lock.withLock { folder } }
        set {
            lock.withLock {
                folder = newValue
                cache.removeAll()
            }
        }
    }
    /// Whether changed template files are parsed again (meant for development).
    public var autoReload: Bool {
        get { lock.withLock { reloads } }
        set { lock.withLock { reloads = newValue } }
    }
    /// The name endings of templates that escape HTML in `{{ }}` (Flask's `select_jinja_autoescape`).
    /// Default `.html`, `.htm`, `.xml`, `.xhtml`, `.svg`; `[""]` escapes every template, `[]` none
    /// but string sources. Set it before rendering: templates already parsed are parsed again.
    public var autoescapeExtensions: [String] {
        get { lock.withLock { escapedExtensions } }
        set {
            lock.withLock {
                escapedExtensions = newValue
                cache.removeAll()
            }
        }
    }
    /// Jinja's `StrictUndefined`: printing, testing, comparing or iterating an undefined value is an
    /// error naming it, not an empty string. Default false (Jinja's default `Undefined`).
    public var strictUndefined: Bool {
        get { lock.withLock { strict } }
        set { lock.withLock { strict = newValue } }
    }
    /// The time zone `Date` values of `Encodable` contexts are shown in. Default UTC.
    public var timeZone: TimeZone {
        get { lock.withLock { zone } }
        set { lock.withLock { zone = newValue } }
    }
    /// Says where ``directory`` came from, for the message when the folder is missing.
    var folderOrigin: String? {
        get { lock.withLock { origin } }
        set { lock.withLock { origin = newValue } }
    }
    /// The setting ``directory`` was made from, so the app can tell when it changed.
    var folderSetting: TemplateFolderSetting? {
        get { lock.withLock { setting } }
        set { lock.withLock { setting = newValue } }
    }
    private var setting: TemplateFolderSetting?
    private var folder: String
    private var reloads: Bool
    private var escapedExtensions = [".html", ".htm", ".xml", ".xhtml", ".svg"]
    private var strict = false
    private var zone = TemplateDate.utc
    private var origin: String?

    private let lock = NSLock()
    private var cache: [String: CachedTemplate] = [:]
    private var stringCache: [String: ParsedTemplate] = [:]
    private var storedGlobals: [String: TemplateValue] = [:]
    private var functions: [String: TemplateFunction] = [:]
    private var filters = TemplateFilters.builtins
    private var replacedFilters: Set<String> = []
    /// The variable names of all parsed templates, each with its slot in a render's frame.
    private let names = TemplateNames()

    private struct CachedTemplate {
        let template: ParsedTemplate
        let modified: Date?
    }

    private static let stringCacheLimit = 64

    /// Creates an environment that reads templates from `directory`.
    ///
    /// - Parameters:
    ///   - directory: The templates folder, absolute or relative to the working directory.
    ///   - autoReload: Re-parse a template when its file changes on disk.
    public init(directory: String, autoReload: Bool = false) {
        self.folder = directory
        self.reloads = autoReload
    }

    /// Values every template can read, such as the site name. Context values with the same name win.
    public var globals: [String: TemplateValue] {
        get { lock.withLock { storedGlobals } }
        set { lock.withLock { storedGlobals = newValue } }
    }

    /// Makes a function callable from templates, as `name(positional, keyword=value)`.
    ///
    /// ```swift
    /// env.registerFunction("url_for") { args, kwargs in … }
    /// // {{ url_for('static', filename='style.css') }}
    /// ```
    ///
    /// The result is escaped when printed unless it is `.safe`. Errors the function throws stop the
    /// render and are reported with the template name and position of the call.
    ///
    /// - Parameters:
    ///   - name: The name templates call it by.
    ///   - function: Receives the positional arguments and the keyword arguments.
    public func registerFunction(
        _ name: String,
        _ function: @escaping @Sendable ([TemplateValue], [String: TemplateValue]) throws -> TemplateValue
    ) {
        lock.withLock { functions[name] = function }
    }

    /// Adds a filter usable as `{{ value|name(arguments) }}`, or replaces a built-in one.
    ///
    /// Filters are looked up when a template is parsed, so register them before the first render.
    ///
    /// - Parameters:
    ///   - name: The filter name.
    ///   - filter: Receives the input value (`.null` when undefined), positional and keyword arguments.
    public func registerFilter(
        _ name: String,
        _ filter: @escaping @Sendable (TemplateValue, [TemplateValue], [String: TemplateValue]) throws -> TemplateValue
    ) {
        lock.withLock {
            filters[name] = { value, arguments, keywords in try filter(value ?? .null, arguments, keywords) }
            replacedFilters.insert(name)
            cache.removeAll()
            stringCache.removeAll()
        }
    }

    /// Renders the template file `name` (a path relative to ``directory``) with `context`.
    ///
    /// - Parameters:
    ///   - name: The template's path inside the templates folder, such as `"index.html"` or `"admin/users.html"`.
    ///   - context: The variables the template can use.
    /// - Returns: The rendered text.
    /// - Throws: ``TemplateError`` when the template is missing, malformed, or fails while rendering.
    public func render(_ name: String, _ context: [String: TemplateValue] = [:]) throws -> String {
        String(decoding: try renderBytes(name, context), as: UTF8.self)
    }

    /// Renders the template file `name` with `context` into UTF-8 bytes: what ``render(_:_:)``
    /// returns, without making a `String`. A view can return the bytes as its HTML response.
    ///
    /// ```swift
    /// app.get("/") { _ in try templates.renderBytes("index.html", ["title": "Home"]) }
    /// ```
    public func renderBytes(_ name: String, _ context: [String: TemplateValue] = [:]) throws -> [UInt8] {
        try render(loadTemplate(name), context)
    }

    /// Renders template source given as a string, with `context`. Errors name it `<string>`.
    ///
    /// - Parameters:
    ///   - source: The template text.
    ///   - context: The variables the template can use.
    /// - Returns: The rendered text.
    /// - Throws: ``TemplateError`` when the source is malformed or fails while rendering.
    public func renderString(_ source: String, _ context: [String: TemplateValue] = [:]) throws -> String {
        let cached = lock.withLock { stringCache[source] }
        let template: ParsedTemplate
        if let cached {
            template = cached
        } else {
            template = try parse(source, name: "<string>", autoescape: true)
            lock.withLock {
                if stringCache.count >= Self.stringCacheLimit { stringCache.removeAll() }
                stringCache[source] = template
            }
        }
        return String(decoding: try render(template, context), as: UTF8.self)
    }

    /// Renders the template file `name` with the properties of an `Encodable` value as its
    /// variables (dates shown in ``timeZone``).
    public func render(_ name: String, encoding context: some Encodable) throws -> String {
        try render(name, Self.contextVariables(context, timeZone: timeZone))
    }

    /// The variables of an `Encodable` context: its properties, in order.
    static func contextVariables(_ context: some Encodable, timeZone: TimeZone) throws -> [String: TemplateValue] {
        guard case .dictionary(let values) = try TemplateValue(encoding: context, timeZone: timeZone) else {
            throw TemplateContextError(type: "\(type(of: context))")
        }
        return values.dictionary
    }

    private func render(_ template: ParsedTemplate, _ context: [String: TemplateValue]) throws -> [UInt8] {
        lock.lock()
        let globals = storedGlobals
        let functions = self.functions
        let strict = self.strict
        lock.unlock()
        var renderer = TemplateRenderer(
            environment: self, globals: globals, functions: functions, context: context,
            slots: Array(repeating: .unresolved, count: names.count), strictUndefined: strict)
        var out = TemplateOutput(capacity: template.sizeHint.capacity)
        try renderer.render(template, into: &out)
        template.sizeHint.record(out.count)
        return out.bytes
    }

    /// The parsed template `name`, from the cache or from disk.
    func loadTemplate(_ name: String) throws -> ParsedTemplate {
        let (cached, autoReload, directory, extensions) = lock.withLock {
            (cache[name], reloads, folder, escapedExtensions)
        }
        if let cached, !autoReload { return cached.template }
        let path = try self.path(for: name, in: directory)
        let modified = autoReload ? modificationDate(path) : nil
        if let cached, cached.modified == modified, modified != nil { return cached.template }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw missing(name, path: path, directory: directory)
        }
        let autoescape = extensions.contains { name.hasSuffix($0) }
        let template = try parse(String(decoding: data, as: UTF8.self), name: name, autoescape: autoescape)
        lock.withLock { cache[name] = CachedTemplate(template: template, modified: modified) }
        return template
    }

    private func parse(_ source: String, name: String, autoescape: Bool) throws(TemplateError) -> ParsedTemplate {
        let (filters, replaced) = lock.withLock { (self.filters, replacedFilters) }
        var parser = try TemplateParser(
            source: source, name: name, filters: filters, names: names, replacedFilters: replaced)
        var template = try parser.parse()
        template.autoescape = autoescape
        return template
    }

    private func path(for name: String, in directory: String) throws -> String {
        let parts = name.split(separator: "/", omittingEmptySubsequences: true)
        guard !name.hasPrefix("/"), !parts.isEmpty, !parts.contains(".."), !name.contains("\\") else {
            throw TemplateError(
                .missingTemplate, "template name '\(name)' is not allowed",
                hint: "use a relative path inside the templates folder, without '..'")
        }
        return (directory as NSString).appendingPathComponent(parts.joined(separator: "/"))
    }

    private func modificationDate(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    private func missing(_ name: String, path: String, directory: String) -> TemplateError {
        let searched = URL(fileURLWithPath: directory).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: searched, isDirectory: &isDirectory) || !isDirectory.boolValue {
            return TemplateError(
                .missingTemplate,
                "template '\(name)' not found: the templates folder '\(searched)' does not exist"
                    + (folderOrigin.map { " (\($0))" } ?? ""),
                hint: "create it, or set config.templateFolder to the folder that holds your templates")
        }
        return TemplateError(
            .missingTemplate, "template '\(name)' not found in '\(searched)'",
            hint: "check that '\(name)' exists in your templates folder (looked for \(path))")
    }
}
