import Foundation

/// Every name ever bound in one compile: a lookup of a name that was never bound
/// (most property names) skips the walk up the scope chain.
final class StyNameIndex {
    @exclusivity(unchecked) var names = Set<String>()
}

/// Variables of one scope.
final class StyScope {
    @exclusivity(unchecked) var locals: [String: StyNode] = [:]
    let index: StyNameIndex?
    init(_ index: StyNameIndex? = nil) { self.index = index }
    func add(_ ident: StyIdent) { add(ident.name, ident.val) }
    func add(_ name: String, _ val: StyNode) {
        locals[name] = val
        index?.names.insert(name)
    }
    func lookup(_ name: String) -> StyNode? { locals[name] }
}

/// One evaluation frame: a block and (unless the block is scope-less) its scope.
final class StyFrame {
    let block: StyBlock
    let ownScope: StyScope?
    @exclusivity(unchecked) var parent: StyFrame?

    init(_ block: StyBlock, index: StyNameIndex? = nil) {
        self.block = block
        self.ownScope = block.scope ? StyScope(index) : nil
    }

    var scope: StyScope {
        var f: StyFrame? = self
        while let frame = f {
            if let s = frame.ownScope { return s }
            f = frame.parent
        }
        return StyScope()
    }
}

/// The evaluation stack; lookups follow the lexical block chain, using the most
/// first frame of each block on the stack (as the reference does).
struct StyStack {
    var frames: [StyFrame] = []
    /// Names not found along the lexical chain fall back to the global scope (library
    /// functions are shared across compiles, so their blocks chain to another root).
    var globalScope: StyScope?

    /// The first (outermost) frame of each block on the stack.
    var firstFrame: [ObjectIdentifier: StyFrame] = [:]

    mutating func push(_ frame: StyFrame) {
        frame.parent = frames.last
        frames.append(frame)
        let id = ObjectIdentifier(frame.block)
        if firstFrame[id] == nil { firstFrame[id] = frame }
    }

    mutating func pop() {
        guard let f = frames.popLast() else { return }
        let id = ObjectIdentifier(f.block)
        if firstFrame[id] === f { firstFrame[id] = nil }
    }

    var current: StyFrame? { frames.last }

    func frame(of block: StyBlock) -> StyFrame? { firstFrame[ObjectIdentifier(block)] }

    func lookup(_ name: String) -> StyNode? {
        var block: StyBlock? = current?.block
        var guardCount = 0
        while let b = block {
            if let f = frame(of: b), let v = f.scope.lookup(name) { return v }
            block = b.parent
            guardCount += 1
            if guardCount > 100_000 { break }
        }
        return globalScope?.lookup(name)
    }
}
