import Foundation

/// `--reload`: watches the package's `Sources/`, `Package.swift`, `templates/` and `static/`,
/// and after a change (debounced: 300 ms without another) rebuilds the running product with
/// `swift build --product NAME`. The supervisor swaps the workers (one, or `--workers N`) when a
/// build succeeds; a failed build prints the compiler's output and the old workers keep serving.
final class Reloader {
    /// The package root (the first parent of the executable holding `Package.swift`).
    let root: String
    /// The product to build: the executable's name.
    let product: String
    private let watcher: FileWatcher
    private let environment: [String: String]
    private var lastChange: Int?
    private var changedWhileBuilding = false
    private(set) var build: BuildRun?

    /// The quiet time after a change before building, in ms (editors write a file in steps).
    static let debounceMilliseconds = 300

    /// A reloader for the package that built `executable`; nil when it is not in a package.
    init?(executable: String, environment: [String: String]) {
        var folder = (executable as NSString).deletingLastPathComponent
        while folder != "/" && !folder.isEmpty
            && !FileManager.default.fileExists(atPath: FileWatcher.join(folder, "Package.swift"))
        {
            folder = (folder as NSString).deletingLastPathComponent
        }
        guard folder != "/" && !folder.isEmpty else { return nil }
        root = folder
        product = (executable as NSString).lastPathComponent
        self.environment = environment
        watcher = FileWatcher(
            root: folder, trees: ["Sources", "templates", "static"], files: ["Package.swift"])
    }

    /// How changes are noticed, for the banner.
    var method: String { watcher.method }

    /// Looks for changes; starts a build once they have settled. Call it every tick.
    func tick(now: Int, logger: Logger) {
        let changed = watcher.changes()
        // The last name: an editor writes a temporary file and renames it over the real one.
        if let last = changed.last {
            let more = changed.count > 1 ? " and \(changed.count - 1) more" : ""
            Logger.standardError(" * Detected change in '\(last)'\(more), rebuilding")
            lastChange = now
            if build != nil { changedWhileBuilding = true }
        }
        guard build == nil, let last = lastChange, now - last >= Reloader.debounceMilliseconds else { return }
        lastChange = nil
        do {
            build = try BuildRun(root: root, product: product, environment: environment)
        } catch {
            logger.error("Cannot start swift build: \(error)")
        }
    }

    /// Whether `pid` is the build under way.
    func isBuild(_ pid: pid_t) -> Bool { build?.pid == pid }

    /// The build ended: true when it succeeded (the supervisor then swaps the worker). A failed
    /// build's output is printed; a change made during the build starts another one.
    func buildEnded(_ termination: ChildProcess.Termination) -> Bool {
        guard let run = build else { return false }
        build = nil
        let output = run.collectedOutput()
        let seconds = String(format: "%.1f", Date().timeIntervalSince(run.started))
        if changedWhileBuilding {
            changedWhileBuilding = false
            lastChange = 0
        }
        guard termination == .exited(0) else {
            Logger.standardError(output.hasSuffix("\n") ? String(output.dropLast()) : output)
            Logger.standardError(
                " * Build failed (\(termination), \(seconds) s): the previous version keeps serving. Fix the error and save again."
            )
            return false
        }
        Logger.standardError(" * Build succeeded in \(seconds) s: restarting the worker")
        return true
    }
}
