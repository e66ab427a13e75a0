import Foundation

/// Finds an app's relative folders (`templates`, `static`) the way Flask finds them from its
/// `root_path`: next to the code that created the app, not in the working directory, so
/// `swift run App` works from any directory.
///
/// A relative folder is looked for, in order:
/// 1. in `config.rootPath`, when set (then only there);
/// 2. in the directory of the source file that called `App()` (`#filePath`) and each parent up
///    to the package root (the first directory holding `Package.swift`), so both
///    `Sources/App/templates` and a `templates` folder beside `Package.swift` are found;
/// 3. in the executable's directory and each parent up to a package root (a binary under
///    `.build/debug` finds its package), or, outside a package, the executable's directory and
///    its parent (`/opt/app/bin/app` finds `/opt/app/templates`).
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
        let fallback = packageRoot ?? candidates.first ?? FileManager.default.currentDirectoryPath
        return (
            AppRoot.join(fallback, folder),
            "looked for '\(folder)' in \(candidates.map { "'\($0)'" }.joined(separator: ", "))"
                + "; set config.rootPath or an absolute folder to choose"
        )
    }

    /// The directories searched, in order, without repeats.
    var candidates: [String] {
        var result: [String] = []
        let sourceDirectory = AppRoot.parent(of: sourceFile)
        if AppRoot.isDirectory(sourceDirectory) {
            result += AppRoot.upToPackageRoot(from: sourceDirectory) ?? [sourceDirectory]
        }
        if let executable {
            let directory = AppRoot.parent(of: executable)
            result += AppRoot.upToPackageRoot(from: directory) ?? [directory, AppRoot.parent(of: directory)]
        }
        var seen = Set<String>()
        return result.filter { seen.insert($0).inserted }
    }

    /// The package holding the source file (the first parent with `Package.swift`), if it exists here.
    private var packageRoot: String? {
        let sourceDirectory = AppRoot.parent(of: sourceFile)
        guard AppRoot.isDirectory(sourceDirectory) else { return nil }
        return AppRoot.upToPackageRoot(from: sourceDirectory)?.last
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
