import CMicroFlaskSystem
import Foundation
import Glibc

/// Tells which watched files changed since it was last asked: through inotify (every folder of
/// the watched trees has a watch; new folders get one as they appear), or, where inotify is not
/// available (its watch limit reached, some container file systems), by comparing modification
/// times and sizes on each call. `changes()` never blocks; the reloader calls it on its tick.
final class FileWatcher {
    private let root: String
    private let trees: [String]
    private let files: [String]
    private var inotify: Int32 = -1
    private var folders: [Int32: String] = [:]
    private var snapshot: [String: String] = [:]

    /// Watches the folders `trees` (recursively) and the single `files`, relative to `root`;
    /// `inotify: false` compares modification times instead (the fallback, for its test).
    init(root: String, trees: [String], files: [String], inotify useInotify: Bool = true) {
        self.root = root
        self.trees = trees.map { FileWatcher.join(root, $0) }
        self.files = files.map { FileWatcher.join(root, $0) }
        if useInotify,
            let fd = try? Syscall.retrying("inotify_init1", { Int(inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))) })
        {
            inotify = Int32(fd)
            var ok = watch(root, recursive: false)
            for tree in self.trees where FileWatcher.isDirectory(tree) { ok = ok && watch(tree, recursive: true) }
            if !ok {
                close(inotify)
                inotify = -1
            }
        }
        if inotify < 0 { snapshot = takeSnapshot() }
    }

    deinit { if inotify >= 0 { close(inotify) } }

    /// How changes are noticed, for the banner.
    var method: String { inotify >= 0 ? "inotify" : "polling" }

    /// The files changed since the last call (paths relative to the root), without repeats.
    func changes() -> [String] {
        inotify >= 0 ? readEvents() : compareSnapshots()
    }

    private func relative(_ path: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }

    private func watch(_ folder: String, recursive: Bool) -> Bool {
        let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_TO | IN_MOVED_FROM | IN_ATTRIB)
        guard let wd = try? Syscall.retrying("inotify_add_watch", { Int(inotify_add_watch(inotify, folder, mask)) })
        else { return false }
        folders[Int32(wd)] = folder
        guard recursive else { return true }
        let children = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for child in children.sorted() where !child.hasPrefix(".") {
            let path = FileWatcher.join(folder, child)
            if FileWatcher.isDirectory(path), !watch(path, recursive: true) { return false }
        }
        return true
    }

    private func isWatched(_ path: String) -> Bool {
        files.contains(path) || trees.contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    private func readEvents() -> [String] {
        var changed: [String] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in
                (try? Syscall.nonBlocking("read") { read(inotify, raw.baseAddress, raw.count) }) ?? .wouldBlock
            }
            guard case .done(let length) = count, length > 0 else { break }
            var offset = 0
            // struct inotify_event: int wd; uint32 mask, cookie, len; char name[len].
            while offset + 16 <= length {
                let (wd, mask, nameLength) = buffer.withUnsafeBytes { raw in
                    (
                        raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                        raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                        Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    )
                }
                let nameBytes = buffer[(offset + 16)..<min(length, offset + 16 + nameLength)]
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                offset += 16 + nameLength
                guard let folder = folders[wd], !name.isEmpty, !name.hasPrefix(".") else { continue }
                let path = FileWatcher.join(folder, name)
                if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, isWatched(path) {
                    _ = watch(path, recursive: true)
                }
                if isWatched(path), !changed.contains(relative(path)) { changed.append(relative(path)) }
            }
        }
        return changed
    }

    private func takeSnapshot() -> [String: String] {
        var result: [String: String] = [:]
        func record(_ path: String) {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return }
            let date = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            result[path] = "\(date) \(attributes[.size] as? Int ?? 0)"
        }
        for file in files { record(file) }
        for tree in trees {
            guard let walker = FileManager.default.enumerator(atPath: tree) else { continue }
            while let child = walker.nextObject() as? String {
                if !child.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                    record(FileWatcher.join(tree, child))
                }
            }
        }
        return result
    }

    private func compareSnapshots() -> [String] {
        let now = takeSnapshot()
        defer { snapshot = now }
        let keys = Set(now.keys).union(snapshot.keys)
        return keys.filter { now[$0] != snapshot[$0] }.sorted().map(relative)
    }

    static func join(_ base: String, _ path: String) -> String { base.hasSuffix("/") ? base + path : base + "/" + path }

    static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}
