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
    public func render(_ name: String, _ context: [String: TemplateValue] = [:]) throws -> String {
        try templates.render(name, context)
    }

    /// Renders a template with the properties of an `Encodable` value as its variables.
    public func render(_ name: String, _ context: some Encodable) throws -> String {
        guard case .dictionary(let values) = try TemplateValue(encoding: context) else {
            throw TemplateContextError(type: "\(type(of: context))")
        }
        return try templates.render(name, values)
    }

    /// Renders template source text (Flask's `render_template_string`).
    public func renderString(_ source: String, _ context: [String: TemplateValue] = [:]) throws -> String {
        try templates.renderString(source, context)
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
