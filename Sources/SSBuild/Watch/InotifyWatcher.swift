#if canImport(Glibc)
import Foundation
import Glibc

/// Watches folders recursively with raw inotify (one fd, no global state, CLOEXEC so
/// spawned tools do not inherit it) and reports changes as project-relative paths.
///
/// A directory created after start is watched at once and then scanned, because files
/// written into it before the watch existed produce no event. A queue overflow or a
/// failed watch (the `max_user_watches` limit) is reported as `.rescan`.
///
/// ```swift
/// let watcher = try InotifyWatcher(root: "/app", folders: ["app", "lib", "config", "public"])
/// watcher.start { changes in print(changes) }
/// ```
public final class InotifyWatcher: @unchecked Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case cannotInitialize(Int32)
        public var description: String {
            switch self {
            case .cannotInitialize(let code): return "inotify_init1 failed: \(String(cString: strerror(code)))"
            }
        }
    }

    public let root: String
    public let folders: [String]
    /// Paths (relative) the watcher must not report, such as `public/assets`.
    public let ignore: @Sendable (String) -> Bool
    /// Warnings (watch limit reached) go here; the default prints to standard error.
    public var onWarning: @Sendable (String) -> Void = { message in
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    private let fd: Int32
    private let lock = NSLock()
    private var pathsByWatch: [Int32: String] = [:]
    private var stopped = false
    private var thread: Thread?

    static let fileMask = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM)
        | UInt32(IN_CREATE) | UInt32(IN_DELETE) | UInt32(IN_DELETE_SELF) | UInt32(IN_ATTRIB)

    public init(root: String, folders: [String], ignore: @escaping @Sendable (String) -> Bool = { _ in false }) throws {
        self.root = root
        self.folders = folders
        self.ignore = ignore
        fd = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        if fd < 0 { throw Failure.cannotInitialize(errno) }
    }

    deinit {
        stop()
        close(fd)
    }

    /// Adds watches and starts the reader thread; `handler` runs on that thread.
    public func start(_ handler: @escaping @Sendable ([FileChange]) -> Void) {
        for folder in folders { _ = addTree(folder) }
        let thread = Thread { [weak self] in self?.readLoop(handler) }
        thread.name = "ssbuild-inotify"
        lock.withLock { self.thread = thread }
        thread.start()
    }

    public func stop() {
        lock.withLock { stopped = true }
    }

    /// The number of directories being watched.
    public var watchCount: Int { lock.withLock { pathsByWatch.count } }

    /// Watches `relative` and every folder below it; returns the files found inside (for
    /// a directory that appeared after start, those files are changes too).
    @discardableResult
    func addTree(_ relative: String) -> [String] {
        var files: [String] = []
        var stack = [relative]
        var visited = 0
        while let dir = stack.popLast(), visited < 100_000 {
            visited += 1
            if ignore(dir) { continue }
            let full = root + "/" + dir
            let wd = inotify_add_watch(fd, full, Self.fileMask | UInt32(IN_ONLYDIR))
            if wd < 0 {
                let code = errno
                if code == ENOSPC {
                    onWarning("inotify watch limit reached at \(dir); raise fs.inotify.max_user_watches. "
                        + "Changes there are picked up by full rescans.")
                }
                continue
            }
            lock.withLock { pathsByWatch[wd] = dir }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: full) else { continue }
            for name in names.sorted() {
                let child = dir + "/" + name
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: root + "/" + child, isDirectory: &isDirectory) else {
                    continue
                }
                if isDirectory.boolValue { stack.append(child) } else if !ignore(child) { files.append(child) }
            }
        }
        return files
    }

    private func readLoop(_ handler: @Sendable ([FileChange]) -> Void) {
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        while !lock.withLock({ stopped }) {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, 100)
            if ready <= 0 { continue }
            let count = read(fd, buffer, size)
            if count <= 0 { continue }
            let changes = decode(buffer, count: count)
            if !changes.isEmpty { handler(changes) }
        }
    }

    /// Walks the variable-length `inotify_event` records of one read.
    private func decode(_ buffer: UnsafeMutableRawPointer, count: Int) -> [FileChange] {
        var changes: [FileChange] = []
        var offset = 0
        let headerSize = MemoryLayout<inotify_event>.size
        while offset + headerSize <= count {
            let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
            // `name` is a flexible array member Swift does not import: it follows the header.
            var name = ""
            if event.len > 0 {
                let namePointer = buffer.advanced(by: offset + headerSize).assumingMemoryBound(to: CChar.self)
                name = String(cString: namePointer)
            }
            offset += headerSize + Int(event.len)
            changes += translate(event, name: name)
        }
        return changes
    }

    private func translate(_ event: inotify_event, name: String) -> [FileChange] {
        let mask = event.mask
        if mask & UInt32(IN_Q_OVERFLOW) != 0 { return [FileChange(path: ".", kind: .rescan)] }
        guard let dir = lock.withLock({ pathsByWatch[event.wd] }) else { return [] }
        if mask & UInt32(IN_IGNORED) != 0 {
            lock.withLock { pathsByWatch[event.wd] = nil }
            return []
        }
        if mask & UInt32(IN_DELETE_SELF) != 0 { return [] }
        let path = name.isEmpty ? dir : dir + "/" + name
        if ignore(path) { return [] }
        let isDirectory = mask & UInt32(IN_ISDIR) != 0
        if isDirectory {
            if mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 {
                let files = addTree(path)
                return [FileChange(path: path, kind: .directoryCreated)]
                    + files.map { FileChange(path: $0, kind: .modified) }
            }
            if mask & (UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM)) != 0 {
                forgetTree(path)
                return [FileChange(path: path, kind: .removed)]
            }
            return []
        }
        if mask & (UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM)) != 0 { return [FileChange(path: path, kind: .removed)] }
        if mask & (UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_ATTRIB)) != 0 {
            return [FileChange(path: path, kind: .modified)]
        }
        // A bare IN_CREATE of a file: its content arrives with IN_CLOSE_WRITE. A hard or
        // symbolic link never gets one, so it counts now.
        if mask & UInt32(IN_CREATE) != 0 {
            var info = stat()
            if lstat(root + "/" + path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK || info.st_nlink > 1 {
                return [FileChange(path: path, kind: .modified)]
            }
        }
        return []
    }

    /// Drops the watches of a folder that moved away (a new watch comes if it reappears).
    private func forgetTree(_ path: String) {
        lock.withLock {
            for (wd, dir) in pathsByWatch where dir == path || dir.hasPrefix(path + "/") {
                inotify_rm_watch(fd, wd)
                pathsByWatch[wd] = nil
            }
        }
    }
}
#endif
