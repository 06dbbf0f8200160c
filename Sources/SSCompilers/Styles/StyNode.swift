import Foundation

/// Base class of the Stylus AST. The evaluator rewrites the tree in place (as the
/// reference implementation does), so nodes are reference types; a compile owns its
/// whole tree and never shares it across threads.
///
/// Stored fields here and in the evaluator, printer and normaliser are
/// `@exclusivity(unchecked)`: one thread runs a compile and no access to a field overlaps
/// another (the tests, fuzzing and the conformance corpus ran clean with the checks on),
/// while the runtime's dynamic checks cost about 9% of a compile.
class StyNode {
    // 32-bit positions keep the most common nodes in a smaller allocation size class.
    @exclusivity(unchecked) private var line32: Int32 = 1
    @exclusivity(unchecked) private var column32: Int32 = 1
    @exclusivity(unchecked) var filename: String?

    var lineno: Int {
        get { Int(line32) }
        set { line32 = Int32(clamping: newValue) }
    }
    var column: Int {
        get { Int(column32) }
        set { column32 = Int32(clamping: newValue) }
    }

    init() {}

    var nodeName: String { "node" }
    /// The evaluator's dispatch tag (one virtual call instead of a chain of casts).
    var kind: StyKind { .other }
    /// Values that evaluate to themselves (lets the evaluator skip its type dispatch).
    var isPassive: Bool { false }
    /// The first value of an expression, or the node itself.
    var first: StyNode { self }
    var hash: StyHash { .null }
    var isNull: Bool { false }

    /// A copy for evaluation. `parent` is the block the copy's blocks chain to and `node`
    /// the copy's owner (for blocks). With `.sharing` the copy may share the nodes that
    /// evaluation never changes (see `StyCloneMode`); a node that nothing changes at all
    /// (a unit, a colour, a null) is its own copy in both modes.
    func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode { self }
    /// A deep copy: every node that evaluation can change is new.
    final func clone(_ parent: StyBlock?, _ node: StyNode?) -> StyNode { clone(parent, node, .deep) }
    final func clone() -> StyNode { clone(nil, nil, .deep) }

    func toBoolean() -> StyBoolean { StyBoolean.of(true) }
    var description: String { nodeName }

    func copyPosition(from other: StyNode) {
        line32 = other.line32
        column32 = other.column32
        filename = other.filename
    }

    func toExpression() -> StyExpression {
        if let expr = self as? StyExpression { return expr }
        let expr = StyExpression()
        expr.push(self)
        return expr
    }
}

/// How far `StyNode.clone` copies.
///
/// `.deep` copies every node that evaluation, the normaliser or the printer can change.
/// The parse and evaluation caches, the built-in library and `clone()` use it: their
/// trees are read by other compiles, possibly on other threads, so a compile must never
/// hold (and write) a node of theirs.
///
/// `.sharing` is for the copies the evaluator makes of a function's or a loop's body
/// *that belongs to this compile* (registered in its arena: parsed by it, or a deep copy
/// it made from a cache or the library). Such a copy shares with the body the nodes that
/// nothing changes once parsed: a plain name (`StyIdent` without a value: its only
/// written field is `entry`, a cache that every reader validates), and an operator node
/// whose operands are all shared (`StyBinOp`, `StyUnaryOp`, `StyTernary`: no field is
/// written after parsing). Every other node is new, as with `.deep`; arrays of members
/// (an expression's values, a property's name segments, call arguments) share their
/// storage when every member is shared, and Swift arrays copy on write, so a change to
/// one copy's array (evaluation replacing a name by its value, `push()`) leaves the
/// body's alone. A shared name's `entry` is written only while the compile's own thread
/// evaluates; the normaliser writes rule nodes (selectors, groups, blocks) and replaces
/// expressions' arrays, and the print pipeline only reads. The caches keep deep copies
/// (`StyMemoCopier.value`, `StylusParseCache.tree`), so no other compile sees a shared node.
///
/// Literals are shared only as name segments of selectors and properties
/// (`styCloneSegments`): interpolation with a class prefix (`--prefix`, `prefix-classes()`)
/// rewrites a literal in place, so it first gives the owner its own copy
/// (`StyEvaluator.ownLiterals`). Strings and literal values are never shared.
enum StyCloneMode {
    case deep
    case sharing
}

/// Node classes the evaluator dispatches on; `other` evaluates to itself.
enum StyKind {
    case other, expression, ident, property, call, binOp, root, block, group, ifNode, each, returnNode, media
    case keyframes, supports, atrule, object, member, unaryOp, ternary, atblock, feature, extend, importNode
}

/// JavaScript-like loosely typed hash used for `==`, `<`, `in` comparisons.
enum StyHash: Equatable {
    case num(Double)
    case str(String)
    case bool(Bool)
    case null

    var stringValue: String {
        switch self {
        case .num(let n): return styFormatNumber(n)
        case .str(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }

    static func looselyEqual(_ a: StyHash, _ b: StyHash) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.num(let x), .num(let y)): return x == y
        case (.str(let x), .str(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.num(let x), .str(let y)), (.str(let y), .num(let x)):
            if let d = Double(StyHash.trimWhitespace(y)) { return d == x }
            return y.isEmpty && x == 0
        default: return a.stringValue == b.stringValue
        }
    }

    /// `trimmingCharacters(in: .whitespaces)` without Foundation's bridging for ASCII text
    /// (the only ASCII characters in `.whitespaces` are space and tab).
    static func trimWhitespace(_ s: String) -> String {
        guard s.utf8.allSatisfy({ $0 < 0x80 }) else { return s.trimmingCharacters(in: .whitespaces) }
        let u = s.utf8
        guard let f = u.first, let l = u.last, f == 32 || f == 9 || l == 32 || l == 9 else { return s }
        var start = u.startIndex
        var end = u.endIndex
        while start < end && (u[start] == 32 || u[start] == 9) { start = u.index(after: start) }
        while end > start && (u[u.index(before: end)] == 32 || u[u.index(before: end)] == 9) {
            end = u.index(before: end)
        }
        return String(s[start..<end])
    }

    static func compare(_ a: StyHash, _ b: StyHash, _ op: String) -> Bool {
        let x: Double?
        let y: Double?
        switch (a, b) {
        case (.str(let s), .str(let t)):
            switch op {
            case ">": return s > t
            case "<": return s < t
            case ">=": return s >= t
            default: return s <= t
            }
        default:
            x = a.numeric
            y = b.numeric
        }
        guard let x, let y else { return false }
        switch op {
        case ">": return x > y
        case "<": return x < y
        case ">=": return x >= y
        default: return x <= y
        }
    }

    var numeric: Double? {
        switch self {
        case .num(let n): return n
        case .bool(let b): return b ? 1 : 0
        case .null: return 0
        case .str(let s): return s.isEmpty ? 0 : Double(s)
        }
    }
}

/// An error raised while evaluating; carries the node position it happened at.
struct StyError: Error {
    var message: String
    var lineno: Int?
    var column: Int?
    var filename: String?
    var id: DiagnosticID = .styEvaluation
    /// Comparison failures that `==`/`!=` turn into booleans.
    var isCoercion = false

    init(_ message: String, id: DiagnosticID = .styEvaluation) {
        self.message = message
        self.id = id
    }
}

/// `return` unwinds through blocks as an error, as in the reference evaluator. It never
/// leaves the compile thread, hence the unchecked Sendable.
struct StyReturnSignal: Error, @unchecked Sendable {
    let node: StyReturn
}

final class StyNull: StyNode {
    /// The null the evaluator gives wherever a value is null (a call's `current-property`
    /// outside a property, what a mixin or `@extend` evaluates to): nothing writes a null's
    /// fields, not even its position (`copyPosition` is only applied to new nodes).
    nonisolated(unsafe) static let shared = StyNull()
    override var isPassive: Bool { true }
    override var nodeName: String { "null" }
    override var isNull: Bool { true }
    override func toBoolean() -> StyBoolean { StyBoolean.of(false) }
    override var description: String { "null" }
}

final class StyBoolean: StyNode {
    override var isPassive: Bool { true }
    @exclusivity(unchecked) var val: Bool
    init(_ val: Bool) { self.val = val }
    /// `true` and `false`, shared by every compile (comparisons, `toBoolean()` and each
    /// call's `mixin` binding made one per use): `val` is only set by `init`, and
    /// `copyPosition` is only applied to new nodes, so nothing changes them.
    nonisolated(unsafe) static let trueValue = StyBoolean(true)
    nonisolated(unsafe) static let falseValue = StyBoolean(false)
    static func of(_ value: Bool) -> StyBoolean { value ? trueValue : falseValue }
    override var nodeName: String { "boolean" }
    override var hash: StyHash { .bool(val) }
    override func toBoolean() -> StyBoolean { self }
    var isTrue: Bool { val }
    var isFalse: Bool { !val }
    func negate() -> StyBoolean { StyBoolean.of(!val) }
    override var description: String { val ? "true" : "false" }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode { self }
}

final class StyUnit: StyNode {
    override var isPassive: Bool { true }
    @exclusivity(unchecked) var val: Double
    @exclusivity(unchecked) var type: String?
    @exclusivity(unchecked) var raw: String?
    init(_ val: Double, _ type: String? = nil) {
        self.val = val
        self.type = type
    }
    override var nodeName: String { "unit" }
    override var hash: StyHash { .num(val) }
    override func toBoolean() -> StyBoolean {
        if let type, !type.isEmpty { return StyBoolean.of(true) }
        return StyBoolean.of(val != 0 && !val.isNaN)
    }
    override var description: String { styFormatNumber(val) + (type ?? "") }
    /// Units are never changed once made (`copy()` gives one to change), so copies of a
    /// function's or a loop's body share them.
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode { self }
    func copy() -> StyUnit {
        let c = StyUnit(val, type)
        c.raw = raw
        c.copyPosition(from: self)
        return c
    }
}

final class StyString: StyNode {
    override var isPassive: Bool { true }
    @exclusivity(unchecked) var val: String
    @exclusivity(unchecked) var quote: String
    @exclusivity(unchecked) var prefixed = false
    init(_ val: String, quote: String = "'") {
        self.val = val
        self.quote = quote
    }
    var string: String { val }
    override var nodeName: String { "string" }
    override var hash: StyHash { .str(val) }
    override var description: String { quote + val + quote }
    override func toBoolean() -> StyBoolean { StyBoolean.of(!val.isEmpty) }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let c = StyString(val, quote: quote)
        c.copyPosition(from: self)
        return c
    }
}

final class StyIdent: StyNode {
    override var kind: StyKind { .ident }
    /// This name's interned entry in the compile that last looked it up.
    @exclusivity(unchecked) var entry: StyNameIndex.Entry?
    @exclusivity(unchecked) var name: String
    @exclusivity(unchecked) var val: StyNode
    @exclusivity(unchecked) var mixin: Bool
    @exclusivity(unchecked) var property = false
    @exclusivity(unchecked) var rest = false
    init(_ name: String, _ val: StyNode? = nil, mixin: Bool = false) {
        self.name = name
        self.val = val ?? StyIdent.noValue
        self.mixin = mixin
    }

    /// The value of every ident made without one (most: each name the lexer reads).
    /// Shared, like a null's copies (`clone` gives the null itself); never changed.
    nonisolated(unsafe) static let noValue = StyNull.shared
    var string: String { name }
    override var nodeName: String { "ident" }
    override var hash: StyHash { .str(name) }
    override var description: String { name }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        // A name without a value is looked up, never assigned (`visitIdent` writes `val`
        // only when it is not null; a parameter's copy, which gets an argument, is made
        // with `.deep` by `invokeFunction`); evaluation writes only `entry`.
        if mode == .sharing && val.isNull { return self }
        let c = StyIdent(name, val)  // placeholder value: avoids allocating a null
        c.val = val.clone(parent, c, mode)
        c.entry = entry
        c.mixin = mixin
        c.property = property
        c.rest = rest
        c.copyPosition(from: self)
        return c
    }
}

final class StyLiteral: StyNode {
    override var isPassive: Bool { true }
    @exclusivity(unchecked) var val: String
    @exclusivity(unchecked) var css = false
    @exclusivity(unchecked) var prefixed = false
    init(_ val: String) { self.val = val }
    var string: String { val }
    override var nodeName: String { "literal" }
    override var hash: StyHash { .str(val) }
    override var description: String { val }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let c = StyLiteral(val)
        c.css = css
        c.prefixed = prefixed
        c.copyPosition(from: self)
        return c
    }
}

final class StyComment: StyNode {
    override var isPassive: Bool { true }
    @exclusivity(unchecked) var str: String
    @exclusivity(unchecked) var suppress: Bool
    @exclusivity(unchecked) var inline: Bool
    init(_ str: String, suppress: Bool, inline: Bool) {
        self.str = str
        self.suppress = suppress
        self.inline = inline
    }
    override var nodeName: String { "comment" }
    override var description: String { str }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode { self }
}

/// `nodes.map { $0.clone(parent, owner, mode) }`, the array made in place: copies of
/// function and loop bodies are most of the evaluator's allocations, and `map` grew each
/// result through the general reserve path. When every member is its own copy, the result
/// is `nodes` itself (the same storage, copied on the first write).
func styClones(_ nodes: [StyNode], _ parent: StyBlock?, _ owner: StyNode?, _ mode: StyCloneMode = .deep) -> [StyNode] {
    styClones(nodes, parent, owner, mode, literals: false)
}

/// `styClones` of a selector's or a property's name segments: with `.sharing`, literals
/// are shared too. Interpolation is the only reader of a segment and the class prefix its
/// only writer, and `StyEvaluator.ownLiterals` gives the owner its own copy of each
/// literal first whenever a prefix applies.
func styCloneSegments(
    _ segments: [StyNode], _ parent: StyBlock?, _ owner: StyNode?, _ mode: StyCloneMode
) -> [StyNode] {
    styClones(segments, parent, owner, mode, literals: mode == .sharing)
}

private func styClones(
    _ nodes: [StyNode], _ parent: StyBlock?, _ owner: StyNode?, _ mode: StyCloneMode, literals: Bool
) -> [StyNode] {
    let n = nodes.count
    if n == 0 { return [] }
    @inline(__always) func copy(_ node: StyNode) -> StyNode {
        literals && node is StyLiteral ? node : node.clone(parent, owner, mode)
    }
    var shared = 0
    var firstCopy: StyNode?
    while shared < n {
        let c = copy(nodes[shared])
        if c !== nodes[shared] {
            firstCopy = c
            break
        }
        shared += 1
    }
    guard let firstCopy else { return nodes }
    return [StyNode](unsafeUninitializedCapacity: n) { buffer, count in
        guard let base = buffer.baseAddress else { return }
        for i in 0..<shared { (base + i).initialize(to: nodes[i]) }
        (base + shared).initialize(to: firstCopy)
        for i in (shared + 1)..<n { (base + i).initialize(to: copy(nodes[i])) }
        count = n
    }
}

/// A space- or comma-separated list of values.
class StyExpression: StyNode {
    override var kind: StyKind { .expression }
    @exclusivity(unchecked) var nodes: [StyNode] = []
    @exclusivity(unchecked) var isList: Bool
    @exclusivity(unchecked) var preserve = false
    init(isList: Bool = false) { self.isList = isList }
    override var nodeName: String { "expression" }
    var isEmpty: Bool { nodes.isEmpty }
    override var first: StyNode { nodes.first?.first ?? StyNull() }
    override var hash: StyHash { .str(nodes.map { $0.hash.stringValue }.joined(separator: "::")) }
    func push(_ node: StyNode) { nodes.append(node) }
    override func toBoolean() -> StyBoolean {
        if nodes.count > 1 { return StyBoolean.of(true) }
        return first.toBoolean()
    }
    override var description: String {
        "(" + nodes.map { $0.description }.joined(separator: isList ? ", " : " ") + ")"
    }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let c = StyExpression(isList: isList)
        fillClone(c, parent, mode)
        return c
    }
    /// Always a new expression (evaluation replaces its values in place, and `push()` or
    /// `[]=` change a list bound to a name), whose array may share the members' storage.
    func fillClone(_ c: StyExpression, _ parent: StyBlock?, _ mode: StyCloneMode) {
        c.preserve = preserve
        c.copyPosition(from: self)
        c.nodes = styClones(nodes, parent, c, mode)
    }
}

/// Call arguments: positional values plus keyword arguments (in source order).
final class StyArguments: StyExpression {
    @exclusivity(unchecked) var map: [String: StyNode] = [:]
    @exclusivity(unchecked) var mapOrder: [String] = []
    override var nodeName: String { "arguments" }

    func setKeyword(_ key: String, _ val: StyNode) {
        if map[key] == nil { mapOrder.append(key) }
        map[key] = val
    }

    static func fromExpression(_ expr: StyExpression) -> StyArguments {
        let args = StyArguments()
        args.isList = expr.isList
        args.nodes = expr.nodes
        return args
    }

    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let c = StyArguments()
        fillClone(c, parent, mode)
        for key in mapOrder { if let v = map[key] { c.setKeyword(key, v.clone(parent, c, mode)) } }
        c.isList = isList
        return c
    }
}

/// A hash `{a: 1}`; keys keep insertion order like JavaScript objects.
final class StyObject: StyNode {
    override var kind: StyKind { .object }
    @exclusivity(unchecked) var vals: [String: StyNode] = [:]
    @exclusivity(unchecked) var order: [String] = []
    @exclusivity(unchecked) var keyNodes: [String: StyNode] = [:]
    override var nodeName: String { "object" }
    func set(_ key: String, _ val: StyNode) {
        if vals[key] == nil { order.append(key) }
        vals[key] = val
    }
    func remove(_ key: String) {
        if vals.removeValue(forKey: key) != nil { order.removeAll { $0 == key } }
        keyNodes.removeValue(forKey: key)
    }
    func get(_ key: String) -> StyNode { vals[key] ?? StyNull() }
    func has(_ key: String) -> Bool { vals[key] != nil }
    var length: Int { order.count }
    override func toBoolean() -> StyBoolean { StyBoolean.of(length > 0) }
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let c = StyObject()
        c.copyPosition(from: self)
        for key in order { if let v = vals[key] { c.set(key, v.clone(parent, c, mode)) } }
        for (k, v) in keyNodes { c.keyNodes[k] = v.clone(parent, c, mode) }
        return c
    }
    override var description: String {
        "{"
            + order.map { "\"\(styJSONEscape($0))\":\"\(styJSONEscape(vals[$0]?.description ?? ""))\"" }
            .joined(separator: ",") + "}"
    }
}

func styJSONEscape(_ s: String) -> String {
    var out = ""
    for ch in s.unicodeScalars {
        switch ch {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        default: out.unicodeScalars.append(ch)
        }
    }
    return out
}
