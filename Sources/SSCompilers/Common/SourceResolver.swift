import Foundation

/// The read-only file system a compiler sees. Compilers never touch the disk: the
/// caller passes a resolver, so the build graph learns every file a compile reads and
/// tests can use an in-memory map.
///
/// Paths are absolute or relative to the caller's working directory, joined with `/`.
/// Path resolution rules (relative imports, include paths, index files) belong to each
/// compiler; the resolver only answers questions about concrete paths.
///
/// ```swift
/// let resolver = InMemoryResolver(files: ["/app/css/vars.styl": "x = 1"])
/// resolver.readText("/app/css/vars.styl")   // "x = 1"
/// ```
public protocol SourceResolver: Sendable {
    /// The file's text, or nil when it does not exist or is not readable text.
    func readText(_ path: String) -> String?
    /// The file's bytes, or nil (for `image-size()`, `embedurl()`).
    func readData(_ path: String) -> Data?
    /// True for an existing regular file.
    func fileExists(_ path: String) -> Bool
    /// True for an existing directory.
    func directoryExists(_ path: String) -> Bool
    /// The names (not paths) of a directory's entries, sorted, or nil.
    func contentsOfDirectory(_ path: String) -> [String]?
}

extension SourceResolver {
    public func readData(_ path: String) -> Data? { readText(path).map { Data($0.utf8) } }
}

/// A resolver over a dictionary of path -> text; directories are implied by paths.
public struct InMemoryResolver: SourceResolver {
    public var files: [String: String]
    public var binaryFiles: [String: Data]

    public init(files: [String: String] = [:], binaryFiles: [String: Data] = [:]) {
        self.files = files
        self.binaryFiles = binaryFiles
    }

    public func readText(_ path: String) -> String? { files[PathUtil.normalize(path)] }

    public func readData(_ path: String) -> Data? {
        let key = PathUtil.normalize(path)
        return binaryFiles[key] ?? files[key].map { Data($0.utf8) }
    }

    public func fileExists(_ path: String) -> Bool {
        let key = PathUtil.normalize(path)
        return files[key] != nil || binaryFiles[key] != nil
    }

    public func directoryExists(_ path: String) -> Bool {
        let prefix = PathUtil.normalize(path) + "/"
        return allPaths.contains { $0.hasPrefix(prefix) }
    }

    public func contentsOfDirectory(_ path: String) -> [String]? {
        let prefix = PathUtil.normalize(path) + "/"
        var names = Set<String>()
        for p in allPaths where p.hasPrefix(prefix) {
            let rest = p.dropFirst(prefix.count)
            if let name = rest.split(separator: "/").first { names.insert(String(name)) }
        }
        return names.isEmpty ? nil : names.sorted()
    }

    private var allPaths: [String] { Array(files.keys) + Array(binaryFiles.keys) }
}

/// Pure string path helpers shared by the compilers (no file system access).
public enum PathUtil {
    /// Removes `.` segments, folds `..`, and collapses repeated slashes.
    public static func normalize(_ path: String) -> String {
        normalizeASCII(path) ?? normalizeCharacters(path)
    }

    /// `normalize` for any path, over Characters.
    static func normalizeCharacters(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// `normalize` over bytes, for ASCII paths (nil otherwise): splitting into Characters
    /// cost ~25k instructions a call, and every import is resolved through it once per
    /// search path.
    static func normalizeASCII(_ path: String) -> String? {
        let bytes = Array(path.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        let absolute = bytes.first == slash
        func isDotDot(_ r: Range<Int>) -> Bool { r.count == 2 && bytes[r.lowerBound] == dot && bytes[r.lowerBound + 1] == dot }
        // Kept segments, as ranges of `bytes`.
        var parts: [Range<Int>] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == slash {
                i += 1
                continue
            }
            var j = i
            while j < bytes.count && bytes[j] != slash { j += 1 }
            let part = i..<j
            if part.count == 1 && bytes[i] == dot {
                // "." is dropped
            } else if isDotDot(part) {
                if let last = parts.last, !isDotDot(last) {
                    parts.removeLast()
                } else if !absolute {
                    parts.append(part)
                }
            } else {
                parts.append(part)
            }
            i = j
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1)
        if absolute { out.append(slash) }
        for (k, part) in parts.enumerated() {
            if k > 0 { out.append(slash) }
            out.append(contentsOf: bytes[part])
        }
        if out.isEmpty { out.append(dot) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Joins `path` onto `base` unless `path` is absolute.
    public static func join(_ base: String, _ path: String) -> String {
        if path.hasPrefix("/") { return normalize(path) }
        if base.isEmpty || base == "." { return normalize(path) }
        return normalize(base + "/" + path)
    }

    /// The directory part of a path (`a/b/c.styl` -> `a/b`, `c.styl` -> `.`).
    public static func dirname(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The last path component.
    public static func basename(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The extension without the dot, or "" (`a/b.min.js` -> `js`).
    public static func pathExtension(_ path: String) -> String {
        let base = basename(path)
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return "" }
        return String(base[base.index(after: dot)...])
    }
}
