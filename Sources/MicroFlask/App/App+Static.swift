import Foundation

extension App {
    /// The routes the app adds for itself when frozen, such as `/static/<path:filename>`.
    func builtInRoutes() -> [Route] {
        staticRoute().map { [$0] } ?? []
    }
}
