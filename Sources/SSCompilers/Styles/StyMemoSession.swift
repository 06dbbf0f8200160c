import Foundation

/// Thrown when a compile that reused stored evaluations saw a global value change in
/// place: the compile starts over without reuse (`StylusEvaluationCache`).
struct StyMemoFallback: Error {}

/// One compile's side of `StylusEvaluationCache`: the token of every global binding, the
/// statement being recorded, and the evaluations to store at the end.
///
/// A binding's token is the structural digest of its value when the statement that bound
/// it ended (1 for the built-in library and colours, 0 for unbound); a value without a
/// digest gets a token made from everything its statement read instead.
final class StyMemoSession {
    /// The main file's text and the options evaluation depends on.
    let key: String
    let stored: [Int: StyMemoUnit]
    let resolver: StyMemoResolver
    @exclusivity(unchecked) var tokens: [String: UInt64] = [:]
    /// No more reuse or storing (a statement changed the root or left state behind).
    @exclusivity(unchecked) var stopped = false
    /// A global value changed in place: nothing of this compile is stored.
    @exclusivity(unchecked) var poisoned = false
    @exclusivity(unchecked) var recording: StyMemoRecording?
    @exclusivity(unchecked) var fresh: [Int: StyMemoUnit] = [:]
    /// Stored statements reused by this compile, in order and by index.
    @exclusivity(unchecked) var used: [StyMemoUnit] = []
    @exclusivity(unchecked) var reusedAt: [Int: StyMemoUnit] = [:]

    /// The units the next compile will likely reuse, to copy ahead of it.
    var units: [StyMemoUnit] { used + fresh.values }
    /// Why stored statements were not reused: the global read that changed, or the check.
    @exclusivity(unchecked) var rejected: [String] = []
    /// Statements whose result could not be copied, with the copier's check (for tests).
    @exclusivity(unchecked) var unstorable: [Int: Int] = [:]
    @exclusivity(unchecked) var reused = 0
    @exclusivity(unchecked) var evaluated = 0

    /// Names of `@require`d files in the token table (they never clash with identifiers).
    static let requirePrefix = "\u{1}"

    init(key: String, stored: [Int: StyMemoUnit], resolver: StyMemoResolver) {
        self.key = key
        self.stored = stored
        self.resolver = resolver
    }

    static func key(_ text: String, _ options: StylusOptions) -> String {
        var k = "\(options.compress)|\(options.includeCSS)|\(options.hoistAtRules)|\(options.nativeLibrary)|"
        k += options.prefix.utf8.count.description + ":" + options.prefix + "|"
        for p in options.includePaths { k += p.utf8.count.description + ":" + p }
        return k + "|" + text
    }

    /// Watches `global` (colours and the library already bound, with token 1).
    func start(_ global: StyScope) {
        for name in global.locals.keys { tokens[name] = 1 }
        global.observer = self
    }

    // MARK: - Hooks (global scope, lookups, @require)

    func didRead(_ name: String, _ value: StyNode?) {
        guard let rec = recording, !rec.writtenSet.contains(name) else { return }
        if rec.readNames.insert(name).inserted { rec.reads.append((name, tokens[name] ?? 0)) }
        // Function bodies are never changed (calls evaluate copies).
        if let v = value, !(v is StyFunction), rec.watchedIDs.insert(ObjectIdentifier(v)).inserted {
            rec.watched.append((v, StyNodeDigest.of(v)))
        }
    }

    func didWrite(_ name: String) {
        guard let rec = recording else { return }
        if rec.writtenSet.insert(name).inserted { rec.written.append(name) }
    }

    func didReadRequire(_ file: String) {
        let name = StyMemoSession.requirePrefix + file
        guard let rec = recording, !rec.writtenSet.contains(name) else { return }
        if rec.readNames.insert(name).inserted { rec.reads.append((name, tokens[name] ?? 0)) }
    }

    /// Something read the whole tree (`selector-exists()`): nothing is reused or stored.
    func poison() {
        poisoned = true
        stopped = true
    }

    /// `selector()` reads the last interpolated selector: before the statement set it, that
    /// is state from earlier statements.
    func didReadSelectorCache(_ value: String?) {
        guard let rec = recording, !rec.selectorCacheWritten, rec.selectorCacheRead == nil else { return }
        rec.selectorCacheRead = .some(value)
    }

    func didRequire(_ file: String) {
        let name = StyMemoSession.requirePrefix + file
        didWrite(name)
        tokens[name] = 1
    }

    // MARK: - Statements

    func begin(_ ev: StyEvaluator) {
        let rec = StyMemoRecording()
        rec.steps = ev.steps
        rec.maxSteps = ev.maxSteps
        rec.warnings = ev.warnings.count
        rec.baseline = StyMemoSession.atBaseline(ev)
        recording = rec
        resolver.log = []
    }

    /// Ends the statement at `index` that gave `result`; stores it when `storable`.
    func end(_ ev: StyEvaluator, index: Int, result: StyNode, storable: Bool) throws {
        guard let rec = recording else { return }
        recording = nil
        let queries = resolver.log ?? []
        resolver.log = nil
        evaluated += 1
        var changed = poisoned
        for (node, digest) in rec.watched where !changed {
            if digest == nil || StyNodeDigest.of(node) != digest { changed = true }
        }
        if changed {
            poisoned = true
            stopped = true
            // Stored nodes added earlier may alias the changed value: start over.
            if reused > 0 { throw StyMemoFallback() }
            return
        }
        if !rec.baseline || !StyMemoSession.atBaseline(ev) { stopped = true }
        // Tokens of what the statement bound.
        var unitHasher = Hasher()
        unitHasher.combine(index)
        for r in rec.reads {
            unitHasher.combine(r.name)
            unitHasher.combine(r.token)
        }
        for q in queries {
            unitHasher.combine(q.path)
            unitHasher.combine(q.answer)
        }
        let unitKey = unitHasher.finalize()
        let global = ev.globalFrame.scope
        var writes: [(name: String, value: StyNode, token: UInt64)] = []
        for name in rec.written {
            if name.hasPrefix(StyMemoSession.requirePrefix) {
                writes.append((name, StyNull(), 1))
                continue
            }
            guard let value = global.peek(name) else { continue }
            var token: UInt64
            if let d = StyNodeDigest.of(value) {
                token = d
            } else {
                var h = Hasher()
                h.combine(unitKey)
                h.combine(name)
                token = StyNodeDigest.token(h.finalize())
            }
            tokens[name] = token
            writes.append((name, value, token))
        }
        guard storable, !stopped, !poisoned else { return }
        var copier = StyMemoCopier(toMaster: true, arena: nil)
        let output = copier.copy(result, enclosing: nil, into: styDetachedParent)
        let masterWrites = writes.map { w in (name: w.name, value: copier.value(w.value), token: w.token) }
        if let failure = copier.failure {
            unstorable[index] = failure
            return
        }
        fresh[index] = StyMemoUnit(
            reads: rec.reads, queries: queries, output: output, writes: masterWrites,
            warnings: Array(ev.warnings[min(rec.warnings, ev.warnings.count)...]), sources: rec.sources,
            steps: ev.steps - rec.steps, maxStepsDelta: ev.maxSteps - rec.maxSteps,
            selectorCacheBefore: rec.selectorCacheRead,
            selectorCacheAfter: rec.selectorCacheWritten ? .some(ev.selectorCache) : nil, blocks: copier.blocks)
    }

    /// The stored result of the statement at `index` added to this compile, or nil when
    /// it cannot be reused (then the statement is evaluated).
    func reuse(_ unit: StyMemoUnit, _ ev: StyEvaluator, at index: Int) -> StyNode? {
        guard !stopped, !poisoned, StyMemoSession.atBaseline(ev) else { return nil }
        if let before = unit.selectorCacheBefore, ev.selectorCache != before { return reject("selector cache") }
        guard ev.maxSteps - ev.steps >= unit.steps else { return reject("steps") }
        for r in unit.reads where (tokens[r.name] ?? 0) != r.token { return reject(r.name) }
        var texts: [String: String] = [:]
        guard resolver.replay(unit.queries, texts: &texts) else { return reject("files") }
        let instance = unit.instance()
        ev.arena.include(instance.arena)
        used.append(unit)
        reusedAt[index] = unit
        let global = ev.globalFrame.scope
        for (w, value) in zip(unit.writes, instance.values) {
            tokens[w.name] = w.token
            if w.name.hasPrefix(StyMemoSession.requirePrefix) {
                ev.requireHistory.insert(String(w.name.dropFirst(StyMemoSession.requirePrefix.count)))
            } else {
                global.add(w.name, value)
            }
        }
        ev.warnings.append(contentsOf: unit.warnings)
        for path in unit.sources { if let t = texts[path] { ev.sources[path] = t } }
        ev.steps += unit.steps
        ev.maxSteps += unit.maxStepsDelta
        if let after = unit.selectorCacheAfter { ev.selectorCache = after }
        reused += 1
        return instance.output
    }

    /// Notes why the statement being considered is evaluated again (for tests).
    private func reject(_ reason: String) -> StyNode? {
        rejected.append(reason)
        return nil
    }

    /// The evaluator's state between two root statements, as a statement expects it.
    static func atBaseline(_ ev: StyEvaluator) -> Bool {
        ev.importStack.isEmpty && ev.calling.isEmpty && ev.returnDepth == 0 && ev.property == nil
            && !ev.ignoreColors && ev.prefix == ev.options.prefix && ev.stack.frames.count == 1
            && ev.paths == ev.basePaths
    }
}

/// What one statement read and bound while it was evaluated.
final class StyMemoRecording {
    @exclusivity(unchecked) var reads: [(name: String, token: UInt64)] = []
    @exclusivity(unchecked) var readNames: Set<String> = []
    @exclusivity(unchecked) var written: [String] = []
    @exclusivity(unchecked) var writtenSet: Set<String> = []
    /// Values read from outside, with their digest when first read.
    @exclusivity(unchecked) var watched: [(node: StyNode, digest: UInt64?)] = []
    @exclusivity(unchecked) var watchedIDs: Set<ObjectIdentifier> = []
    @exclusivity(unchecked) var sources: [String] = []
    @exclusivity(unchecked) var steps = 0
    @exclusivity(unchecked) var maxSteps = 0
    @exclusivity(unchecked) var warnings = 0
    @exclusivity(unchecked) var selectorCacheRead: String??
    @exclusivity(unchecked) var selectorCacheWritten = false
    @exclusivity(unchecked) var baseline = true
}

extension StyEvaluator {
    /// One statement of the main file's root: reused from the evaluation cache, or
    /// evaluated (and recorded when a cache is in use).
    func visitRootNode(_ node: StyNode, at index: Int) throws -> StyNode {
        guard let memo else { return try visit(node) }
        if !memo.stopped, let unit = memo.stored[index], let output = memo.reuse(unit, self, at: index) {
            return output
        }
        let count = root.nodes.count
        let generation = root.generation
        memo.begin(self)
        let result = try visit(node)
        let spliced = root.nodes.count != count || root.generation != generation
        try memo.end(self, index: index, result: result, storable: !spliced)
        if spliced { memo.stopped = true }
        return result
    }

    /// The search paths between root statements.
    var basePaths: [String] { options.includePaths + [PathUtil.dirname(filename)] }
}
