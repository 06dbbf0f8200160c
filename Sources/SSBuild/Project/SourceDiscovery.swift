import SSCompilers

/// One source file of the project, by its path relative to the project root.
public struct ProjectFile: Hashable, Sendable {
    /// Path relative to the project root, `/`-separated (`app/client/users/online.js`).
    public var path: String
    /// Path relative to the folder it was discovered in (`users/online.js`).
    public var relativePath: String

    public init(path: String, relativePath: String) {
        self.path = path
        self.relativePath = relativePath
    }
}

/// Lists the project's source files through a resolver, in build order.
///
/// Names starting with `.` or `_`, and editor backups ending in `~`, are skipped
/// (0.0.55 skipped `.`/`_`; 0.0.56 added `~`). Recursive listings sort each folder's
/// entries by name in byte order and expand sub-folders in place.
public struct SourceDiscovery: Sendable {
    public let root: String
    public let resolver: any SourceResolver

    public init(root: String, resolver: any SourceResolver) {
        self.root = root
        self.resolver = resolver
    }

    public static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("_") || name.hasSuffix("~") || name.hasSuffix(".swp")
    }

    /// Every file below `folder` with one of `extensions` (lowercased, without dots).
    public func recursive(_ folder: String, extensions: Set<String>) -> [ProjectFile] {
        var out: [ProjectFile] = []
        walk(folder, relative: "", extensions: extensions, depth: 0, into: &out)
        return out
    }

    private func walk(_ folder: String, relative: String, extensions: Set<String>, depth: Int,
                      into out: inout [ProjectFile]) {
        // A symlink loop must not hang discovery; 64 levels is far beyond real apps.
        guard depth < 64, let names = resolver.contentsOfDirectory(absolute(folder)) else { return }
        // Resolvers return sorted listings; sorting again is cheap insurance only when needed.
        let ordered = zip(names, names.dropFirst()).allSatisfy { !ByteOrder.precedes($1, $0) }
            ? names : names.sorted(by: ByteOrder.precedes)
        for name in ordered where !Self.isIgnored(name) {
            let path = folder + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            if resolver.directoryExists(absolute(path)) {
                walk(path, relative: rel, extensions: extensions, depth: depth + 1, into: &out)
            } else if extensions.contains(PathUtil.pathExtension(name).lowercased()) {
                out.append(ProjectFile(path: path, relativePath: rel))
            }
        }
    }

    /// The files directly in `folder` with one of `extensions`, in natural numeric order.
    /// Sub-folders are reported separately so the caller can warn about them.
    public func flat(_ folder: String, extensions: Set<String>) -> (files: [ProjectFile], folders: [String]) {
        guard let names = resolver.contentsOfDirectory(absolute(folder)) else { return ([], []) }
        var files: [ProjectFile] = []
        var folders: [String] = []
        for name in names where !Self.isIgnored(name) {
            let path = folder + "/" + name
            if resolver.directoryExists(absolute(path)) {
                folders.append(path)
            } else if extensions.contains(PathUtil.pathExtension(name).lowercased()) {
                files.append(ProjectFile(path: path, relativePath: name))
            }
        }
        files.sort { NaturalOrder.precedes($0.relativePath, $1.relativePath) }
        return (files, folders.sorted(by: ByteOrder.precedes))
    }

    /// The absolute (or root-joined) path the resolver understands.
    public func absolute(_ path: String) -> String {
        PathUtil.join(root, path)
    }
}
