/// Flask's `config` in templates: `config['DEBUG']`, `config.SECRET_KEY`, or any of your own keys
/// (`config['SITE_NAME']`), read from the app's current settings.
struct ConfigTemplateObject: TemplateObject {
    let config: Config

    var templateTypeName: String { "Config" }

    func member(_ name: String) -> TemplateValue? {
        if let value = config[name] { return .string(value) }
        switch name {
        case "DEBUG": return .bool(config.debug)
        case "SECRET_KEY": return config.secretKey.map(TemplateValue.string) ?? .null
        case "SESSION_COOKIE_NAME": return .string(config.sessionCookieName)
        case "PERMANENT_SESSION_LIFETIME": return .int(config.sessionLifetime)
        case "MAX_CONTENT_LENGTH": return .int(config.limits.maxBodySize)
        case "TEMPLATE_FOLDER": return .string(config.templateFolder)
        case "STATIC_FOLDER": return .string(config.staticFolder)
        case "STATIC_URL_PATH": return config.staticURLPath.map(TemplateValue.string) ?? .null
        case "JSON_SORT_KEYS": return .bool(config.jsonSortKeys)
        case "SERVER_NAME": return config.serverName.map(TemplateValue.string) ?? .null
        default: return nil
        }
    }
}
