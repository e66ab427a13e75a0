import Foundation

extension App {
    /// The routes the app adds for itself when frozen, such as `/static/<path:filename>`.
    func builtInRoutes() -> [Route] {
        staticRoute().map { [$0] } ?? []
    }

    /// The automatic static route, like Flask's: `GET <staticURLPath>/<path:filename>` with the
    /// endpoint `static`, serving `config.staticFolder`; nil when `config.staticURLPath` is nil.
    ///
    /// The folder is found at freeze time like the templates folder (near the app's code, see
    /// `Config.rootPath`); a folder set to something other than `static` that does not exist
    /// is reported in the log, since every file under it would be a 404. Caching follows
    /// `config["SEND_FILE_MAX_AGE_DEFAULT"]` (seconds) when set, else `Cache-Control: no-cache`.
    /// ```swift
    /// try app.urlFor("static", ["filename": "css/site.css"])   // "/static/css/site.css"
    /// ```
    func staticRoute() -> Route? {
        guard let urlPath = config.staticURLPath else { return nil }
        let (folder, origin) = root.resolve(config.staticFolder, rootPath: config.rootPath)
        if !AppRoot.isDirectory(folder), config.staticFolder != "static" || config.rootPath != nil {
            logger.warning(
                "static folder '\(folder)' does not exist (config.staticFolder '\(config.staticFolder)': \(origin)); "
                    + "\(urlPath)/... will answer 404")
        }
        let maxAge = config["SEND_FILE_MAX_AGE_DEFAULT"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let responder = FileResponder(maxAge: maxAge)
        var prefix = urlPath
        while prefix.hasSuffix("/") { prefix.removeLast() }
        return Route(
            rule: prefix + "/<path:filename>", methods: [.GET], endpoint: "static",
            location: "built-in static route (config.staticFolder \"\(config.staticFolder)\" at \(folder))",
            blueprint: nil
        ) { request in
            try responder.respond(
                to: request.http, directory: folder, filename: request.routeValue("filename")?.description ?? "")
        }
    }
}
