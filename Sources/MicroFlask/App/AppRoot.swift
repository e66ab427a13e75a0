import Foundation

/// Finds an app's relative folders (`templates`, `static`) the way Flask finds them from its
/// `root_path`: next to the code that created the app, not in the working directory, so
/// `swift run App` works from any directory.
///
/// A relative folder is looked for, in order:
/// 1. in `config.rootPath`, when set (then only there);
/// 2. in the directory of the source file that called `App()` (`#filePath`) and, when that file
///    is in the package's `Sources/` or `Tests/` folder, each parent up to the package root (the first
///    directory holding `Package.swift`), so both `Sources/App/templates` and a `templates`
///    folder beside `Package.swift` are found. A source file elsewhere in a package (an example
///    target in `Examples/NAME/`) looks beside itself only, as Flask's `root_path` is the
///    module's own folder: it must not take another target's templates;
/// 3. when the source file is not on this machine (an installed binary), in the executable's
///    directory and each parent up to a package root, or, outside a package, the executable's
///    directory and its parent (`/opt/app/bin/app` finds `/opt/app/templates`).
///
/// The first directory that holds the folder wins. When none does, the folder is reported in the
/// package root of the source file (or the first candidate), with the list of places searched.
struct AppRoot: Sendable {
    /// The source file that created the app.
    let sourceFile: String
    /// The executable, when known.
    let executable: String?

    /// The app root for `sourceFile`, with the running executable.
    init(sourceFile: String, executable: String? = AppRoot.runningExecutable) {
        self.sourceFile = sourceFile
        self.executable = executable
    }

    /// `/proc/self/exe`, resolved.
    static var runningExecutable: String? {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first
    }

    /// Where `folder` is, and a sentence saying how it was found (for messages).
    func resolve(_ folder: String, rootPath: String?) -> (path: String, origin: String) {
        if folder.hasPrefix("/") { return (folder, "an absolute path") }
        if let rootPath {
            let base =
                rootPath.hasPrefix("/") ? rootPath : AppRoot.join(FileManager.default.currentDirectoryPath, rootPath)
            return (AppRoot.join(base, folder), "config.rootPath '\(rootPath)'")
        }
        let candidates = self.candidates
        for directory in candidates where AppRoot.isDirectory(AppRoot.join(directory, folder)) {
            return (AppRoot.join(directory, folder), "found beside the app's code in '\(directory)'")
        }
        let fallback = sourceSearch?.last ?? candidates.first ?? FileManager.default.currentDirectoryPath
        return (
            AppRoot.join(fallback, folder),
            "looked for '\(folder)' in \(candidates.map { "'\($0)'" }.joined(separator: ", "))"
                + "; set config.rootPath or an absolute folder to choose"
        )
    }

    /// The directories searched, in order, without repeats.
    var candidates: [String] {
        if let sourceSearch { return sourceSearch }
        guard let executable else { return [] }
        let directory = AppRoot.parent(of: executable)
        let result = AppRoot.upToPackageRoot(from: directory) ?? [directory, AppRoot.parent(of: directory)]
        var seen = Set<String>()
        return result.filter { seen.insert($0).inserted }
    }

    /// The directories searched from the source file, when it is on this machine: up to the
    /// package root from within its `Sources/` or `Tests/` folder, else the file's own directory.
    private var sourceSearch: [String]? {
        let sourceDirectory = AppRoot.parent(of: sourceFile)
        guard AppRoot.isDirectory(sourceDirectory) else { return nil }
        guard let upward = AppRoot.upToPackageRoot(from: sourceDirectory), let root = upward.last else {
            return [sourceDirectory]
        }
        let inTargetFolders = ["Sources/", "Tests/"].contains { sourceDirectory.hasPrefix(AppRoot.join(root, $0)) }
        return inTargetFolders ? upward : [sourceDirectory]
    }

    /// `start` and its parents up to the first holding `Package.swift`; nil when there is none.
    private static func upToPackageRoot(from start: String) -> [String]? {
        var directories: [String] = []
        var directory = start
        while true {
            directories.append(directory)
            if FileManager.default.fileExists(atPath: join(directory, "Package.swift")) { return directories }
            let up = parent(of: directory)
            if up == directory { return nil }
            directory = up
        }
    }

    private static func parent(of path: String) -> String {
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "/" : parent
    }

    static func join(_ base: String, _ path: String) -> String {
        base.hasSuffix("/") ? base + path : base + "/" + path
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
