import Foundation

/// A list of statements. `parent` links form the lexical scope chain.
class StyBlock: StyNode {
    override var kind: StyKind { .block }
    @exclusivity(unchecked) var nodes: [StyNode] = []
    @exclusivity(unchecked) var strongParent: StyBlock?
    @exclusivity(unchecked) var node: StyNode?
    @exclusivity(unchecked) var scope = true
    @exclusivity(unchecked) var index = 0
    /// Bumped whenever evaluation replaces `nodes` wholesale (mixin splicing), so a
    /// pending `nodes[index] = result` store can be dropped as JavaScript drops it.
    @exclusivity(unchecked) var generation = 0

    var parent: StyBlock? {
        get { strongParent }
        set { strongParent = newValue }
    }
    /// The outermost evaluation frame of this block while it is on the evaluator's stack.
    @exclusivity(unchecked) var firstFrame: StyFrame?
    /// The compile's arena (inherited from the parent), which breaks reference cycles at the end.
    @exclusivity(unchecked) var arena: StyArena?

    init(_ parent: StyBlock?, _ node: StyNode?) {
        super.init()
        self.parent = parent
        self.node = node
        if let a = parent?.arena { a.register(self) }
    }

    override var nodeName: String { "block" }
    func push(_ node: StyNode) { nodes.append(node) }

    var hasProperties: Bool { nodes.contains { $0 is StyProperty } }
    var hasMedia: Bool { nodes.contains { $0 is StyMedia } }
    var isEmpty: Bool { nodes.isEmpty || nodes.allSatisfy { $0 is StyComment } }

    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        cloneBlock(parent, node, mode)
    }

    func cloneBlock(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode = .deep) -> StyBlock {
        let c = StyBlock(parent ?? self.parent, node ?? self.node)
        if c.arena == nil, let a = arena { a.register(c) }
        c.copyPosition(from: self)
        c.scope = scope
        c.nodes = styClones(nodes, c, c, mode)
        return c
    }
}

/// Every block of one compile. The tree is full of reference cycles (blocks point at
/// their parents and owners); tearing the arena down after printing frees it all.
final class StyArena {
    @exclusivity(unchecked) private(set) var blocks: [StyBlock] = []

    func register(_ block: StyBlock) {
        block.arena = self
        blocks.append(block)
    }

    /// Run first by `teardown` (stopping the import prefetcher, which frees its own trees).
    @exclusivity(unchecked) var teardownHooks: [() -> Void] = []

    /// Takes over every block of `other` (a tree parsed on another thread, handed over).
    func adopt(_ other: StyArena) {
        for b in other.blocks { register(b) }
        other.blocks = []
    }

    /// Arenas torn down with this one (copies made ahead, `StylusEvaluationCache`): their
    /// blocks stay registered there, so taking one over costs nothing per block.
    @exclusivity(unchecked) private var included: [StyArena] = []

    func include(_ other: StyArena) { included.append(other) }

    func teardown() {
        let hooks = teardownHooks
        teardownHooks = []
        for hook in hooks { hook() }
        let others = included
        included = []
        for other in others { other.teardown() }
        // Blocks taken into a cache's master copy since (arena nil) are kept.
        for b in blocks where b.arena === self {
            b.nodes = []
            b.parent = nil
            b.node = nil
            b.arena = nil
            b.firstFrame = nil
        }
        blocks = []
    }
}

/// The parent of a block whose enclosing chain ended, for `closestGroup`, without a group
/// when it was evaluated (a mixin's rules spliced elsewhere, a cached import's top block).
/// Never evaluated, pushed or changed: its `node` and `parent` stay nil.
nonisolated(unsafe) let styDetachedParent = StyBlock(nil, nil)

final class StyRoot: StyBlock {
    override var kind: StyKind { .root }
    init() { super.init(nil, nil) }
    override var nodeName: String { "root" }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let c = StyRoot()
        c.nodes = styClones(nodes, c, c, mode)
        return c
    }
}

struct StyExtendRef {
    var selector: String
    var optional: Bool
    var lineno: Int
    var column: Int
    var filename: String?
}

/// A selector list with its block (the block is shared by every selector).
final class StyGroup: StyNode {
    override var kind: StyKind { .group }
    @exclusivity(unchecked) var nodes: [StySelector] = []
    @exclusivity(unchecked) var extends: [StyExtendRef] = []
    @exclusivity(unchecked) private var ownBlock: StyBlock?

    override var nodeName: String { "group" }
    func push(_ s: StySelector) { nodes.append(s) }

    var block: StyBlock {
        get { nodes.first?.block ?? ownBlock ?? StyBlock(nil, self) }
        set {
            ownBlock = newValue
            for s in nodes { s.block = newValue }
        }
    }

    var hasOnlyPlaceholders: Bool { nodes.allSatisfy { $0.isPlaceholder } }

    /// Whether setting `block` to `b` would change nothing.
    func holds(_ b: StyBlock) -> Bool { ownBlock === b && nodes.allSatisfy { $0.block === b } }

    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let c = copySelectors(mode)
        c.block = block.cloneBlock(parent, c, mode)
        return c
    }

    /// A copy of the selectors that still shares this group's block (the caller gives it
    /// another block; a deep copy of the block would be thrown away).
    func cloneSelectors(_ mode: StyCloneMode = .deep) -> StyGroup {
        let c = copySelectors(mode)
        c.block = block
        return c
    }

    /// The selectors' copy without a block (setting one stores it in every selector).
    private func copySelectors(_ mode: StyCloneMode) -> StyGroup {
        let c = StyGroup()
        c.copyPosition(from: self)
        c.nodes.reserveCapacity(nodes.count)
        for s in nodes { c.push(s.cloneSelector(nil, c, mode)) }
        return c
    }
}

final class StySelector: StyNode {
    @exclusivity(unchecked) var segments: [StyNode]
    @exclusivity(unchecked) var val: String?
    @exclusivity(unchecked) var inherits = true
    @exclusivity(unchecked) var optional = false
    @exclusivity(unchecked) var block: StyBlock?

    init(_ segments: [StyNode] = []) { self.segments = segments }
    override var nodeName: String { "selector" }
    var isPlaceholder: Bool {
        guard let val else { return false }
        // With ASCII (and no CR) up to the third byte, the first two characters are the
        // first two bytes; otherwise grapheme rules decide.
        var head: (UInt8, UInt8, UInt8) = (0, 0, 0)
        var n = 0
        for b in val.utf8.prefix(3) {
            if b >= 0x80 || b == 13 { return val.prefix(2).contains("$" as Character) }
            if n == 0 { head.0 = b } else if n == 1 { head.1 = b } else { head.2 = b }
            n += 1
        }
        let dollar = UInt8(ascii: "$")
        return (n > 0 && head.0 == dollar) || (n > 1 && head.1 == dollar)
    }
    override var description: String {
        segments.map { $0.description }.joined() + (optional ? " !optional" : "")
    }
    func cloneSelector(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode = .deep) -> StySelector {
        let c = StySelector()
        c.copyPosition(from: self)
        c.inherits = inherits
        c.val = val
        c.segments = styCloneSegments(segments, parent, c, mode)
        c.optional = optional
        return c
    }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        cloneSelector(parent, node, mode)
    }
}

final class StyProperty: StyNode {
    override var kind: StyKind { .property }
    @exclusivity(unchecked) var entry: StyNameIndex.Entry?
    @exclusivity(unchecked) var segments: [StyNode]
    @exclusivity(unchecked) var expr: StyExpression
    @exclusivity(unchecked) var name: String?
    @exclusivity(unchecked) var literal = false
    init(_ segments: [StyNode], _ expr: StyExpression = StyExpression()) {
        self.segments = segments
        self.expr = expr
    }
    override var nodeName: String { "property" }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        // An expression's copy does not depend on its owner, so it is made first (the
        // initialiser's default expression would be thrown away).
        let copiedExpr = (expr.clone(parent, nil, mode) as? StyExpression) ?? StyExpression()
        let c = StyProperty(styCloneSegments(segments, parent, nil, mode), copiedExpr)
        c.copyPosition(from: self)
        c.entry = entry
        c.name = name
        c.literal = literal
        return c
    }
    override var description: String {
        "property(" + segments.map { $0.description }.joined() + ", " + expr.description + ")"
    }
}

/// `@name ...` with an optional block; the base of media, keyframes and supports.
class StyAtrule: StyNode {
    override var kind: StyKind { .atrule }
    @exclusivity(unchecked) var type: String
    @exclusivity(unchecked) var segments: [StyNode] = []
    @exclusivity(unchecked) var val: String?
    @exclusivity(unchecked) var block: StyBlock?
    init(_ type: String) { self.type = type }
    override var nodeName: String { "atrule" }

    var hasOnlyProperties: Bool {
        guard let block else { return false }
        return block.nodes.allSatisfy {
            $0 is StyProperty || $0 is StyComment || Swift.type(of: $0) == StyExpression.self
        }
    }

    var hasOutput: Bool {
        guard let block else { return false }
        return StyAtrule.hasOutput(block)
    }

    static func hasOutput(_ block: StyBlock) -> Bool {
        if block.nodes.allSatisfy({ ($0 as? StyGroup)?.hasOnlyPlaceholders ?? false }) { return false }
        return block.nodes.contains { node in
            switch node {
            case is StyProperty, is StyLiteral, is StyImport: return true
            case let b as StyBlock: return hasOutput(b)
            default:
                if let b = styBlockOf(node) { return hasOutput(b) }
                return false
            }
        }
    }

    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let c = StyAtrule(type)
        c.copyPosition(from: self)
        c.segments = styClones(segments, parent, c, mode)
        c.val = val
        c.block = block?.cloneBlock(parent, c, mode)
        return c
    }
}

/// The block a structural node owns, if any.
func styBlockOf(_ node: StyNode) -> StyBlock? {
    switch node {
    case let g as StyGroup: return g.block
    case let a as StyAtrule: return a.block
    case let a as StyAtblock: return a.block
    case let c as StyCall: return c.block
    case let f as StyFunction: return f.block
    case let e as StyEach: return e.block
    case let i as StyIf: return i.block
    default: return nil
    }
}

final class StyMedia: StyAtrule {
    override var kind: StyKind { .media }
    @exclusivity(unchecked) var query: StyQueryList
    @exclusivity(unchecked) var bubbled = false
    @exclusivity(unchecked) var group: StyGroup?
    init(_ query: StyQueryList) {
        self.query = query
        super.init("media")
    }
    override var nodeName: String { "media" }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let c = StyMedia(query.cloneList(parent, mode))
        c.copyPosition(from: self)
        c.block = block?.cloneBlock(parent, c, mode)
        return c
    }
}

final class StyKeyframes: StyAtrule {
    override var kind: StyKind { .keyframes }
    @exclusivity(unchecked) var prefix: String
    @exclusivity(unchecked) var fabricated = false
    @exclusivity(unchecked) var frames = 0
    init(_ segments: [StyNode], prefix: String?) {
        self.prefix = prefix ?? "official"
        super.init("keyframes")
        self.segments = segments
    }
    override var nodeName: String { "keyframes" }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let c = StyKeyframes(segments.map { $0.clone(parent, nil, mode) }, prefix: prefix)
        c.copyPosition(from: self)
        c.val = val
        c.block = block?.cloneBlock(parent, c, mode)
        return c
    }
}

final class StySupports: StyAtrule {
    override var kind: StyKind { .supports }
    @exclusivity(unchecked) var condition: StyNode
    init(_ condition: StyNode) {
        self.condition = condition
        super.init("supports")
    }
    override var nodeName: String { "supports" }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let c = StySupports(condition.clone(parent, nil, mode))
        c.copyPosition(from: self)
        c.block = block?.cloneBlock(parent, c, mode)
        return c
    }
}

final class StyAtblock: StyNode {
    override var kind: StyKind { .atblock }
    @exclusivity(unchecked) var block: StyBlock = StyBlock(nil, nil)
    override var nodeName: String { "atblock" }
    var nodes: [StyNode] { block.nodes }
    override var description: String { "@block" }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let c = StyAtblock()
        c.copyPosition(from: self)
        c.block = block.cloneBlock(parent, c, mode)
        return c
    }
}

final class StyQueryList: StyNode {
    @exclusivity(unchecked) var nodes: [StyQuery] = []
    override var nodeName: String { "querylist" }
    func cloneList(_ parent: StyBlock?, _ mode: StyCloneMode = .deep) -> StyQueryList {
        let c = StyQueryList()
        c.nodes = nodes.map { $0.cloneQuery(parent, mode) }
        return c
    }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        cloneList(parent, mode)
    }
    func merge(_ other: StyQueryList) -> StyQueryList {
        let list = StyQueryList()
        for q in nodes {
            for o in other.nodes { if let m = q.merge(o) { list.nodes.append(m) } }
        }
        return list
    }
    override var description: String { "(" + nodes.map { $0.description }.joined(separator: ", ") + ")" }
}

final class StyQuery: StyNode {
    @exclusivity(unchecked) var nodes: [StyFeature] = []
    @exclusivity(unchecked) var type: StyNode?
    @exclusivity(unchecked) var predicate: StyNode?
    override var nodeName: String { "query" }

    func cloneQuery(_ parent: StyBlock?, _ mode: StyCloneMode = .deep) -> StyQuery {
        let c = StyQuery()
        // Copied like any value: evaluation visits both (`visitQuery`), and a type that is
        // a name gets its `entry` written, which a tree other compiles read must not see.
        c.predicate = predicate?.clone(parent, nil, mode)
        c.type = type?.clone(parent, nil, mode)
        c.nodes = nodes.map { $0.cloneFeature(parent, mode) }
        return c
    }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        cloneQuery(parent, mode)
    }

    var resolvedType: String? { type.map { styNodeString($0) }.flatMap { $0.isEmpty ? nil : $0 } }
    var resolvedPredicate: String? { predicate.map { styNodeString($0) }.flatMap { $0.isEmpty ? nil : $0 } }

    func merge(_ other: StyQuery) -> StyQuery? {
        let p1 = resolvedPredicate
        let p2 = other.resolvedPredicate
        var t1 = resolvedType
        var t2 = other.resolvedType
        t1 = t1 ?? t2
        t2 = t2 ?? t1
        let type: String?
        let pred: String?
        if (p1 == "not") != (p2 == "not") {
            if t1 == t2 { return nil }
            type = p1 == "not" ? t2 : t1
            pred = p1 == "not" ? p2 : p1
        } else if p1 == "not" && p2 == "not" {
            if t1 != t2 { return nil }
            type = t1
            pred = "not"
        } else if t1 != t2 {
            return nil
        } else {
            type = t1
            pred = p1 ?? p2
        }
        let q = StyQuery()
        q.predicate = pred.map { StyLiteral($0) }
        q.type = type.map { StyLiteral($0) }
        q.nodes = nodes + other.nodes
        return q
    }

    override var description: String {
        let pred = resolvedPredicate.map { $0 + " " } ?? ""
        let t = resolvedType ?? ""
        var str = pred + t
        if !nodes.isEmpty {
            str += (t.isEmpty ? "" : " and ") + nodes.map { $0.description }.joined(separator: " and ")
        }
        return str
    }
}

/// A string view of an ident/string/literal node (`node.string` in the reference).
func styNodeString(_ node: StyNode) -> String {
    switch node {
    case let i as StyIdent: return i.name
    case let s as StyString: return s.val
    case let l as StyLiteral: return l.val
    default: return node.description
    }
}

final class StyFeature: StyNode {
    override var kind: StyKind { .feature }
    @exclusivity(unchecked) var segments: [StyNode]
    @exclusivity(unchecked) var expr: StyExpression?
    @exclusivity(unchecked) var name: String?
    init(_ segments: [StyNode]) { self.segments = segments }
    override var nodeName: String { "feature" }
    func cloneFeature(_ parent: StyBlock?, _ mode: StyCloneMode = .deep) -> StyFeature {
        let c = StyFeature(segments.map { $0.clone(parent, nil, mode) })
        c.expr = expr?.clone(parent, c, mode) as? StyExpression
        c.name = name
        return c
    }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        cloneFeature(parent, mode)
    }
    override var description: String {
        if let expr {
            return "(" + segments.map { $0.description }.joined() + ": " + expr.description + ")"
        }
        return segments.map { $0.description }.joined()
    }
}
