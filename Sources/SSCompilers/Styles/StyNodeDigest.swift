import Foundation

/// A structural digest of a node and everything below it: its class, position, every
/// field that evaluation, normalisation or printing reads, and its children (never the
/// parent/owner back-links or per-compile caches). Equal digests mean the incremental
/// evaluator may treat two values as the same (`StylusEvaluationCache`), so a field
/// left out would be a wrong reuse: every node class is listed, and an unknown class or
/// a value past the size limits has no digest (the caller then treats it as changed).
///
/// Digests come from `Hasher`, seeded per process: they are compared only within one
/// process (the cache lives in memory).
struct StyNodeDigest {
    static let maxNodes = 50_000
    static let maxDepth = 200

    private var hasher = Hasher()
    private var count = 0
    private var failed = false
    /// Called for every block met (the master copies of `StylusEvaluationCache` use the
    /// traversal to find every block of a value).
    private var onBlock: ((StyBlock) -> Void)?

    /// The digest of `node`, or nil when it has a node this digest does not know or is too big.
    static func of(_ node: StyNode) -> UInt64? {
        var d = StyNodeDigest()
        d.add(node, depth: 0)
        if d.failed { return nil }
        return StyNodeDigest.token(d.hasher.finalize())
    }

    /// Calls `body` with every block in `node`; false when `node` holds a node the
    /// traversal does not know (then some blocks may have been missed).
    static func forEachBlock(_ node: StyNode, _ body: @escaping (StyBlock) -> Void) -> Bool {
        var d = StyNodeDigest()
        d.onBlock = body
        d.add(node, depth: 0)
        return !d.failed
    }

    /// Digests are at least 2: 0 and 1 mean "unbound" and "built in" in binding tokens.
    static func token(_ h: Int) -> UInt64 {
        let t = UInt64(bitPattern: Int64(h))
        return t < 2 ? t + 2 : t
    }

    private mutating func add(_ node: StyNode?, depth: Int) {
        guard let node else {
            hasher.combine(0 as UInt8)
            return
        }
        count += 1
        if failed || count > StyNodeDigest.maxNodes || depth > StyNodeDigest.maxDepth {
            failed = true
            return
        }
        let d = depth + 1
        hasher.combine(ObjectIdentifier(type(of: node)))
        hasher.combine(node.lineno)
        hasher.combine(node.column)
        hasher.combine(node.filename)
        switch node {
        case is StyNull: break
        case let n as StyBoolean: hasher.combine(n.val)
        case let n as StyUnit:
            hasher.combine(n.val.bitPattern)
            hasher.combine(n.type)
            hasher.combine(n.raw)
        case let n as StyString:
            hasher.combine(n.val)
            hasher.combine(n.quote)
            hasher.combine(n.prefixed)
        case let n as StyIdent:
            hasher.combine(n.name)
            hasher.combine(n.mixin)
            hasher.combine(n.property)
            hasher.combine(n.rest)
            add(n.val, depth: d)
        case let n as StyLiteral:
            hasher.combine(n.val)
            hasher.combine(n.css)
            hasher.combine(n.prefixed)
        case let n as StyComment:
            hasher.combine(n.str)
            hasher.combine(n.suppress)
            hasher.combine(n.inline)
        case let n as StyRGBA:
            hasher.combine(n.r.bitPattern)
            hasher.combine(n.g.bitPattern)
            hasher.combine(n.b.bitPattern)
            hasher.combine(n.a.bitPattern)
            hasher.combine(n.name)
            hasher.combine(n.raw)
        case let n as StyHSLA:
            hasher.combine(n.h.bitPattern)
            hasher.combine(n.s.bitPattern)
            hasher.combine(n.l.bitPattern)
            hasher.combine(n.a.bitPattern)
        case let n as StyArguments:
            addExpression(n, depth: d)
            hasher.combine(n.mapOrder)
            for key in n.mapOrder { add(n.map[key], depth: d) }
        case let n as StyExpression:
            addExpression(n, depth: d)
        case let n as StyObject:
            hasher.combine(n.order)
            for key in n.order { add(n.vals[key], depth: d) }
            let keys = n.keyNodes.keys.sorted()
            hasher.combine(keys)
            for key in keys { add(n.keyNodes[key], depth: d) }
        case let n as StyFunction:
            hasher.combine(n.name)
            if n.builtin != nil {
                hasher.combine(1 as UInt8)
            } else {
                add(n.params, depth: d)
                add(n.block, depth: d)
            }
        case let n as StyParams:
            addList(n.nodes, depth: d)
        case let n as StyCall:
            hasher.combine(n.name)
            add(n.args, depth: d)
            add(n.block, depth: d)
        case let n as StyBinOp:
            hasher.combine(n.op)
            add(n.left, depth: d)
            add(n.right, depth: d)
            add(n.val, depth: d)
        case let n as StyUnaryOp:
            hasher.combine(n.op)
            add(n.expr, depth: d)
        case let n as StyTernary:
            add(n.cond, depth: d)
            add(n.trueExpr, depth: d)
            add(n.falseExpr, depth: d)
        case let n as StyMember:
            add(n.left, depth: d)
            add(n.right, depth: d)
            add(n.val, depth: d)
        case let n as StyReturn:
            add(n.expr, depth: d)
        case let n as StyIf:
            add(n.cond, depth: d)
            add(n.block, depth: d)
            addList(n.elses, depth: d)
            hasher.combine(n.negate)
            hasher.combine(n.postfix)
            add(n.statement, depth: d)
        case let n as StyEach:
            hasher.combine(n.val)
            hasher.combine(n.key)
            add(n.expr, depth: d)
            add(n.block, depth: d)
        case let n as StyImport:
            hasher.combine(n.once)
            add(n.path, depth: d)
        case let n as StyExtend:
            addList(n.selectors, depth: d)
        case let n as StyCharset:
            add(n.val, depth: d)
        case let n as StyNamespace:
            add(n.val, depth: d)
            add(n.prefix, depth: d)
        case let n as StyBlock:
            // StyRoot too: only the statements (not the back-links or the loop state).
            onBlock?(n)
            hasher.combine(n.scope)
            addList(n.nodes, depth: d)
        case let n as StyGroup:
            addList(n.nodes, depth: d)
            hasher.combine(n.extends.count)
            for e in n.extends {
                hasher.combine(e.selector)
                hasher.combine(e.optional)
                hasher.combine(e.lineno)
                hasher.combine(e.column)
                hasher.combine(e.filename)
            }
            add(n.block, depth: d)
        case let n as StySelector:
            addList(n.segments, depth: d)
            hasher.combine(n.val)
            hasher.combine(n.inherits)
            hasher.combine(n.optional)
        case let n as StyProperty:
            addList(n.segments, depth: d)
            add(n.expr, depth: d)
            hasher.combine(n.name)
            hasher.combine(n.literal)
        case let n as StyMedia:
            addAtrule(n, depth: d)
            add(n.query, depth: d)
            hasher.combine(n.bubbled)
            if n.group != nil { failed = true }
        case let n as StyKeyframes:
            addAtrule(n, depth: d)
            hasher.combine(n.prefix)
            hasher.combine(n.fabricated)
            hasher.combine(n.frames)
        case let n as StySupports:
            addAtrule(n, depth: d)
            add(n.condition, depth: d)
        case let n as StyAtrule:
            addAtrule(n, depth: d)
        case let n as StyAtblock:
            add(n.block, depth: d)
        case let n as StyQueryList:
            addList(n.nodes, depth: d)
        case let n as StyQuery:
            addList(n.nodes, depth: d)
            add(n.type, depth: d)
            add(n.predicate, depth: d)
        case let n as StyFeature:
            addList(n.segments, depth: d)
            add(n.expr, depth: d)
            hasher.combine(n.name)
        default:
            // StyDeferredValue and anything added later: no digest.
            failed = true
        }
    }

    private mutating func addExpression(_ n: StyExpression, depth: Int) {
        hasher.combine(n.isList)
        hasher.combine(n.preserve)
        addList(n.nodes, depth: depth)
    }

    private mutating func addAtrule(_ n: StyAtrule, depth: Int) {
        hasher.combine(n.type)
        hasher.combine(n.val)
        addList(n.segments, depth: depth)
        add(n.block, depth: depth)
    }

    private mutating func addList<N: StyNode>(_ nodes: [N], depth: Int) {
        hasher.combine(nodes.count)
        for n in nodes { add(n, depth: depth) }
    }
}
