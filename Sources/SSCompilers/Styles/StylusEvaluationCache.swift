import Foundation

/// Evaluations of a stylesheet's top-level statements kept between compiles, so that a
/// watch-mode rebuild after one partial changed evaluates that partial (and whatever
/// depends on what it defines) and copies the rest. Output is byte-identical to a compile
/// without the cache: the cache only skips work whose result it can prove unchanged, and
/// otherwise the compile takes the ordinary path.
///
/// Each top-level statement of the main file (in practice each `@import` of a partial) is
/// one unit. A unit's stored evaluation is reused when:
/// - the main file's text and the options are the same, and no statement before it
///   spliced nodes into the root;
/// - every global name it read (variables, mixins, functions, and names it found
///   unbound, and `@require`d files) is bound to a value with the same structural digest
///   (`StyNodeDigest`, positions included) as when it was stored;
/// - every question it asked the resolver (file texts, existence, listings) gets the same
///   answer, and the evaluation step budget has room for it.
/// Reuse then adds its stored nodes (fresh copies, with the parent links the normaliser
/// follows) and binds the globals it defined. Stylus lets evaluation change a value in
/// place (`push`, `obj.key = v`, re-evaluated identifiers), which would reach stored nodes
/// that alias it: the compile watches the digest of every global it reads, and if one
/// changes it discards its stored units and compiles again without reuse (and the next
/// compile runs without reuse too, checking again). `selector-exists()` reads the whole
/// tree and also turns reuse off. `--resolve-url` compiles always take the ordinary path.
///
/// ```swift
/// let parses = StylusParseCache()
/// let evaluations = StylusEvaluationCache()   // one per watch session
/// let result = StylusCompiler().compile(file, resolver: resolver, cache: parses, evaluations: evaluations)
/// ```
///
/// Safe to share between threads (a stylesheet compiled on two threads at once simply
/// stores whichever finishes last).
public final class StylusEvaluationCache: @unchecked Sendable {
    private let lock = NSLock()
    private var sheets: [String: StyMemoSheet] = [:]
    /// The most stylesheets kept; past it the cache starts over.
    public let capacity: Int
    /// Statements whose stored evaluation was reused, and statements evaluated, since creation.
    public private(set) var reusedStatements = 0
    public private(set) var evaluatedStatements = 0
    /// Compiles that found a value changed in place and compiled again without reuse.
    public private(set) var fallbacks = 0
    /// The last compile's statements that could not be stored, by index, with the
    /// `StyMemoCopier` check that refused them (for tests).
    var lastUnstorable: [Int: Int] {
        get {
            lock.lock()
            defer { lock.unlock() }
            return unstorable
        }
        set {
            lock.lock()
            unstorable = newValue
            lock.unlock()
        }
    }
    private var unstorable: [Int: Int] = [:]
    /// Statements the last compile printed from stored text without normalising them, and
    /// compiles that started over because an `@extend` reached such a statement (for tests;
    /// written by the compile that holds the sheet, like `lastUnstorable`).
    var lastSkipped: Int {
        get { locked { skippedCount } }
        set { locked { skippedCount = newValue } }
    }
    var normalizeRedos: Int {
        get { locked { redoCount } }
        set { locked { redoCount = newValue } }
    }
    private var skippedCount = 0
    private var redoCount = 0

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
    /// Why the last compile evaluated stored statements again (see `StyMemoSession.rejected`).
    var lastRejected: [String] {
        lock.lock()
        defer { lock.unlock() }
        return rejected
    }
    private var rejected: [String] = []

    /// - Parameter capacity: the most stylesheets kept.
    public init(capacity: Int = 256) {
        self.capacity = max(1, capacity)
    }

    /// Number of stored statement evaluations, over all stylesheets.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return sheets.values.reduce(0) { $0 + $1.units.count }
    }

    /// Forgets every stored evaluation.
    public func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        sheets = [:]
    }

    func sheet(_ path: String) -> StyMemoSheet? {
        lock.lock()
        defer { lock.unlock() }
        return sheets[path]
    }

    /// Records a compile: `units` replace the stored ones at their indexes (all of them
    /// when `key` changed), `poisoned` marks a stylesheet whose next compile must not reuse.
    func record(
        path: String, key: String, units: [Int: StyMemoUnit], poisoned: Bool, reused: Int, evaluated: Int,
        fellBack: Bool, rejected: [String] = []
    ) {
        lock.lock()
        defer { lock.unlock() }
        self.rejected = rejected
        reusedStatements += reused
        evaluatedStatements += evaluated
        if fellBack { fallbacks += 1 }
        var merged: [Int: StyMemoUnit] = [:]
        if let old = sheets[path], old.key == key, !poisoned { merged = old.units }
        if poisoned {
            merged = [:]
        } else {
            for (i, u) in units { merged[i] = u }
        }
        if sheets[path] == nil && sheets.count >= capacity { sheets = [:] }
        sheets[path] = StyMemoSheet(key: key, units: merged, poisoned: poisoned)
    }
}

/// The stored evaluations of one main file (immutable; replaced as a whole).
struct StyMemoSheet {
    /// The main file's text and the options that evaluation depends on.
    let key: String
    let units: [Int: StyMemoUnit]
    /// A value changed in place during the last compile: the next one does not reuse.
    let poisoned: Bool
}

/// One compile's copy of a stored statement: its result and the values it binds (in the
/// order of `StyMemoUnit.writes`), with the arena that holds their blocks.
struct StyMemoInstance {
    let output: StyNode
    let values: [StyNode]
    let arena: StyArena
}

/// One question a stored evaluation asked the resolver, with the answer's digest.
struct StyResolverQuery {
    enum Kind { case text, data, file, directory, listing }
    let kind: Kind
    let path: String
    let answer: Int
}

/// The stored evaluation of one top-level statement. Its trees are master copies: never
/// evaluated or changed, only copied (by any thread) into a compile.
final class StyMemoUnit: @unchecked Sendable {
    /// Global names read before the statement bound them, with their binding's token.
    let reads: [(name: String, token: UInt64)]
    let queries: [StyResolverQuery]
    /// The statement's result (what the root holds in its place).
    let output: StyNode
    /// Globals bound, with their final values (master copies) and tokens.
    let writes: [(name: String, value: StyNode, token: UInt64)]
    let warnings: [String]
    /// Files whose text the statement kept for diagnostics (`sources`).
    let sources: [String]
    let steps: Int
    let maxStepsDelta: Int
    /// The last interpolated selector (`selector()` reads it) when the statement first
    /// read it, and when it ended, if it read or set it.
    let selectorCacheBefore: String??
    let selectorCacheAfter: String??
    /// Every block of the master copies, for the teardown (the trees hold reference cycles).
    private let blocks: [StyBlock]
    /// A compile's copy made ahead (after the last compile had its result), so the next
    /// compile that reuses this statement does not wait for the copy.
    private let spareLock = NSLock()
    private var spare: StyMemoInstance?
    /// The statement printed, with the digest of the selectors `@extend` had added to its
    /// groups (`StyNormalizedStatements`); never changed after it is stored.
    private var printed: (additions: Int?, printer: StyPrinter)?

    /// The stored printed output, if it was printed with the same `@extend` additions.
    func printed(additions: Int?) -> StyPrinter? {
        spareLock.lock()
        defer { spareLock.unlock() }
        guard let printed, printed.additions == additions else { return nil }
        return printed.printer
    }

    func storePrinted(additions: Int?, _ printer: StyPrinter) {
        spareLock.lock()
        printed = (additions, printer)
        spareLock.unlock()
    }

    /// The selector-map keys the statement's groups added when it was normalised and its
    /// `@extend`s, stored when those can be replayed (`StyNormalizer.skippable`).
    private var normalized: StyNormalizedSummary?

    /// The summary, when the statement can be printed from stored text without normalising:
    /// its `@extend`s can be replayed and its stored text was printed without additions to
    /// its groups.
    func skippableSummary() -> StyNormalizedSummary? {
        spareLock.lock()
        defer { spareLock.unlock() }
        guard let printed, printed.additions == nil else { return nil }
        return normalized
    }

    var hasNormalized: Bool {
        spareLock.lock()
        defer { spareLock.unlock() }
        return normalized != nil
    }

    func storeNormalized(_ summary: StyNormalizedSummary) {
        spareLock.lock()
        normalized = summary
        spareLock.unlock()
    }

    init(
        reads: [(name: String, token: UInt64)], queries: [StyResolverQuery], output: StyNode,
        writes: [(name: String, value: StyNode, token: UInt64)], warnings: [String], sources: [String],
        steps: Int, maxStepsDelta: Int, selectorCacheBefore: String??, selectorCacheAfter: String??,
        blocks: [StyBlock]
    ) {
        self.reads = reads
        self.queries = queries
        self.output = output
        self.writes = writes
        self.warnings = warnings
        self.sources = sources
        self.steps = steps
        self.maxStepsDelta = maxStepsDelta
        self.selectorCacheBefore = selectorCacheBefore
        self.selectorCacheAfter = selectorCacheAfter
        self.blocks = blocks
    }

    /// A copy of the stored result and bound values for one compile, in its own arena.
    func instance() -> StyMemoInstance {
        spareLock.lock()
        let ready = spare
        spare = nil
        spareLock.unlock()
        return ready ?? makeInstance()
    }

    /// Makes the copy the next `instance()` returns (run after a compile has its result).
    func prepareSpare() {
        spareLock.lock()
        let has = spare != nil
        spareLock.unlock()
        if has { return }
        let made = makeInstance()
        spareLock.lock()
        if spare == nil {
            spare = made
            spareLock.unlock()
        } else {
            spareLock.unlock()
            made.arena.teardown()
        }
    }

    private func makeInstance() -> StyMemoInstance {
        let arena = StyArena()
        var copier = StyMemoCopier(toMaster: false, arena: arena)
        let out = copier.copy(output, enclosing: nil, into: styDetachedParent)
        let values = writes.map { w in
            w.name.hasPrefix(StyMemoSession.requirePrefix) ? w.value : copier.value(w.value)
        }
        return StyMemoInstance(output: out, values: values, arena: arena)
    }

    deinit {
        spare?.arena.teardown()
        for b in blocks {
            b.nodes = []
            b.parent = nil
            b.node = nil
        }
    }
}
