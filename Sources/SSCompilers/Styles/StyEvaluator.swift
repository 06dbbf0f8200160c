import Foundation

/// Evaluates a parsed stylesheet in place: variables, mixins, functions,
/// conditionals, loops and imports, leaving only output nodes (a port of the
/// reference evaluator, including its in-place block splicing for mixins).
final class StyEvaluator {
    let root: StyBlock
    let options: StylusOptions
    let resolver: any SourceResolver
    @exclusivity(unchecked) var stack = StyStack()
    @exclusivity(unchecked) var paths: [String]
    @exclusivity(unchecked) var filename: String
    let callStack = StyCallStack()
    @exclusivity(unchecked) var indexUnits: [StyUnit] = []
    /// `options.resolveURL`, read on every lookup.
    let resolvesURL: Bool
    var calling: [String] { callStack.names }
    @exclusivity(unchecked) var importStack: [String] = []
    @exclusivity(unchecked) var requireHistory: Set<String> = []
    @exclusivity(unchecked) var returnDepth = 0
    @exclusivity(unchecked) var property: StyProperty?
    @exclusivity(unchecked) var ignoreColors = false
    @exclusivity(unchecked) var selectorCache: String?
    @exclusivity(unchecked) var warnings: [String] = []
    /// The selector of every `@extend` evaluated (`StyPrintPipeline.isTarget`).
    @exclusivity(unchecked) var extendSelectors: Set<String> = []
    @exclusivity(unchecked) var visitDepth = 0
    @exclusivity(unchecked) var steps = 0
    static let maxVisitDepth = 900
    /// Evaluation budget: a fixed base plus an allowance per source byte (main file and
    /// imports), so hostile exponential recursion stops while big stylesheets still fit.
    static let baseSteps = 5_000_000
    static let stepsPerByte = 200
    @exclusivity(unchecked) var maxSteps = StyEvaluator.baseSteps
    /// Text of every imported file, for diagnostics (made into `SourceFile`s only then).
    @exclusivity(unchecked) var sources: [String: String] = [:]
    @exclusivity(unchecked) var globalFrame: StyFrame!
    let arena: StyArena
    let nameIndex = StyNameIndex()
    var lastDirname: (file: String, dir: String)?
    /// Names every function call binds, interned once.
    lazy var names = CallNames(nameIndex)

    /// An object rather than a tuple: reading one name of a lazy tuple copied (and
    /// retained) all five.
    final class CallNames {
        let arguments, mixin, currentProperty, calledFrom, block: StyNameIndex.Entry
        init(_ index: StyNameIndex) {
            arguments = index.entry("arguments")
            mixin = index.entry("mixin")
            currentProperty = index.entry("current-property")
            calledFrom = index.entry("called-from")
            block = index.entry("block")
        }
    }
    /// Parsed files kept between compiles (watch mode), if the caller passed one.
    var parseCache: StylusParseCache?
    /// Incremental evaluation (`StylusEvaluationCache`), if the caller passed a cache.
    var memo: StyMemoSession?
    /// The caller's resolver (not the dependency recorder): set to parse imports ahead on
    /// a second thread.
    var prefetchResolver: (any SourceResolver)?
    var prefetch: StyImportPrefetch?
    /// Class prefix (`--prefix`, or `prefix-classes()` while it runs).
    @exclusivity(unchecked) var prefix: String

    deinit { nameIndex.clear() }

    init(
        root: StyBlock, options: StylusOptions, resolver: any SourceResolver, filename: String,
        arena: StyArena = StyArena()
    ) {
        self.root = root
        self.arena = arena
        self.options = options
        self.resolver = resolver
        self.filename = filename
        self.paths = options.includePaths
        self.prefix = options.prefix
        self.resolvesURL = options.resolveURL
        self.paths.append(PathUtil.dirname(filename))
    }

    var currentBlock: StyBlock { stack.current?.block ?? root }
    var currentScope: StyScope { stack.current?.scope ?? StyScope() }

    /// Evaluates the stylesheet. With `library` the Stylus-written built-ins are
    /// evaluated from source; otherwise the shared, pre-evaluated template is installed.
    func evaluate(library: StyBlock?) throws -> StyBlock {
        let frame = StyFrame(root, index: nameIndex)
        globalFrame = frame
        stack.globalScope = frame.scope
        frame.scope.isGlobal = true
        stack.push(frame)
        populateGlobalScope()
        // Imports start parsing while the library is installed (its first use evaluates it).
        startPrefetch()
        if let library {
            library.parent = root
            library.scope = false
            _ = try visit(library)
        } else {
            installLibrary()
        }
        memo?.start(frame.scope)
        return try visit(root) as? StyBlock ?? root
    }

    /// Library functions are shared read-only across compiles (a call clones the body);
    /// every other library value is copied so a stylesheet cannot change another's.
    func installLibrary() {
        let scope = globalFrame.scope
        for (name, value) in StyBuiltinLibrary.evaluated {
            scope.add(name, value is StyFunction ? value : value.clone())
        }
    }

    func populateGlobalScope() {
        let scope = globalFrame.scope
        for (name, rgb) in StyNamedColors.table {
            let c = StyRGBA(rgb.0, rgb.1, rgb.2, rgb.3)
            c.name = name
            scope.add(name, c)
        }
    }

    // MARK: - Dispatch

    func visit(_ node: StyNode) throws -> StyNode {
        visitDepth += 1
        steps += 1
        defer { visitDepth -= 1 }
        if visitDepth > StyEvaluator.maxVisitDepth {
            var e = StyError("maximum nesting depth exceeded (runaway recursion?)", id: .styRecursion)
            e.lineno = node.lineno
            e.column = node.column
            e.filename = node.filename
            throw e
        }
        if steps > maxSteps {
            var e = StyError("evaluation step limit exceeded (runaway recursion?)", id: .styRecursion)
            if node.filename != nil {
                e.lineno = node.lineno
                e.column = node.column
                e.filename = node.filename
            }
            throw e
        }
        do {
            return try dispatch(node)
        } catch var e as StyError {
            if e.lineno == nil {
                e.lineno = node.lineno
                e.column = node.column
                e.filename = node.filename
            }
            throw e
        }
    }

    func dispatch(_ node: StyNode) throws -> StyNode {
        // `kind` is overridden by exactly the classes below (subclasses inherit their
        // base's tag only where the base's visit applies, e.g. arguments are expressions);
        // values that evaluate to themselves (`isPassive`) are all `.other`.
        switch node.kind {
        case .expression: return try visitExpression(unsafeDowncast(node, to: StyExpression.self))
        case .ident: return try visitIdent(unsafeDowncast(node, to: StyIdent.self))
        case .property: return try visitProperty(unsafeDowncast(node, to: StyProperty.self))
        case .call: return try visitCall(unsafeDowncast(node, to: StyCall.self))
        case .binOp: return try visitBinOp(unsafeDowncast(node, to: StyBinOp.self))
        case .root: return try visitRoot(unsafeDowncast(node, to: StyRoot.self))
        case .block: return try visitBlock(unsafeDowncast(node, to: StyBlock.self))
        case .group: return try visitGroup(unsafeDowncast(node, to: StyGroup.self))
        case .ifNode: return try visitIf(unsafeDowncast(node, to: StyIf.self))
        case .each: return try visitEach(unsafeDowncast(node, to: StyEach.self))
        case .returnNode:
            let n = unsafeDowncast(node, to: StyReturn.self)
            n.expr = try visit(n.expr)
            throw StyReturnSignal(node: n)
        case .media: return try visitMedia(unsafeDowncast(node, to: StyMedia.self))
        case .keyframes: return try visitKeyframes(unsafeDowncast(node, to: StyKeyframes.self))
        case .supports: return try visitSupports(unsafeDowncast(node, to: StySupports.self))
        case .atrule: return try visitAtrule(unsafeDowncast(node, to: StyAtrule.self))
        case .object:
            let n = unsafeDowncast(node, to: StyObject.self)
            for key in n.order { if let v = n.vals[key] { n.vals[key] = try visit(v) } }
            return n
        case .member: return try visitMember(unsafeDowncast(node, to: StyMember.self))
        case .unaryOp: return try visitUnaryOp(unsafeDowncast(node, to: StyUnaryOp.self))
        case .ternary:
            let n = unsafeDowncast(node, to: StyTernary.self)
            let ok = try visit(n.cond).toBoolean()
            return ok.isTrue ? try visit(n.trueExpr) : try visit(n.falseExpr)
        case .atblock:
            let n = unsafeDowncast(node, to: StyAtblock.self)
            n.block = try visit(n.block) as? StyBlock ?? n.block
            return n
        case .feature:
            let n = unsafeDowncast(node, to: StyFeature.self)
            n.name = try interpolate(n)
            if let e = n.expr {
                returnDepth += 1
                defer { returnDepth -= 1 }
                n.expr = try visit(e).toExpression()
            }
            return n
        case .extend: return try visitExtend(unsafeDowncast(node, to: StyExtend.self))
        case .importNode: return try visitImport(unsafeDowncast(node, to: StyImport.self))
        case .other: return node
        }
    }

    // MARK: - Blocks

    func visitRoot(_ block: StyRoot) throws -> StyNode {
        if block !== root { return try visitBlock(block) }
        // The reference walks the root with its own loop variable (`block.index = i` on
        // each turn), so a mixin spliced into the root, which sets `index` to 0, does not
        // make it visit the nodes before the splice again (blocks do: there `index` is
        // the loop variable).
        var idx = 0
        while idx < block.nodes.count {
            block.index = idx
            let gen = block.generation
            let result = try visitRootNode(block.nodes[idx], at: idx)
            if gen == block.generation && idx < block.nodes.count { block.nodes[idx] = result }
            idx += 1
        }
        return block
    }

    func visitBlock(_ block: StyBlock) throws -> StyNode {
        if block === root { return try visitRoot(root as? StyRoot ?? StyRoot()) }
        stack.push(block, index: nameIndex)
        defer { stack.pop() }
        block.index = 0
        while block.index < block.nodes.count {
            let idx = block.index
            let gen = block.generation
            do {
                let node = block.nodes[idx]
                let result = try visit(node)
                if result !== node && gen == block.generation && idx < block.nodes.count { block.nodes[idx] = result }
            } catch let r as StyReturnSignal {
                if returnDepth > 0 { throw r }
                if gen == block.generation && idx < block.nodes.count { block.nodes[idx] = r.node }
                break
            }
            block.index += 1
        }
        return block
    }

    func visitGroup(_ group: StyGroup) throws -> StyNode {
        for s in group.nodes { s.val = try interpolate(s) }
        // A block evaluates to itself: the setter (which stores it in every selector
        // again) runs only when that changes anything.
        let block = group.block
        let visited = try visit(block) as? StyBlock ?? block
        if !group.holds(visited) { group.block = visited }
        return group
    }

    func visitMedia(_ media: StyMedia) throws -> StyNode {
        if let b = media.block { media.block = try visit(b) as? StyBlock ?? b }
        media.query = try visitQueryList(media.query)
        return media
    }

    func visitQueryList(_ queries: StyQueryList) throws -> StyQueryList {
        for q in queries.nodes { try visitQuery(q) }
        if queries.nodes.count == 1, let type = queries.nodes[0].type {
            let name = styNodeString(type)
            if let val = lookup(name) {
                guard let str = StyOperate.stringOf(val.first) else { return queries }
                var parser = StyParser(str, prefix: options.prefix, filename: filename)
                let parsed = try parser.queries()
                return try visitQueryList(parsed)
            }
        }
        return queries
    }

    func visitQuery(_ q: StyQuery) throws {
        if let p = q.predicate { q.predicate = try visit(p) }
        if let t = q.type { q.type = try visit(t) }
        for f in q.nodes { _ = try visit(f) }
    }

    func visitMember(_ node: StyMember) throws -> StyNode {
        let obj = try visit(node.left).first
        guard let o = obj as? StyObject else {
            throw StyError("\(node.left.description) has no property .\(node.right.name)")
        }
        if let v = node.val {
            returnDepth += 1
            defer { returnDepth -= 1 }
            o.set(node.right.name, try visit(v))
        }
        return o.get(node.right.name)
    }

    func visitKeyframes(_ kf: StyKeyframes) throws -> StyNode {
        if kf.fabricated { return kf }
        var val = StyText.trim(try interpolateSegments(kf.segments))
        if let v = lookup(val) {
            let f = v.first
            if let s = f as? StyString { val = s.val } else if let i = f as? StyIdent { val = i.name }
        }
        kf.val = val
        if let b = kf.block { kf.block = try visit(b) as? StyBlock ?? b }
        if kf.prefix != "official" { return kf }
        for prefix in vendors where prefix != "ms" {
            let node = StyKeyframes(kf.segments, prefix: prefix)
            node.copyPosition(from: kf)
            node.val = kf.val
            node.block = kf.block
            node.fabricated = true
            currentBlock.push(node)
        }
        return StyNull.shared
    }

    var vendors: [String] {
        guard let v = lookup("vendors") else { return [] }
        let nodes = (v as? StyExpression)?.nodes ?? [v]
        return nodes.map { styNodeString($0) }
    }

    func visitSupports(_ node: StySupports) throws -> StyNode {
        returnDepth += 1
        let cond = try visit(node.condition)
        returnDepth -= 1
        node.condition = cond
        if let e = cond as? StyExpression, e.nodes.count == 1, let s = e.first as? StyString {
            node.condition = StyLiteral(s.val)
        }
        if let b = node.block { node.block = try visit(b) as? StyBlock ?? b }
        return node
    }

    func visitAtrule(_ node: StyAtrule) throws -> StyNode {
        node.val = try interpolateSegments(node.segments)
        if let b = node.block { node.block = try visit(b) as? StyBlock ?? b }
        return node
    }

    func visitEach(_ each: StyEach) throws -> StyNode {
        returnDepth += 1
        let expr = StyOperate.unwrap(try visit(each.expr)).toExpression()
        returnDepth -= 1
        let scope = currentScope
        let block = currentBlock
        var vals: [StyNode] = []
        each.block?.scope = false
        if expr.nodes.count > 1, let b = each.block, b.arena === arena { internNames(b) }
        let valEntry = nameIndex.entry(each.val)
        let keyEntry = nameIndex.entry(each.key ?? "__index__")
        func body(_ v: StyNode, _ k: StyNode) throws {
            scope.add(valEntry, v)
            scope.add(keyEntry, k)
            guard let b = each.block else { return }
            if let res = try visit(b.cloneBlock(nil, nil, copyMode(of: b))) as? StyBlock {
                vals.append(contentsOf: res.nodes)
            }
        }
        if expr.nodes.count == 1, let obj = expr.nodes[0] as? StyObject {
            for key in obj.order { try body(StyString(key), obj.get(key)) }
        } else {
            for (i, v) in expr.nodes.enumerated() { try body(v, indexUnit(i)) }
        }
        mixin(vals, into: block)
        return vals.last ?? StyNull.shared
    }

    func visitIf(_ node: StyIf) throws -> StyNode {
        let block = currentBlock
        returnDepth += 1
        let ok = try visit(node.cond).first.toBoolean()
        returnDepth -= 1
        var ret: StyNode?
        if let stmt = node.statement {
            if ok.isTrue != node.negate { ret = try visit(stmt) }
            return ret ?? StyNull.shared
        }
        node.block?.scope = node.block?.hasMedia ?? false
        if node.negate {
            if ok.isFalse, let b = node.block { ret = try visit(b) }
        } else if ok.isTrue, let b = node.block {
            ret = try visit(b)
        } else {
            for e in node.elses {
                if let elseIf = e as? StyIf {
                    elseIf.block?.scope = elseIf.block?.hasMedia ?? false
                    returnDepth += 1
                    let c = try visit(elseIf.cond).first.toBoolean()
                    returnDepth -= 1
                    if c.isTrue, let b = elseIf.block {
                        ret = try visit(b)
                        break
                    }
                } else if let b = e as? StyBlock {
                    b.scope = b.hasMedia
                    ret = try visit(b)
                }
            }
        }
        if let r = ret as? StyBlock, !node.postfix, let owner = block.node,
            owner is StyGroup || owner is StyAtrule
        {
            mixin(r.nodes, into: block)
            return StyNull.shared
        }
        return ret ?? StyNull.shared
    }

    func visitExtend(_ ext: StyExtend) throws -> StyNode {
        var block = currentBlock
        if !(block.node is StyGroup), let g = closestGroup { block = g }
        guard let group = block.node as? StyGroup else { return StyNull.shared }
        for sel in ext.selectors {
            let c = sel.cloneSelector(nil, nil)
            let text = StyText.trim(try interpolate(c))
            extendSelectors.insert(text)
            group.extends.append(
                StyExtendRef(
                    selector: text, optional: sel.optional, lineno: sel.lineno, column: sel.column,
                    filename: sel.filename))
        }
        return StyNull.shared
    }

    /// The unit `i`, a loop's index: units are never changed once made, so the loops of
    /// a compile share one per index.
    func indexUnit(_ i: Int) -> StyUnit {
        if i >= 256 { return StyUnit(Double(i)) }
        while indexUnits.count <= i { indexUnits.append(StyUnit(Double(indexUnits.count))) }
        return indexUnits[i]
    }

    /// How to copy a function's or a loop's body before evaluating it: sharing what
    /// evaluation never changes when this compile owns the body (see `StyCloneMode`), deeply
    /// when it is shared with other compiles (the built-in library's, a stored evaluation's).
    func copyMode(of body: StyBlock) -> StyCloneMode { body.arena === arena ? .sharing : .deep }

    var closestBlock: StyBlock? {
        for f in stack.frames.reversed() {
            if let n = f.block.node,
                n is StyGroup || n is StyKeyframes || n is StyAtrule || n is StyAtblock || n is StyCall
            {
                return f.block
            }
        }
        return nil
    }

    var closestGroup: StyBlock? {
        for f in stack.frames.reversed() where f.block.node is StyGroup { return f.block }
        return nil
    }

    var selectorStack: [[StySelector]] {
        var out: [[StySelector]] = []
        for f in stack.frames {
            if let g = f.block.node as? StyGroup {
                for s in g.nodes where s.val == nil { s.val = try? interpolate(s) }
                out.append(g.nodes)
            }
        }
        return out
    }
}
