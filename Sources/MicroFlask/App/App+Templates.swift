import Foundation

extension App {
    /// The app's template environment, made on first use from `config.templateFolder`
    /// (reloading changed files in debug mode), with `url_for` available to templates.
    public var templates: TemplateEnvironment {
        lock.withLock {
            if let environment = templateEnvironment { return environment }
            let environment = TemplateEnvironment(directory: config.templateFolder, autoReload: config.debug)
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

    /// Renders a template from the templates folder (Flask's `render_template`); returned as a
    /// `String`, a view's result becomes an HTML response.
    ///
    /// ```swift
    /// app.route("/") { req in try app.render("index.html", ["title": "Home"]) }
    /// ```
    ///
    /// As in Flask, templates rendered during a request also see `request` (its `path`,
    /// `method`, `endpoint`, `url` and `args`) and `session`, unless the context sets them.
    public func render(_ name: String, _ context: [String: TemplateValue] = [:]) throws -> String {
        try templates.render(name, App.withRequestContext(context))
    }

    /// Renders a template with the properties of an `Encodable` value as its variables.
    public func render(_ name: String, _ context: some Encodable) throws -> String {
        guard case .dictionary(let values) = try TemplateValue(encoding: context) else {
            throw TemplateContextError(type: "\(type(of: context))")
        }
        return try templates.render(name, App.withRequestContext(values))
    }

    /// Renders template source text (Flask's `render_template_string`).
    public func renderString(_ source: String, _ context: [String: TemplateValue] = [:]) throws -> String {
        try templates.renderString(source, App.withRequestContext(context))
    }

    /// Adds `request` and `session` for the request being dispatched on this thread.
    static func withRequestContext(_ context: [String: TemplateValue]) -> [String: TemplateValue] {
        guard let request = CurrentRequest.value else { return context }
        var context = context
        if context["request"] == nil {
            var args: [String: TemplateValue] = [:]
            for (key, value) in request.args where args[key] == nil { args[key] = .string(value) }
            context["request"] = [
                "path": .string(request.path), "method": .string(request.method.rawValue), "url": .string(request.url),
                "endpoint": request.endpoint.map(TemplateValue.string) ?? .null, "args": .dictionary(args),
            ]
        }
        if context["session"] == nil { context["session"] = request.session.templateValue }
        return context
    }
}

/// A template context that does not encode to an object (a keyed container).
public struct TemplateContextError: Error, CustomStringConvertible, Sendable {
    /// The context's type.
    public let type: String
    public var description: String {
        "A template context must encode to an object with named values; \(type) does not. Pass a struct or a dictionary."
    }
}
