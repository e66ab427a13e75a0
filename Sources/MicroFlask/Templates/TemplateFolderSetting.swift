/// The settings a templates folder was found from (`config.templateFolder` and `config.rootPath`),
/// so the app can tell at each render, without allocating, whether they changed.
struct TemplateFolderSetting: Equatable, Sendable {
    var folder: String
    var rootPath: String?
}
