import Foundation

/// Parsed stylesheets kept between compiles, keyed by path and checked against the text,
/// so a watch-mode rebuild after one partial changed re-parses that partial only.
///
/// The compiler stays a pure function: a cached tree is used only when the file's text
/// (and the class prefix) is byte-identical to the text it was parsed from, and every
/// compile evaluates its own copy of it (the reference implementation evaluates a copy of
/// each imported file too), so the output is the same with or without a cache.
///
/// ```swift
/// let cache = StylusParseCache()
/// let compiler = StylusCompiler()
/// var result = compiler.compile(file, resolver: resolver, cache: cache)  // parses everything
/// result = compiler.compile(file, resolver: resolver, cache: cache)      // parses only what changed
/// ```
///
/// Safe to share between threads. Entries for files that are no longer read stay until
/// `removeAll()` or until `capacity` is exceeded (then the cache starts over).
public final class StylusParseCache: @unchecked Sendable {
    /// A pristine parse: never evaluated, and without the parent/owner back-links (copies
    /// get fresh ones), so it is freed as soon as no entry or copy in progress holds it.
    struct Entry {
        let text: String
        let prefix: String
        let root: StyBlock
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    /// The most files kept.
    public let capacity: Int
    /// Parses served from the cache and parses run, since creation (for benchmarks).
    public private(set) var hits = 0
    public private(set) var misses = 0

    /// - Parameter capacity: the most files kept; past it the cache is emptied and refilled.
    public init(capacity: Int = 10_000) {
        self.capacity = max(1, capacity)
    }

    /// Number of files cached.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }

    /// Forgets every cached parse.
    public func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        entries = [:]
    }

    /// The cached, never-evaluated tree of `path` (for tests).
    func pristine(_ path: String) -> StyBlock? {
        lock.lock()
        defer { lock.unlock() }
        return entries[path]?.root
    }

    /// A fresh, evaluable copy of `text` parsed, registered in `arena` and rooted in
    /// `makeRoot()`; `parse` parses into the root it is given (only on a miss).
    func tree(
        path: String, text: String, prefix: String, arena: StyArena, makeRoot: () -> StyBlock,
        parse: (StyBlock) throws -> StyBlock
    ) throws -> StyBlock {
        lock.lock()
        let cached = entries[path]
        lock.unlock()
        let pristine: StyBlock
        if let cached, cached.text == text, cached.prefix == prefix {
            pristine = cached.root
            count(hit: true)
        } else {
            pristine = try parsePristine(text: text, parse: makeRoot, into: parse)
            count(hit: false)
            lock.lock()
            if entries.count >= capacity && entries[path] == nil { entries = [:] }
            entries[path] = Entry(text: text, prefix: prefix, root: pristine)
            lock.unlock()
        }
        let root = makeRoot()
        arena.register(root)
        root.copyPosition(from: pristine)
        root.scope = pristine.scope
        root.nodes = pristine.nodes.map { $0.clone(root, root) }
        return root
    }

    private func count(hit: Bool) {
        lock.lock()
        if hit { hits += 1 } else { misses += 1 }
        lock.unlock()
    }

    /// Parses into a private arena, then cuts every block's back-links so the tree holds
    /// no reference cycle (copies are made top-down and pass parents and owners explicitly).
    private func parsePristine(
        text: String, parse makeRoot: () -> StyBlock, into parse: (StyBlock) throws -> StyBlock
    ) throws -> StyBlock {
        let arena = StyArena()
        let root = makeRoot()
        arena.register(root)
        let parsed: StyBlock
        do {
            parsed = try parse(root)
        } catch {
            arena.teardown()
            throw error
        }
        for block in arena.blocks {
            block.parent = nil
            block.node = nil
            block.arena = nil
        }
        return parsed
    }
}
