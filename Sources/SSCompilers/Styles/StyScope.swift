import Foundation

/// Every name looked up or bound in one compile, interned: scopes key their bindings by
/// entry identity, so a name is hashed once per lookup however deep the scope chain. A
/// lookup of a name that was never bound (most property names) skips the chain, and the
/// built-in function a name resolves to is found once.
final class StyNameIndex {
    final class Entry {
        let name: String
        /// The index this entry belongs to: a node remembers its entry (`StyIdent.entry`),
        /// valid only in the compile that made it. Held strongly so it cannot be reused.
        let index: StyNameIndex
        @exclusivity(unchecked) var bound = false
        /// Bound in some scope other than the global one: only then can the scope chain
        /// give anything but the global binding.
        @exclusivity(unchecked) var boundLocally = false
        @exclusivity(unchecked) var resolved = false
        @exclusivity(unchecked) var function: StyFunction?
        /// This name's place in the global scope's bindings (-1: not bound there): the
        /// global scope is big, and each compile has one, with entries of its own.
        @exclusivity(unchecked) var globalSlot = -1
        init(_ name: String, _ index: StyNameIndex) {
            self.name = name
            self.index = index
        }
    }

    /// Open addressing over a power-of-two table, with FNV-1a over the name's bytes:
    /// names are short, and `Dictionary`'s seeded SipHash cost more than the rest of a
    /// lookup.
    @exclusivity(unchecked) private var table: [Entry?] = Array(repeating: nil, count: 256)
    @exclusivity(unchecked) private var count = 0

    var entries: [String: Entry] {
        var out: [String: Entry] = [:]
        for case let e? in table { out[e.name] = e }
        return out
    }

    static func hash(_ name: String) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        if let done = name.utf8.withContiguousStorageIfAvailable({ bytes -> UInt64 in
            var x = h
            for b in bytes { x = (x ^ UInt64(b)) &* 0x100_0000_01b3 }
            return x
        }) {
            h = done
        } else {
            for b in name.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    func entry(_ name: String) -> Entry {
        let mask = table.count - 1
        var i = StyNameIndex.hash(name) & mask
        while let e = table[i] {
            if e.name == name { return e }
            i = (i + 1) & mask
        }
        let e = Entry(name, self)
        table[i] = e
        count += 1
        if count * 2 > table.count { grow() }
        return e
    }

    private func grow() {
        let old = table
        table = Array(repeating: nil, count: old.count * 2)
        let mask = table.count - 1
        for case let e? in old {
            var i = StyNameIndex.hash(e.name) & mask
            while table[i] != nil { i = (i + 1) & mask }
            table[i] = e
        }
    }

    /// `entry(name)`, remembered in `cache` (a node's field) for the next visit.
    @inline(__always) func entry(_ name: String, cache: inout Entry?) -> Entry {
        if let e = cache, e.index === self, e.name == name { return e }
        let e = entry(name)
        cache = e
        return e
    }

    /// Ends the entries' references back to this index (evaluator teardown).
    func clear() {
        table = []
        count = 0
    }
}

/// Variables of one scope, in binding order. Most scopes hold a handful of names (a
/// call's arguments), searched by identity; big ones (the global scope) get a map.
final class StyScope {
    typealias Entry = StyNameIndex.Entry
    @exclusivity(unchecked) private var bindings: [(key: Entry, value: StyNode)] = []
    @exclusivity(unchecked) private var map: [ObjectIdentifier: Int]?
    @exclusivity(unchecked) private var hasDeferred = false
    let index: StyNameIndex
    /// The compile's global scope (see `StyNameIndex.Entry.boundLocally`).
    @exclusivity(unchecked) var isGlobal = false {
        didSet {
            guard isGlobal else { return }
            for (i, b) in bindings.enumerated() where b.key.index === index { b.key.globalSlot = i }
        }
    }
    /// Told of every lookup and binding (the global scope's, when incremental evaluation
    /// records what each statement reads and binds).
    @exclusivity(unchecked) var observer: StyMemoSession?
    static let mapThreshold = 12

    init(_ index: StyNameIndex? = nil) { self.index = index ?? StyNameIndex() }

    /// The bindings by name (for the library snapshot and tests).
    var locals: [String: StyNode] {
        var out: [String: StyNode] = [:]
        for (k, v) in bindings { out[k.name] = v }
        return out
    }

    func add(_ ident: StyIdent) { add(ident.name, ident.val) }
    func add(_ name: String, _ val: StyNode) { add(index.entry(name), val) }

    func add(_ entry: Entry, _ val: StyNode) {
        if let observer { observer.didWrite(entry.name) }
        entry.bound = true
        if !isGlobal { entry.boundLocally = true }
        if let i = slot(of: entry) {
            bindings[i].value = val
            return
        }
        if bindings.isEmpty { bindings.reserveCapacity(8) }
        bindings.append((entry, val))
        if isGlobal && entry.index === index {
            entry.globalSlot = bindings.count - 1
        } else if map != nil {
            map?[ObjectIdentifier(entry)] = bindings.count - 1
        } else if bindings.count > StyScope.mapThreshold {
            var m: [ObjectIdentifier: Int] = [:]
            for (i, b) in bindings.enumerated() { m[ObjectIdentifier(b.key)] = i }
            map = m
        }
    }

    /// What the deferred bindings of a call's scope are made from (see `bindCallValues`):
    /// the evaluator's call stack, of which the first `callerCount` names are this call's
    /// callers and itself while its frame is live (calls are pushed and popped in turn).
    @exclusivity(unchecked) private var calls: StyCallStack?
    @exclusivity(unchecked) private var callerCount = 0
    @exclusivity(unchecked) private var callProperty: (property: StyProperty, function: String)?

    /// Binds a function call's `called-from` (the names of the calls around it) and
    /// `current-property` (the property whose value makes the call, if any), each made
    /// only if looked up: few function bodies read them. Both stay the same while the
    /// call's frame is live (the property's value is mid-evaluation but not changed), so
    /// making them on first lookup equals making them now.
    func bindCallValues(
        calls: StyCallStack, property: StyProperty?, function: String,
        entries: (currentProperty: Entry, calledFrom: Entry)
    ) {
        if let property {
            callProperty = (property, function)
            add(entries.currentProperty, StyDeferredValue.currentProperty)
        } else {
            add(entries.currentProperty, StyNull.shared)
        }
        self.calls = calls
        callerCount = calls.names.count
        add(entries.calledFrom, StyDeferredValue.calledFrom)
        hasDeferred = true
    }

    /// Empties this scope for another frame (a popped frame's, that nothing else holds).
    func reset() {
        bindings.removeAll(keepingCapacity: true)
        map = nil
        hasDeferred = false
        isGlobal = false
        observer = nil
        calls = nil
        callerCount = 0
        callProperty = nil
    }

    private func slot(of entry: Entry) -> Int? {
        if isGlobal && entry.index === index {
            let i = entry.globalSlot
            return i >= 0 ? i : nil
        }
        if let map { return map[ObjectIdentifier(entry)] }
        var i = 0
        while i < bindings.count {
            if bindings[i].key === entry { return i }
            i += 1
        }
        return nil
    }

    func lookup(_ name: String) -> StyNode? { lookup(index.entry(name)) }

    /// The value bound to `name`, without telling the observer.
    func peek(_ name: String) -> StyNode? {
        guard let i = slot(of: index.entry(name)) else { return nil }
        return bindings[i].value
    }

    func lookup(_ entry: Entry) -> StyNode? {
        guard let i = slot(of: entry) else {
            if let observer { observer.didRead(entry.name, nil) }
            return nil
        }
        let v = bindings[i].value
        if let observer { observer.didRead(entry.name, v) }
        if hasDeferred, let d = v as? StyDeferredValue {
            let made = make(d)
            bindings[i].value = made
            return made
        }
        return v
    }

    private func make(_ deferred: StyDeferredValue) -> StyNode {
        switch deferred.value {
        case .calledFrom:
            let calledFrom = StyExpression()
            let names = calls?.names ?? []
            var i = min(callerCount, names.count) - 1
            while i > 0 {
                i -= 1
                calledFrom.push(StyLiteral(names[i]))
            }
            return calledFrom
        case .currentProperty:
            guard let (property, function) = callProperty else { return StyNull() }
            return StyEvaluator.propertyExpression(property, function)
        }
    }
}

/// The names of the calls being evaluated, innermost last (`StyEvaluator.calling`): an
/// object, so a call's scope keeps it without copying the array (which then made every
/// next call copy it).
final class StyCallStack {
    @exclusivity(unchecked) var names: [String] = []
}

/// The value of a binding made on first lookup from what its scope holds (see
/// `StyScope.bindCallValues`). The two markers are shared by every compile: never
/// changed, and never seen outside `StyScope.lookup`, which replaces them.
final class StyDeferredValue: StyNode {
    enum Value { case calledFrom, currentProperty }
    let value: Value
    private init(_ value: Value) { self.value = value }
    nonisolated(unsafe) static let calledFrom = StyDeferredValue(.calledFrom)
    nonisolated(unsafe) static let currentProperty = StyDeferredValue(.currentProperty)
}

/// One evaluation frame: a block and (unless the block is scope-less) its scope. Most
/// blocks never bind a name, so the scope is made on the first binding.
final class StyFrame {
    @exclusivity(unchecked) private(set) var block: StyBlock
    @exclusivity(unchecked) private(set) var hasScope: Bool
    @exclusivity(unchecked) private(set) var index: StyNameIndex?
    @exclusivity(unchecked) private var ownScope: StyScope?
    @exclusivity(unchecked) var parent: StyFrame?

    init(_ block: StyBlock, index: StyNameIndex? = nil) {
        self.block = block
        self.hasScope = block.scope
        self.index = index
    }

    /// This frame made over for `block` (a popped frame nothing else holds, reused).
    func reuse(_ block: StyBlock, index: StyNameIndex?) {
        self.block = block
        self.hasScope = block.scope
        // The scope too, emptied, when nothing else holds it (a scope per function call
        // was two allocations: the object and its bindings).
        if ownScope?.index === index && isKnownUniquelyReferenced(&ownScope) {
            ownScope?.reset()
        } else {
            ownScope = nil
        }
        self.index = index
        parent = nil
    }

    /// The scope bindings go to: this frame's, or that of the nearest frame below that has one.
    var scope: StyScope {
        var f: StyFrame? = self
        while let frame = f {
            if frame.hasScope {
                if let s = frame.ownScope { return s }
                let s = StyScope(frame.index)
                frame.ownScope = s
                return s
            }
            f = frame.parent
        }
        return StyScope()
    }

    /// `scope.lookup(entry)` without making an empty scope.
    func lookup(_ entry: StyNameIndex.Entry) -> StyNode? {
        var f: StyFrame? = self
        while let frame = f {
            if frame.hasScope { return frame.ownScope?.lookup(entry) }
            f = frame.parent
        }
        return nil
    }
}

/// The evaluation stack; lookups follow the lexical block chain, using the most
/// first frame of each block on the stack (as the reference does).
struct StyStack {
    var frames: [StyFrame] = []
    /// Popped frames nothing else held, for the next pushes (a frame per visited block
    /// was a good part of the evaluator's allocations).
    private var spare: [StyFrame] = []
    /// Names not found along the lexical chain fall back to the global scope (library
    /// functions are shared across compiles, so their blocks chain to another root).
    var globalScope: StyScope?

    mutating func push(_ frame: StyFrame) {
        frame.parent = frames.last
        frames.append(frame)
        if frame.block.firstFrame == nil { frame.block.firstFrame = frame }
    }

    /// Pushes a frame for `block`, reusing a spare one when there is one.
    mutating func push(_ block: StyBlock, index: StyNameIndex) {
        if let f = spare.popLast() {
            f.reuse(block, index: index)
            push(f)
        } else {
            push(StyFrame(block, index: index))
        }
    }

    mutating func pop() {
        guard var f = frames.popLast() else { return }
        if f.block.firstFrame === f { f.block.firstFrame = nil }
        if spare.count < 64 && isKnownUniquelyReferenced(&f) {
            f.parent = nil  // else the frame below would never be unique
            spare.append(f)
        }
    }

    var current: StyFrame? { frames.last }

    /// The first (outermost) frame of `block` on the stack. Kept on the block itself
    /// (blocks shared across compiles, the built-in library's, are never pushed).
    func frame(of block: StyBlock) -> StyFrame? { block.firstFrame }

    func lookup(_ entry: StyNameIndex.Entry) -> StyNode? {
        if !entry.boundLocally, let g = globalScope, g.isGlobal { return g.lookup(entry) }
        var block: StyBlock? = current?.block
        var guardCount = 0
        while let b = block {
            if let f = frame(of: b), let v = f.lookup(entry) { return v }
            block = b.parent
            guardCount += 1
            if guardCount > 100_000 { break }
        }
        return globalScope?.lookup(entry)
    }
}
