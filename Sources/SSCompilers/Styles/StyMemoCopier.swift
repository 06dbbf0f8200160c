import Foundation

/// Copies an evaluated statement's result into a master copy (for `StylusEvaluationCache`)
/// and a master copy back into a compile, keeping what the normaliser and the printer
/// read: every field of the rule nodes (a group's `@extend`s, a keyframes' vendor flag),
/// the owner (`node`) of each block, and for `closestGroup` each block's parent chain.
///
/// A block's parent is its enclosing block, or, when evaluation left it elsewhere (rules
/// a mixin spliced in keep their parent in the mixin's body), `styDetachedParent` if the
/// chain reached no group. A result whose parent chains or owners cannot be expressed
/// that way, or that shares a rule node between two places, is not stored (`failed`).
/// Values (expressions, selectors' segments, queries) are copied with their own `clone`.
struct StyMemoCopier {
    /// Making a master copy (checks and detaches) rather than a compile's copy.
    let toMaster: Bool
    /// The compile's arena (compile copies only): every block made is registered in it.
    let arena: StyArena?
    /// Why the copy cannot be stored (a check's number, for tests), or nil.
    private(set) var failure: Int?
    var failed: Bool { failure != nil }

    private mutating func fail(_ check: Int) { if failure == nil { failure = check } }
    /// Every block of the master copy.
    private(set) var blocks: [StyBlock] = []
    private var seen = Set<ObjectIdentifier>()
    /// Inside a keyframes' block, which vendor copies share: nodes are met once per copy.
    private var keyframes = 0
    /// Compile copies: the parent given to values' `clone`, so blocks inside a value (rare)
    /// are registered in the arena.
    private let holder: StyBlock?

    init(toMaster: Bool, arena: StyArena?) {
        self.toMaster = toMaster
        self.arena = arena
        if !toMaster, let arena {
            let h = StyBlock(nil, nil)
            arena.register(h)
            holder = h
        } else {
            holder = nil
        }
    }

    /// A copy of `node`, a statement of the block `enclosing` (nil at the top), placed in `target`.
    mutating func copy(_ node: StyNode, enclosing: StyBlock?, into target: StyBlock) -> StyNode {
        if failed { return node }
        switch node {
        case let b as StyBlock:
            if b is StyRoot {
                fail(1)
                return node
            }
            return copyBlock(b, owner: nil, newOwner: nil, enclosing: enclosing, into: target)
        case let g as StyGroup:
            if toMaster && keyframes == 0 && !seen.insert(ObjectIdentifier(g)).inserted { fail(2) }
            let c = StyGroup()
            c.copyPosition(from: g)
            let block = g.block
            for s in g.nodes {
                if toMaster && s.block !== block { fail(3) }
                let cs = StySelector(s.segments.map { value($0) })
                cs.copyPosition(from: s)
                cs.val = s.val
                cs.inherits = s.inherits
                cs.optional = s.optional
                c.push(cs)
            }
            c.extends = g.extends
            c.block = copyBlock(block, owner: g, newOwner: c, enclosing: enclosing, into: target)
            return c
        case let p as StyProperty:
            if toMaster && keyframes == 0 && !seen.insert(ObjectIdentifier(p)).inserted { fail(4) }
            let expr = value(p.expr) as? StyExpression ?? StyExpression()
            let c = StyProperty(p.segments.map { value($0) }, expr)
            c.copyPosition(from: p)
            c.name = p.name
            c.literal = p.literal
            return c
        case let m as StyMedia:
            if toMaster && (m.bubbled || m.group != nil) { fail(5) }
            let c = StyMedia(m.query.cloneList(nil))
            copyAtrule(m, c, enclosing: enclosing, into: target)
            return c
        case let k as StyKeyframes:
            let c = StyKeyframes(k.segments.map { value($0) }, prefix: k.prefix)
            c.fabricated = k.fabricated
            c.frames = k.frames
            copyAtrule(k, c, enclosing: enclosing, into: target)
            return c
        case let s as StySupports:
            let c = StySupports(value(s.condition))
            copyAtrule(s, c, enclosing: enclosing, into: target)
            return c
        case let a as StyAtrule:
            if Swift.type(of: a) != StyAtrule.self {
                fail(6)
                return node
            }
            let c = StyAtrule(a.type)
            copyAtrule(a, c, enclosing: enclosing, into: target)
            return c
        case is StyNull, is StyComment, is StyCharset, is StyNamespace, is StyBoolean:
            // Never changed after evaluation: shared.
            return node
        case is StyFunction:
            // A definition left in the block: the normaliser and printer only see its
            // class (it prints nothing), so the evaluated object itself is kept.
            return node
        case is StyAtblock, is StyIf, is StyEach, is StyCall, is StyReturn, is StyExtend, is StyParams:
            fail(7)
            return node
        default:
            return value(node)
        }
    }

    private mutating func copyAtrule(_ a: StyAtrule, _ c: StyAtrule, enclosing: StyBlock?, into target: StyBlock) {
        if toMaster && keyframes == 0 && !seen.insert(ObjectIdentifier(a)).inserted { fail(8) }
        c.copyPosition(from: a)
        c.type = a.type
        if !(a is StyKeyframes) { c.segments = a.segments.map { value($0) } }
        c.val = a.val
        if let b = a.block { c.block = copyBlock(b, owner: a, newOwner: c, enclosing: enclosing, into: target) }
    }

    /// `b`, held by `owner` (nil for a block that is itself a statement of `enclosing`).
    private mutating func copyBlock(
        _ b: StyBlock, owner: StyNode?, newOwner: StyNode?, enclosing: StyBlock?, into target: StyBlock
    ) -> StyBlock {
        // Vendor copies of a keyframes share its block (the normaliser and printer only read it).
        let shared = owner is StyKeyframes
        if toMaster && !shared && keyframes == 0 && !seen.insert(ObjectIdentifier(b)).inserted { fail(9) }
        let c = StyBlock(nil, nil)
        c.copyPosition(from: b)
        c.scope = b.scope
        // Owner: the holder itself, or one that leads `closestGroup` on to the same parent
        // (an `if`'s or a loop's evaluated block keeps the `if` as owner), or an inert nil.
        if let n = b.node {
            if n === owner || (shared && n is StyKeyframes) {
                c.node = newOwner
            } else if !(n is StyGroup), !(n is StyAtrule), let nb = styBlockOf(n), nb.parent === b.parent {
                let through = StyAtblock()
                through.block = c
                c.node = through
            } else if toMaster && (styBlockOf(n) != nil || n is StyAtrule || n is StyGroup) {
                fail(10)
            }
        }
        // Parent: the enclosing block's copy, or the detached marker.
        if let p = b.parent, let enclosing, p === enclosing {
            c.parent = target
        } else if !toMaster {
            c.parent = b.parent === styDetachedParent ? styDetachedParent : target
        } else if let p = b.parent, p !== styDetachedParent {
            // Elsewhere (a loop's or a mixin's body): equivalent to the enclosing block when
            // the chain reaches the same group from both, to the marker when it reaches none.
            let group = StyMemoCopier.closestGroup(from: p)
            if group == nil {
                c.parent = styDetachedParent
            } else if let enclosing, group === StyMemoCopier.closestGroup(from: enclosing),
                !(owner is StyMedia) || (p.node is StyGroup) == (enclosing.node is StyGroup)
            {
                c.parent = target
            } else {
                fail(11)
            }
        } else {
            c.parent = styDetachedParent
        }
        if toMaster {
            blocks.append(c)
        } else {
            arena?.register(c)
        }
        var nodes: [StyNode] = []
        nodes.reserveCapacity(b.nodes.count)
        if shared { keyframes += 1 }
        for n in b.nodes { nodes.append(copy(n, enclosing: b, into: c)) }
        if shared { keyframes -= 1 }
        c.nodes = nodes
        return c
    }

    /// A copy of a value; for a master copy, its blocks (a function's body) are taken out
    /// of the compile's arena.
    mutating func value(_ v: StyNode) -> StyNode {
        if !toMaster { return v.clone(holder, nil) }
        let c = v.clone(styDetachedParent, nil)
        var found: [StyBlock] = []
        let known = StyNodeDigest.forEachBlock(c) { found.append($0) }
        if !known { fail(12) }
        for b in found {
            b.arena = nil
            blocks.append(b)
        }
        return c
    }

    /// What `StyNormalizer.closestGroup` finds going up from a block whose parent is `p`
    /// (a chain too long to follow counts as the marker's own group, which nothing equals).
    static func closestGroup(from p: StyBlock) -> StyGroup? {
        var parent: StyBlock? = p
        var guardCount = 0
        while let q = parent, let node = q.node, guardCount < 10_000 {
            guardCount += 1
            if let g = node as? StyGroup { return g }
            parent = styBlockOf(node)?.parent
        }
        return guardCount >= 10_000 ? StyMemoCopier.unknownGroup : nil
    }

    nonisolated(unsafe) static let unknownGroup = StyGroup()
}
