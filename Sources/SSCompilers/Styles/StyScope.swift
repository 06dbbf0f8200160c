import Foundation

/// Variables of one scope.
final class StyScope {
    var locals: [String: StyNode] = [:]
    func add(_ ident: StyIdent) { locals[ident.name] = ident.val }
    func add(_ name: String, _ val: StyNode) { locals[name] = val }
    func lookup(_ name: String) -> StyNode? { locals[name] }
}

/// One evaluation frame: a block and (unless the block is scope-less) its scope.
final class StyFrame {
    let block: StyBlock
    let ownScope: StyScope?
    var parent: StyFrame?

    init(_ block: StyBlock) {
        self.block = block
        self.ownScope = block.scope ? StyScope() : nil
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

    mutating func push(_ frame: StyFrame) {
        frame.parent = frames.last
        frames.append(frame)
    }

    mutating func pop() { _ = frames.popLast() }

    var current: StyFrame? { frames.last }

    func frame(of block: StyBlock) -> StyFrame? {
        for f in frames where f.block === block { return f }
        return nil
    }

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
