import Foundation
import SSCompilers

/// Remembers each compiled node with the digests of everything it read, so a rebuild
/// reuses a node unless its own source, its options, or one of its dependencies
/// changed. Dependents of a changed partial (a Stylus `@import`, a Jade `include`) are
/// found through the dependency lists; nothing else is recompiled.
public final class BuildCache: @unchecked Sendable {
    struct Entry {
        var key: ContentDigest
        var dependencies: [String: ContentDigest?]
        var result: CompileResult
        /// Changes whenever the node is compiled again, so derived work can be memoized.
        var revision: Int
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var touched = Set<String>()
    private var nextRevision = 0
    private var memo: [String: (revision: Int, value: any Sendable)] = [:]
    private(set) public var hits = 0
    private(set) public var misses = 0

    public init() {}

    /// Returns the cached result of `node` when still valid, or runs `compile` and
    /// stores its result. `key` covers the node's own source and options.
    public func result(
        for node: String, key: ContentDigest, snapshot: FileSnapshot,
        compile: () -> CompileResult
    ) -> CompileResult {
        revisioned(for: node, key: key, snapshot: snapshot, compile: compile).result
    }

    /// Like `result`, with the node's revision: equal revisions mean the same result.
    public func revisioned(
        for node: String, key: ContentDigest, snapshot: FileSnapshot,
        compile: () -> CompileResult
    ) -> (result: CompileResult, revision: Int) {
        lock.lock()
        let existing = entries[node]
        touched.insert(node)
        lock.unlock()
        if let existing, existing.key == key,
           existing.dependencies.allSatisfy({ snapshot.digest($0.key) == $0.value }) {
            lock.lock(); hits += 1; lock.unlock()
            return (existing.result, existing.revision)
        }
        let result = compile()
        var deps: [String: ContentDigest?] = [:]
        for path in result.dependencies { deps[path] = snapshot.digest(path) }
        lock.lock(); defer { lock.unlock() }
        misses += 1
        nextRevision += 1
        entries[node] = Entry(key: key, dependencies: deps, result: result, revision: nextRevision)
        return (result, nextRevision)
    }

    /// Memoizes work derived from a node (or several) at a given revision signature.
    public func derived<T: Sendable>(_ name: String, revision: Int, make: () -> T) -> T {
        lock.lock()
        if let hit = memo[name], hit.revision == revision, let value = hit.value as? T {
            touched.insert(name)
            lock.unlock()
            return value
        }
        lock.unlock()
        let value = make()
        lock.lock(); defer { lock.unlock() }
        memo[name] = (revision, value)
        touched.insert(name)
        return value
    }

    /// The files a node read when it was last compiled.
    public func dependencies(of node: String) -> Set<String>? {
        lock.lock(); defer { lock.unlock() }
        return entries[node].map { Set($0.dependencies.keys) }
    }

    /// Starts a build: nodes not asked for before `endBuild` are then dropped.
    public func beginBuild() {
        lock.lock(); defer { lock.unlock() }
        touched.removeAll()
    }

    /// Drops nodes the build did not use (a deleted file), so the cache cannot grow forever.
    public func endBuild() {
        lock.lock(); defer { lock.unlock() }
        // Most rebuilds touch everything again; filter only when something went unused.
        if touched.count < entries.count + memo.count {
            entries = entries.filter { touched.contains($0.key) }
            memo = memo.filter { touched.contains($0.key) }
        }
    }

    public func resetCounters() {
        lock.lock(); defer { lock.unlock() }
        hits = 0; misses = 0
    }
}
