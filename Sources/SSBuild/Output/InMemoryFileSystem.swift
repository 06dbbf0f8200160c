import Foundation
import SSCompilers

/// A thread-safe file system held in memory, with POSIX-like rules (a parent directory
/// must exist, rename replaces a file or an empty directory), for hermetic tests of
/// release logic.
///
/// ```swift
/// let fs = InMemoryFileSystem(files: ["/app/public/index.html": Data("old".utf8)])
/// let before = fs.snapshot(under: "/app/public")
/// // ... run code that fails ...
/// fs.snapshot(under: "/app/public") == before
/// ```
public final class InMemoryFileSystem: FileSystem, @unchecked Sendable {
    /// Every file and directory below a root, for byte-for-byte tree comparisons.
    public struct Snapshot: Equatable, Sendable, CustomStringConvertible {
        /// Path -> bytes, for files.
        public var files: [String: Data]
        /// Paths of directories (the root itself excluded).
        public var directories: Set<String>

        public var description: String {
            let lines =
                files.keys.sorted().map { "\($0) (\(files[$0]!.count) bytes)" }
                + directories.sorted().map { "\($0)/" }
            return lines.sorted().joined(separator: "\n")
        }
    }

    // Guarded by `lock`; a class with a lock because the protocol's methods are non-mutating.
    private var files: [String: Data] = [:]
    private var directories: Set<String> = ["/", "."]
    private let lock = NSLock()

    /// Creates a file system holding `files`; their parent directories are created.
    public init(files: [String: Data] = [:]) {
        for (path, data) in files {
            let key = PathUtil.normalize(path)
            var dir = PathUtil.dirname(key)
            while !directories.contains(dir) {
                directories.insert(dir)
                dir = PathUtil.dirname(dir)
            }
            self.files[key] = data
        }
    }

    /// The tree below `root`, with paths relative to `root`.
    public func snapshot(under root: String) -> Snapshot {
        let base = PathUtil.normalize(root)
        let prefix = base == "/" ? "/" : base + "/"
        return lock.withLock {
            var snap = Snapshot(files: [:], directories: [])
            for (path, data) in files where path.hasPrefix(prefix) {
                snap.files[String(path.dropFirst(prefix.count))] = data
            }
            for dir in directories where dir.hasPrefix(prefix) {
                snap.directories.insert(String(dir.dropFirst(prefix.count)))
            }
            return snap
        }
    }

    public func readFile(_ path: String) throws(FileSystemError) -> Data {
        let key = PathUtil.normalize(path)
        guard let data = lock.withLock({ files[key] }) else { throw FileSystemError("read", path, "No such file") }
        return data
    }

    public func writeFile(_ path: String, _ data: Data) throws(FileSystemError) {
        let key = PathUtil.normalize(path)
        let error: FileSystemError? = lock.withLock {
            guard directories.contains(PathUtil.dirname(key)) else {
                return FileSystemError("write", path, "No such file or directory")
            }
            guard !directories.contains(key) else { return FileSystemError("write", path, "Is a directory") }
            files[key] = data
            return nil
        }
        if let error { throw error }
    }

    public func rename(_ from: String, _ to: String) throws(FileSystemError) {
        let source = PathUtil.normalize(from)
        let target = PathUtil.normalize(to)
        let error: FileSystemError? = lock.withLock { renameLocked(source, target, label: "\(from) -> \(to)") }
        if let error { throw error }
    }

    private func renameLocked(_ source: String, _ target: String, label: String) -> FileSystemError? {
        guard directories.contains(PathUtil.dirname(target)) else {
            return FileSystemError("rename", label, "No such file or directory")
        }
        if source == target { return nil }
        if let data = files[source] {
            if directories.contains(target) { return FileSystemError("rename", label, "Is a directory") }
            files[source] = nil
            files[target] = data
            return nil
        }
        guard directories.contains(source) else { return FileSystemError("rename", label, "No such file or directory") }
        if files[target] != nil { return FileSystemError("rename", label, "Not a directory") }
        if target.hasPrefix(source + "/") { return FileSystemError("rename", label, "Invalid argument") }
        if directories.contains(target), hasChildrenLocked(target) {
            return FileSystemError("rename", label, "Directory not empty")
        }
        let prefix = source + "/"
        for (path, data) in files where path.hasPrefix(prefix) {
            files[path] = nil
            files[target + "/" + path.dropFirst(prefix.count)] = data
        }
        for dir in directories where dir == source || dir.hasPrefix(prefix) {
            directories.remove(dir)
            directories.insert(target + dir.dropFirst(source.count))
        }
        return nil
    }

    public func removeItem(_ path: String) throws(FileSystemError) {
        let key = PathUtil.normalize(path)
        lock.withLock {
            files[key] = nil
            guard directories.contains(key), key != "/", key != "." else { return }
            directories.remove(key)
            let prefix = key + "/"
            files = files.filter { !$0.key.hasPrefix(prefix) }
            directories = directories.filter { !$0.hasPrefix(prefix) }
        }
    }

    public func contentsOfDirectory(_ path: String) throws(FileSystemError) -> [String] {
        let key = PathUtil.normalize(path)
        let names: [String]? = lock.withLock {
            guard directories.contains(key) else { return nil }
            let prefix = key == "/" ? "/" : key + "/"
            var names = Set<String>()
            for p in Array(files.keys) + Array(directories) where p.hasPrefix(prefix) && p != key {
                let rest = p.dropFirst(prefix.count)
                if !rest.isEmpty, !rest.contains("/") { names.insert(String(rest)) }
            }
            return names.sorted()
        }
        guard let names else { throw FileSystemError("list", path, "No such directory") }
        return names
    }

    public func createDirectory(_ path: String, intermediates: Bool) throws(FileSystemError) {
        let key = PathUtil.normalize(path)
        let error: FileSystemError? = lock.withLock {
            if directories.contains(key) { return intermediates ? nil : FileSystemError("mkdir", path, "File exists") }
            if files[key] != nil { return FileSystemError("mkdir", path, "File exists") }
            var missing = [key]
            var parent = PathUtil.dirname(key)
            while !directories.contains(parent) {
                guard intermediates, files[parent] == nil else {
                    return FileSystemError("mkdir", path, "No such file or directory")
                }
                missing.append(parent)
                parent = PathUtil.dirname(parent)
            }
            directories.formUnion(missing)
            return nil
        }
        if let error { throw error }
    }

    public func itemKind(_ path: String) -> FileSystemItemKind? {
        let key = PathUtil.normalize(path)
        return lock.withLock {
            if files[key] != nil { return .file }
            return directories.contains(key) ? .directory : nil
        }
    }

    public func syncDirectory(_ path: String) throws(FileSystemError) {
        guard itemKind(path) == .directory else { throw FileSystemError("fsync", path, "No such directory") }
    }

    private func hasChildrenLocked(_ dir: String) -> Bool {
        let prefix = dir + "/"
        return files.keys.contains { $0.hasPrefix(prefix) } || directories.contains { $0.hasPrefix(prefix) }
    }
}
