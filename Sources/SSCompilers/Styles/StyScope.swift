import Foundation

/// Every name looked up or bound in one compile: a lookup of a name that was never bound
/// (most property names) skips the walk up the scope chain, and the built-in function
/// a name resolves to is found once.
final class StyNameIndex {
    final class Entry {
        @exclusivity(unchecked) var bound = false
        @exclusivity(unchecked) var resolved = false
        @exclusivity(unchecked) var function: StyFunction?
    }

    @exclusivity(unchecked) var entries: [String: Entry] = [:]

    func entry(_ name: String) -> Entry {
        if let e = entries[name] { return e }
        let e = Entry()
        entries[name] = e
        return e
    }

    func bind(_ name: String) {
        if let e = entries[name] {
            e.bound = true
        } else {
            let e = Entry()
            e.bound = true
            entries[name] = e
        }
    }
}

/// Variables of one scope.
final class StyScope {
    @exclusivity(unchecked) var locals: [String: StyNode] = [:]
    let index: StyNameIndex?
    init(_ index: StyNameIndex? = nil) { self.index = index }
    func add(_ ident: StyIdent) { add(ident.name, ident.val) }
    func add(_ name: String, _ val: StyNode) {
        locals[name] = val
        index?.bind(name)
    }
    /// Binds a value made only if the name is looked up (the per-call `current-property`
    /// and `called-from` bindings, which few function bodies read). `make` must give the
    /// same value whenever it runs while the binding's frame is live.
    func addDeferred(_ name: String, _ make: @escaping () -> StyNode) {
        add(name, StyDeferredValue(make))
        hasDeferred = true
    }
    @exclusivity(unchecked) private var hasDeferred = false
    func lookup(_ name: String) -> StyNode? {
        guard let v = locals[name] else { return nil }
        if hasDeferred, let d = v as? StyDeferredValue {
            let made = d.make()
            locals[name] = made
            return made
        }
        return v
    }
}

/// A binding's value that is computed on first lookup (see `StyScope.addDeferred`).
final class StyDeferredValue: StyNode {
    let make: () -> StyNode
    init(_ make: @escaping () -> StyNode) { self.make = make }
}

/// One evaluation frame: a block and (unless the block is scope-less) its scope. Most
/// blocks never bind a name, so the scope is made on the first binding.
final class StyFrame {
    let block: StyBlock
    let hasScope: Bool
    let index: StyNameIndex?
    @exclusivity(unchecked) private var ownScope: StyScope?
    @exclusivity(unchecked) var parent: StyFrame?

    init(_ block: StyBlock, index: StyNameIndex? = nil) {
        self.block = block
        self.hasScope = block.scope
        self.index = index
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

    /// `scope.lookup(name)` without making an empty scope.
    func lookup(_ name: String) -> StyNode? {
        var f: StyFrame? = self
        while let frame = f {
            if frame.hasScope { return frame.ownScope?.lookup(name) }
            f = frame.parent
        }
        return nil
    }
}

/// The evaluation stack; lookups follow the lexical block chain, using the most
/// first frame of each block on the stack (as the reference does).
struct StyStack {
    var frames: [StyFrame] = []
    /// Names not found along the lexical chain fall back to the global scope (library
    /// functions are shared across compiles, so their blocks chain to another root).
    var globalScope: StyScope?

    mutating func push(_ frame: StyFrame) {
        frame.parent = frames.last
        frames.append(frame)
        if frame.block.firstFrame == nil { frame.block.firstFrame = frame }
    }

    mutating func pop() {
        guard let f = frames.popLast() else { return }
        if f.block.firstFrame === f { f.block.firstFrame = nil }
    }

    var current: StyFrame? { frames.last }

    /// The first (outermost) frame of `block` on the stack. Kept on the block itself
    /// (blocks shared across compiles, the built-in library's, are never pushed).
    func frame(of block: StyBlock) -> StyFrame? { block.firstFrame }

    func lookup(_ name: String) -> StyNode? {
        var block: StyBlock? = current?.block
        var guardCount = 0
        while let b = block {
            if let f = frame(of: b), let v = f.lookup(name) { return v }
            block = b.parent
            guardCount += 1
            if guardCount > 100_000 { break }
        }
        return globalScope?.lookup(name)
    }
}
