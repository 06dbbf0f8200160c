import Foundation
import SSCompilers

/// A caching view of the file system for one build or one watch session: each file is
/// read and digested at most once until `invalidate` names it. Safe to share between
/// the threads of a parallel build.
public final class FileSnapshot: SourceResolver, @unchecked Sendable {
    private let base: any SourceResolver
    private let lock = NSLock()
    private var data: [String: Data?] = [:]
    private var digests: [String: ContentDigest?] = [:]
    private var listings: [String: [String]?] = [:]
    private var directories: [String: Bool] = [:]
    private var structure = 0

    public init(_ base: any SourceResolver) { self.base = base }

    /// Changes whenever a listing or a directory's existence may have changed, so file
    /// discovery can be reused while it stays the same.
    public var structureGeneration: Int { lock.withLock { structure } }

    /// Forgets the contents of files that are known to exist already (an edit, not a
    /// create or delete): listings stay, so discovery is reused.
    public func invalidateContents(_ paths: [String]) {
        lock.lock(); defer { lock.unlock() }
        for path in paths {
            data[path] = nil
            digests[path] = nil
        }
    }

    /// True when the path was seen as a folder (its listing or existence was cached).
    public func isKnownDirectory(_ path: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        if directories[path] == true { return true }
        if let listing = listings[path], listing != nil { return true }
        return false
    }

    /// True when the file is known to exist: read before, or named by its folder's cached
    /// listing (so an edit to it changes no listing).
    public func isListed(_ path: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        // A file read before existed then; an edit does not change its folder's listing.
        if let cached = data[path], cached != nil { return true }
        guard let listing = listings[PathUtil.dirname(path)], let names = listing else { return false }
        return names.contains(PathUtil.basename(path))
    }

    /// Forgets the given paths (and every listing of their folders), after a change.
    public func invalidate(_ paths: [String]) {
        lock.lock(); defer { lock.unlock() }
        structure += 1
        for path in paths {
            data[path] = nil
            digests[path] = nil
            directories[path] = nil
            listings[path] = nil
            listings[PathUtil.dirname(path)] = nil
        }
    }

    /// Forgets everything (after an inotify overflow).
    public func invalidateAll() {
        lock.lock(); defer { lock.unlock() }
        data.removeAll(); digests.removeAll(); listings.removeAll(); directories.removeAll()
        structure += 1
    }

    public func readData(_ path: String) -> Data? {
        lock.lock()
        if let cached = data[path] { lock.unlock(); return cached }
        lock.unlock()
        let fresh = base.readData(path)
        lock.lock(); defer { lock.unlock() }
        data[path] = fresh
        return fresh
    }

    public func readText(_ path: String) -> String? {
        readData(path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The digest of a file's current bytes, or nil when it does not exist.
    public func digest(_ path: String) -> ContentDigest? {
        lock.lock()
        if let cached = digests[path] { lock.unlock(); return cached }
        lock.unlock()
        let value = readData(path).map { ContentDigest($0) }
        lock.lock(); defer { lock.unlock() }
        digests[path] = value
        return value
    }

    public func fileExists(_ path: String) -> Bool {
        lock.lock()
        if let cached = data[path] { lock.unlock(); return cached != nil }
        lock.unlock()
        return base.fileExists(path)
    }

    public func directoryExists(_ path: String) -> Bool {
        lock.lock()
        if let cached = directories[path] { lock.unlock(); return cached }
        lock.unlock()
        let value = base.directoryExists(path)
        lock.lock(); defer { lock.unlock() }
        directories[path] = value
        return value
    }

    public func contentsOfDirectory(_ path: String) -> [String]? {
        lock.lock()
        if let cached = listings[path] { lock.unlock(); return cached }
        lock.unlock()
        let value = base.contentsOfDirectory(path)
        lock.lock(); defer { lock.unlock() }
        listings[path] = value
        return value
    }
}
