import Foundation

/// A function that adds variables to the templates of a request (Flask's `context_processor`).
public typealias ContextProcessor = @Sendable (Request) throws -> [String: TemplateValue]

extension App {
    /// The app's template environment, made on first use from `config.templateFolder`
    /// (reloading changed files in debug mode), with `url_for` and `get_flashed_messages`
    /// available to templates.
    ///
    /// A relative folder is found near the app's code (see `Config.rootPath`). Changing
    /// `config.templateFolder` or `config.rootPath` later takes effect at the next render.
    public var templates: TemplateEnvironment {
        lock.withLock {
            let setting = TemplateFolderSetting(folder: config.templateFolder, rootPath: config.rootPath)
            if let environment = templateEnvironment {
                if environment.folderSetting != setting { locateTemplates(environment, setting: setting) }
                return environment
            }
            let environment = TemplateEnvironment(directory: config.templateFolder, autoReload: config.debug)
            locateTemplates(environment, setting: setting)
            environment.registerFunction("url_for") { [unowned self] arguments, keywords in
                guard let endpoint = arguments.first?.text else {
                    throw URLBuildError(message: "url_for needs an endpoint name, e.g. url_for('index')")
                }
                var values: [String: any CustomStringConvertible & Sendable] = [:]
                for (key, value) in keywords { values[key] = value.text }
                return .string(try urlFor(endpoint, values))
            }
            environment.registerFunction("get_flashed_messages") { _, keywords in
                let messages = CurrentRequest.value?.flashedMessages() ?? []
                if keywords["with_categories"]?.isTruthy == true {
                    return .array(messages.map { .array([.string($0.category), .string($0.message)]) })
                }
                return .array(messages.map { .string($0.message) })
            }
            templateEnvironment = environment
            return environment
        }
    }

    /// Points the environment at the folder `config.templateFolder` names now.
    private func locateTemplates(_ environment: TemplateEnvironment, setting: TemplateFolderSetting) {
        let (path, origin) = root.resolve(config.templateFolder, rootPath: config.rootPath)
        environment.directory = path
        environment.folderOrigin = "config.templateFolder '\(config.templateFolder)': \(origin)"
        environment.folderSetting = setting
    }

    /// Adds variables to every template rendered during a request (Flask's `@app.context_processor`).
    ///
    /// ```swift
    /// app.contextProcessor { req in ["user": req.session["user"] ?? nil, "year": 2025] }
    /// ```
    /// As in Flask, they run for each render, after `request`, `session`, `g` and `config` are
    /// set (so they may replace them), and the render's own context wins over them. They run only
    /// for renders during a request, since they receive it.
    public func contextProcessor(_ processor: @escaping ContextProcessor) {
        lock.withLock {
            checkNotFrozen("a context processor")
            contextProcessors.append(processor)
        }
    }

    /// Renders a template from the templates folder (Flask's `render_template`); returned as a
    /// `String`, a view's result becomes an HTML response.
    ///
    /// ```swift
    /// app.route("/") { req in try app.render("index.html", ["title": "Home"]) }
    /// ```
    ///
    /// As in Flask, templates also see `config`, and during a request `request`, `session`, `g`
    /// and the variables of the context processors, unless the context sets the same names.
    /// `{{ }}` escapes HTML in `.html`, `.htm`, `.xml`, `.xhtml` and `.svg` templates
    /// (`templates.autoescapeExtensions`).
    public func render(_ name: String, _ context: [String: TemplateValue] = [:]) throws -> String {
        let environment = templates
        return try environment.render(name, withRequestContext(context))
    }

    /// Renders a template into UTF-8 bytes: what `render(_:_:)`
    /// returns, without making a `String`. Returned from a view, the bytes are the HTML response's
    /// body as they are, so the page is never copied into a `String` and out again.
    ///
    /// ```swift
    /// app.route("/") { req in try app.renderBytes("index.html", ["title": "Home"]) }
    /// ```
    public func renderBytes(_ name: String, _ context: [String: TemplateValue] = [:]) throws -> [UInt8] {
        let environment = templates
        return try environment.renderBytes(name, withRequestContext(context))
    }

    /// Renders a template with the properties of an `Encodable` value as its variables.
    public func render(_ name: String, _ context: some Encodable) throws -> String {
        let environment = templates
        let variables = try TemplateEnvironment.contextVariables(context, timeZone: environment.timeZone)
        return try environment.render(name, withRequestContext(variables))
    }

    /// Renders template source text (Flask's `render_template_string`), autoescaped as Flask does.
    public func renderString(_ source: String, _ context: [String: TemplateValue] = [:]) throws -> String {
        let environment = templates
        return try environment.renderString(source, withRequestContext(context))
    }

    /// The context with Flask's template variables added under it: `config` always, and for the
    /// request being dispatched on this thread `request`, `session`, `g` and the context
    /// processors' variables. These are objects read on demand, so adding them costs no parsing.
    func withRequestContext(_ context: [String: TemplateValue]) throws -> [String: TemplateValue] {
        var variables: [String: TemplateValue] = ["config": .object(ConfigTemplateObject(config: config))]
        if let request = CurrentRequest.value {
            variables["request"] = .object(RequestTemplateObject(request: request))
            variables["session"] = .object(SessionTemplateObject(request: request))
            variables["g"] = .object(GTemplateObject(request: request))
            let processors = lock.withLock { contextProcessors }
            for processor in processors {
                variables.merge(try processor(request)) { _, new in new }
            }
        }
        if variables.count <= context.count {
            var merged = context
            for (name, value) in variables where merged[name] == nil { merged[name] = value }
            return merged
        }
        variables.merge(context) { _, explicit in explicit }
        return variables
    }
}
