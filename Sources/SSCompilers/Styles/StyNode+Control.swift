import Foundation

/// A built-in function implemented in Swift.
struct StyBuiltin: Sendable {
    var params: [String]
    /// Raw built-ins receive the argument nodes unchanged.
    var raw: Bool
    var body: @Sendable (StyEvaluator, [StyNode?]) throws -> StyNode
}

final class StyFunction: StyNode {
    override var isPassive: Bool { true }
    @exclusivity(unchecked) var name: String
    @exclusivity(unchecked) var params: StyParams
    @exclusivity(unchecked) var block: StyBlock?
    @exclusivity(unchecked) var builtin: StyBuiltin?
    /// The body's names are interned (`StyEvaluator.internNames`), so every copy a call
    /// evaluates starts with them.
    @exclusivity(unchecked) var namesInterned = false

    init(_ name: String, _ params: StyParams, _ block: StyBlock? = nil) {
        self.name = name
        self.params = params
        self.block = block
    }

    init(_ name: String, builtin: StyBuiltin) {
        self.name = name
        self.params = StyParams()
        self.builtin = builtin
    }

    override var nodeName: String { "function" }
    override var hash: StyHash { .str("function " + name) }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        if let builtin {
            let c = StyFunction(name, builtin: builtin)
            c.copyPosition(from: self)
            return c
        }
        let c = StyFunction(name, params.cloneParams(parent, mode))
        c.copyPosition(from: self)
        c.block = block?.cloneBlock(parent, c, mode)
        return c
    }
    override var description: String {
        if let builtin { return name + "(" + builtin.params.joined(separator: ", ") + ")" }
        return name + "(" + params.nodes.map { $0.description }.joined(separator: ", ") + ")"
    }
}

final class StyParams: StyNode {
    override var isPassive: Bool { true }
    @exclusivity(unchecked) var nodes: [StyIdent] = []
    override var nodeName: String { "params" }
    func cloneParams(_ parent: StyBlock?, _ mode: StyCloneMode = .deep) -> StyParams {
        let c = StyParams()
        c.nodes = nodes.map { ($0.clone(parent, c, mode) as? StyIdent) ?? $0 }
        return c
    }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        cloneParams(parent, mode)
    }
}

final class StyCall: StyNode {
    override var kind: StyKind { .call }
    @exclusivity(unchecked) var entry: StyNameIndex.Entry?
    @exclusivity(unchecked) var name: String
    @exclusivity(unchecked) var args: StyArguments
    @exclusivity(unchecked) var block: StyBlock?
    init(_ name: String, _ args: StyArguments) {
        self.name = name
        self.args = args
    }
    override var nodeName: String { "call" }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let c = StyCall(name, (args.clone(parent, nil, mode) as? StyArguments) ?? StyArguments())
        c.copyPosition(from: self)
        c.entry = entry
        c.block = block?.cloneBlock(parent, c, mode)
        return c
    }
    override var description: String {
        let a = args.nodes.map { n -> String in
            let s = n.description
            return s.count >= 2 ? String(s.dropFirst().dropLast()) : s
        }
        return name + "(" + a.joined(separator: ", ") + ")"
    }
}

final class StyBinOp: StyNode {
    override var kind: StyKind { .binOp }
    @exclusivity(unchecked) var op: String
    @exclusivity(unchecked) var left: StyNode
    @exclusivity(unchecked) var right: StyNode?
    @exclusivity(unchecked) var val: StyNode?
    init(_ op: String, _ left: StyNode, _ right: StyNode? = nil) {
        self.op = op
        self.left = left
        self.right = right
    }
    override var nodeName: String { "binop" }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let l = left.clone(parent, nil, mode)
        let r = right?.clone(parent, nil, mode)
        // No field of an operator node is written after parsing (`visitBinOp` reads them
        // and returns a new value), so with shared operands it is shared too. `val` (the
        // value of `list[i] = val`) is visited in place when it is an expression.
        if mode == .sharing && val == nil && l === left && r === right { return self }
        let c = StyBinOp(op, l, r)
        c.copyPosition(from: self)
        c.val = val?.clone(parent, c, mode)
        return c
    }
    override var description: String { left.description + " " + op + " " + (right?.description ?? "") }
}

final class StyUnaryOp: StyNode {
    override var kind: StyKind { .unaryOp }
    @exclusivity(unchecked) var op: String
    @exclusivity(unchecked) var expr: StyNode
    init(_ op: String, _ expr: StyNode) {
        self.op = op
        self.expr = expr
    }
    override var nodeName: String { "unaryop" }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let e = expr.clone(parent, nil, mode)
        // Never written after parsing (see `StyBinOp.clone`).
        if mode == .sharing && e === expr { return self }
        let c = StyUnaryOp(op, e)
        c.copyPosition(from: self)
        return c
    }
}

final class StyTernary: StyNode {
    override var kind: StyKind { .ternary }
    @exclusivity(unchecked) var cond: StyNode
    @exclusivity(unchecked) var trueExpr: StyNode
    @exclusivity(unchecked) var falseExpr: StyNode
    init(_ cond: StyNode, _ t: StyNode, _ f: StyNode) {
        self.cond = cond
        self.trueExpr = t
        self.falseExpr = f
    }
    override var nodeName: String { "ternary" }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let cond = cond.clone(parent, nil, mode)
        let t = trueExpr.clone(parent, nil, mode)
        let f = falseExpr.clone(parent, nil, mode)
        // Never written after parsing (see `StyBinOp.clone`).
        if mode == .sharing && cond === self.cond && t === trueExpr && f === falseExpr { return self }
        let c = StyTernary(cond, t, f)
        c.copyPosition(from: self)
        return c
    }
}

final class StyMember: StyNode {
    override var kind: StyKind { .member }
    @exclusivity(unchecked) var left: StyNode
    @exclusivity(unchecked) var right: StyIdent
    @exclusivity(unchecked) var val: StyNode?
    init(_ left: StyNode, _ right: StyIdent) {
        self.left = left
        self.right = right
    }
    override var nodeName: String { "member" }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let c = StyMember(left.clone(parent, nil, mode), (right.clone(parent, nil, mode) as? StyIdent) ?? right)
        c.copyPosition(from: self)
        c.val = val?.clone(parent, c, mode)
        return c
    }
    override var description: String { left.description + "." + right.description }
}

final class StyReturn: StyNode {
    override var kind: StyKind { .returnNode }
    @exclusivity(unchecked) var expr: StyNode
    init(_ expr: StyNode? = nil) { self.expr = expr ?? StyNull() }
    override var nodeName: String { "return" }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let c = StyReturn(expr.clone(parent, nil, mode))
        c.copyPosition(from: self)
        return c
    }
}

final class StyIf: StyNode {
    override var kind: StyKind { .ifNode }
    @exclusivity(unchecked) var cond: StyNode
    @exclusivity(unchecked) var block: StyBlock?
    /// Either `StyIf` (else if) or `StyBlock` (else).
    @exclusivity(unchecked) var elses: [StyNode] = []
    @exclusivity(unchecked) var negate = false
    @exclusivity(unchecked) var postfix = false
    /// The guarded statement of a postfix `stmt if cond` (the reference stores it as `block`).
    @exclusivity(unchecked) var statement: StyNode?
    init(_ cond: StyNode, negate: Bool = false) {
        self.cond = cond
        self.negate = negate
    }
    override var nodeName: String { "if" }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let c = StyIf(cond.clone(parent, nil, mode), negate: negate)
        c.copyPosition(from: self)
        c.block = block?.cloneBlock(parent, c, mode)
        c.elses = elses.map { $0.clone(parent, c, mode) }
        c.statement = statement?.clone(parent, c, mode)
        c.postfix = postfix
        return c
    }
}

final class StyEach: StyNode {
    override var kind: StyKind { .each }
    @exclusivity(unchecked) var val: String
    @exclusivity(unchecked) var key: String?
    @exclusivity(unchecked) var expr: StyNode
    @exclusivity(unchecked) var block: StyBlock?
    init(_ val: String, _ key: String?, _ expr: StyNode) {
        self.val = val
        self.key = key
        self.expr = expr
    }
    override var nodeName: String { "each" }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let c = StyEach(val, key, expr.clone(parent, nil, mode))
        c.copyPosition(from: self)
        c.block = block?.cloneBlock(parent, c, mode)
        return c
    }
}

final class StyImport: StyNode {
    override var kind: StyKind { .importNode }
    @exclusivity(unchecked) var path: StyNode
    @exclusivity(unchecked) var once: Bool
    init(_ path: StyNode, once: Bool) {
        self.path = path
        self.once = once
    }
    override var nodeName: String { "import" }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let c = StyImport(path.clone(parent, nil, mode), once: once)
        c.copyPosition(from: self)
        return c
    }
}

final class StyExtend: StyNode {
    override var kind: StyKind { .extend }
    @exclusivity(unchecked) var selectors: [StySelector]
    init(_ selectors: [StySelector]) { self.selectors = selectors }
    override var nodeName: String { "extend" }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let c = StyExtend(selectors)
        c.copyPosition(from: self)
        return c
    }
}

final class StyCharset: StyNode {
    override var isPassive: Bool { true }
    @exclusivity(unchecked) var val: StyNode
    init(_ val: StyNode) { self.val = val }
    override var nodeName: String { "charset" }
}

final class StyNamespace: StyNode {
    override var isPassive: Bool { true }
    @exclusivity(unchecked) var val: StyNode
    @exclusivity(unchecked) var prefix: StyNode?
    init(_ val: StyNode, prefix: StyNode?) {
        self.val = val
        self.prefix = prefix
    }
    override var nodeName: String { "namespace" }
}
