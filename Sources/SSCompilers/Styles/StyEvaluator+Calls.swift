import Foundation

extension StyEvaluator {
    func visitCall(_ call: StyCall) throws -> StyNode {
        var fnNode = lookup(call.name, nameIndex.entry(call.name, cache: &call.entry))
        ignoreColors = call.name == "url"
        if let e = fnNode as? StyExpression { fnNode = e.nodes.first }
        if let f = fnNode, !(f is StyFunction) { fnNode = lookupFunction(call.name) }
        guard let fn = fnNode as? StyFunction else {
            let ret: StyNode
            if unvendorize(call.name) == "calc" {
                if let first = call.args.nodes.first {
                    ret = StyLiteral(call.name + first.description)
                } else {
                    call.args = try visit(call.args) as? StyArguments ?? call.args
                    ret = call
                }
            } else {
                call.args = try visit(call.args) as? StyArguments ?? call.args
                ret = call
            }
            ignoreColors = false
            return ret
        }
        callStack.names.append(call.name)
        defer { callStack.names.removeLast() }
        if calling.count > 200 {
            throw StyError("Maximum stylus call stack size exceeded", id: .styRecursion)
        }
        returnDepth += 1
        let evaluated = try visit(call.args)
        let args = (evaluated as? StyArguments) ?? StyArguments.fromExpression(evaluated.toExpression())
        if let orig = call.args as StyArguments? {
            for key in orig.mapOrder {
                if let v = orig.map[key] { args.setKeyword(key, try visit(v.clone())) }
            }
        }
        returnDepth -= 1
        let ret: StyNode
        if let builtin = fn.builtin {
            ret = try invokeBuiltin(builtin, args)
        } else if call.block == nil, let native = try nativeLibraryCall(fn, args) {
            ret = native
        } else {
            if let b = call.block { call.block = try visit(b) as? StyBlock ?? b }
            ret = try invokeFunction(fn, args, content: call.block)
        }
        ignoreColors = false
        return ret
    }

    func unvendorize(_ prop: String) -> String {
        if !StyText.contains(prop, UInt8(ascii: "-")) { return prop }
        for v in vendors where v != "official" {
            let vendor = "-" + v + "-"
            if StyText.find(prop, vendor) != nil { return StyText.replaceFirst(prop, vendor, "") }
        }
        return prop
    }

    func visitIdent(_ ident: StyIdent) throws -> StyNode {
        if ident.property {
            if let prop = lookupProperty(ident.name) { return try visit(prop.expr.clone()) }
            return StyNull.shared
        }
        if ident.val.isNull {
            let val = lookup(ident.name, nameIndex.entry(ident.name, cache: &ident.entry))
            if let val, ident.mixin { try mixinNode(val) }
            if let val { return try visit(val) }
            return ident
        }
        returnDepth += 1
        ident.val = try visit(ident.val)
        returnDepth -= 1
        currentScope.add(nameIndex.entry(ident.name, cache: &ident.entry), ident.val)
        return ident.val
    }

    func visitBinOp(_ binop: StyBinOp) throws -> StyNode {
        if binop.op == "is defined" { return try isDefined(binop.left) }
        returnDepth += 1
        let op = binop.op
        let left = try visit(binop.left)
        let right: StyNode
        if op == "||" || op == "&&" {
            right = binop.right ?? StyNull.shared
        } else {
            right = try visit(binop.right ?? StyNull.shared)
        }
        let val = try binop.val.map { try visit($0) }
        returnDepth -= 1
        do {
            var rightValue = right
            if op == "||" || op == "&&" {
                // Short-circuit: evaluate the right side only when it decides the result.
                let lb = left.toBoolean()
                if op == "||" && lb.isTrue { return try visit(left) }
                if op == "&&" && lb.isFalse { return try visit(left) }
                returnDepth += 1
                rightValue = try visit(right)
                returnDepth -= 1
            }
            return try visit(try StyOperate.operate(left, op, rightValue, val))
        } catch let e as StyError where e.isCoercion {
            switch op {
            case "==": return StyBoolean.of(false)
            case "!=": return StyBoolean.of(true)
            default: throw e
            }
        }
    }

    func visitUnaryOp(_ unary: StyUnaryOp) throws -> StyNode {
        let node = try visit(unary.expr)
        if unary.op == "!" { return node.toBoolean().negate() }
        guard let u = (node.first as? StyUnit)?.copy() else {
            throw StyError("TypeError: expected unit, but got \(node.first.nodeName):\(node.first.description)")
        }
        switch unary.op {
        case "-": u.val = -u.val
        case "~": u.val = Double(~Int64(u.val.isFinite ? u.val : 0))
        default: break
        }
        return u
    }

    func visitExpression(_ expr: StyExpression) throws -> StyNode {
        for i in expr.nodes.indices {
            let node = expr.nodes[i]
            if node.isPassive {
                // What `visit` would do for a value that evaluates to itself (the step
                // budget is still charged; the next real visit enforces it).
                steps += 1
                continue
            }
            let value = try visit(node)
            if value !== node { expr.nodes[i] = value }
        }
        if expr.nodes.count == 2, let u = expr.nodes[0].first as? StyUnit, let i = expr.nodes[1] as? StyIdent,
            StyParser.units.contains(i.name) || i.name == "%"
        {
            return StyUnit(u.val, i.name)
        }
        return expr
    }

    func visitProperty(_ prop: StyProperty) throws -> StyNode {
        let name = try interpolateName(prop)
        let fn = lookup(name, nameIndex.entry(name, cache: &prop.entry))
        let isCall = fn.map { $0.first is StyFunction } ?? false
        let saved = property
        if isCall && !prop.literal && !calling.contains(name) {
            let args = StyArguments.fromExpression(StyOperate.unwrap(prop.expr.clone()).toExpression())
            prop.name = name
            property = prop
            returnDepth += 1
            property?.expr = try visit(prop.expr).toExpression()
            returnDepth -= 1
            defer { property = saved }
            return try visit(StyCall(name, args))
        }
        returnDepth += 1
        prop.name = name
        prop.literal = true
        property = prop
        prop.expr = try visit(prop.expr).toExpression()
        property = saved
        returnDepth -= 1
        return prop
    }

    func invokeFunction(_ fn: StyFunction, _ argsIn: StyArguments, content: StyBlock?) throws -> StyNode {
        guard let fnBlock = fn.block else { return StyNull.shared }
        if !fn.namesInterned, fnBlock.arena === arena {
            internNames(fnBlock)
            fn.namesInterned = true
        }
        let block = StyBlock(fnBlock.parent, nil)
        if block.arena == nil { arena.register(block) }
        let body = fnBlock.cloneBlock(block, nil, copyMode(of: fnBlock))
        let mixinBlock = stack.current?.block ?? root
        stack.push(block, index: nameIndex)
        let scope = currentScope
        let args = argsIn
        scope.add(names.arguments, args)
        scope.add(names.mixin, returnDepth > 0 ? StyBoolean.falseValue : StyString(mixinBlock.nodeName))
        scope.bindCallValues(
            calls: callStack, property: property, function: fn.name,
            entries: (names.currentProperty, names.calledFrom))
        var idx = 0
        let len = args.nodes.count
        for param in fn.params.nodes {
            if param.rest {
                let v = StyExpression()
                while idx < len {
                    v.push(args.nodes[idx])
                    idx += 1
                }
                v.preserve = true
                v.isList = args.isList
                scope.add(param.name, v)
            } else {
                var arg = args.map[param.name]
                if arg == nil, idx < len {
                    arg = args.nodes[idx]
                    idx += 1
                }
                if let a = arg, !((a as? StyExpression)?.isEmpty ?? false) {
                    // What the parameter's copy below would bind, without the copy (and
                    // the copy of its default value) a call made per parameter.
                    if a.isNull {
                        throw StyError("argument \"\(param.name)\" required for \(fn.description)", id: .styArguments)
                    }
                    scope.add(nameIndex.entry(param.name), a)
                    continue
                }
                let node = param.clone() as? StyIdent ?? param
                if let a = arg {
                    if let e = a as? StyExpression, e.isEmpty {
                        args.nodes[idx - 1] = try visit(node)
                    } else {
                        node.val = a
                    }
                } else {
                    args.push(node.val)
                }
                if node.val.isNull {
                    throw StyError("argument \"\(node.name)\" required for \(fn.description)", id: .styArguments)
                }
                scope.add(nameIndex.entry(node.name, cache: &node.entry), node.val)
            }
        }
        if let content { scope.add(names.block, content) }
        return try invoke(body, popStack: true, filename: fn.filename)
    }

    func invokeBuiltin(_ fn: StyBuiltin, _ args: StyArguments) throws -> StyNode {
        var list: [StyNode?] = []
        if fn.raw {
            list = args.nodes
        } else {
            list.reserveCapacity(fn.params.count + 2)
            var positional = args.nodes[...]
            for param in fn.params {
                var arg = args.map[param]
                if arg == nil, let f = positional.first {
                    arg = f
                    positional = positional.dropFirst()
                }
                if let a = arg {
                    let u = StyOperate.unwrap(a)
                    if let e = u as? StyExpression, e.nodes.count > 1 {
                        for n in e.nodes { list.append(StyOperate.unwrap(n.first)) }
                    } else {
                        list.append(u.first)
                    }
                }
            }
        }
        let result = try fn.body(self, list)
        // What `invoke` does with an expression holding the result, without making it.
        if returnDepth > 0 { return try eval(only: result) }
        let expr = StyExpression()
        expr.push(result)
        return try invoke(expr, popStack: false, filename: nil)
    }

    /// `PathUtil.dirname`, remembered for the last file (calls come from few files in a row).
    func dirname(_ file: String) -> String {
        if let last = lastDirname, last.file == file { return last.dir }
        let dir = PathUtil.dirname(file)
        lastDirname = (file, dir)
        return dir
    }

    func invoke(_ body: StyBlock, popStack: Bool, filename: String?) throws -> StyNode {
        if let filename { paths.append(dirname(filename)) }
        defer { if filename != nil { paths.removeLast() } }
        if returnDepth > 0 {
            let ret: StyNode
            do {
                ret = try eval(body.nodes)
            } catch {
                if popStack { stack.pop() }
                throw error
            }
            if popStack { stack.pop() }
            return ret
        }
        let visited: StyNode
        do {
            visited = try visit(body)
        } catch {
            if popStack { stack.pop() }
            throw error
        }
        if popStack { stack.pop() }
        if let b = visited as? StyBlock { mixin(b.nodes, into: currentBlock) }
        return StyNull.shared
    }

    func invoke(_ body: StyExpression, popStack: Bool, filename: String?) throws -> StyNode {
        if returnDepth > 0 { return try eval(body.nodes) }
        let visited = try visit(body)
        if let e = visited as? StyExpression { mixin(e.nodes, into: currentBlock) }
        return StyNull.shared
    }

    func eval(_ vals: [StyNode]) throws -> StyNode {
        var node: StyNode = StyNull.shared
        do {
            for v in vals { node = try evalStatement(v) }
        } catch let r as StyReturnSignal {
            return r.node.expr
        }
        return node
    }

    /// `eval([statement])` without the array.
    func eval(only statement: StyNode) throws -> StyNode {
        do {
            return try evalStatement(statement)
        } catch let r as StyReturnSignal {
            return r.node.expr
        }
    }

    private func evalStatement(_ v: StyNode) throws -> StyNode {
        let node = try visit(v)
        guard (v as? StyIf)?.statement == nil && (v is StyIf || v is StyEach || v is StyBlock) else { return node }
        if let b = node as? StyBlock { return try eval(b.nodes) }
        if let e = node as? StyExpression { return try eval(e.nodes) }
        if let a = node as? StyAtblock { return try eval(a.block.nodes) }
        return node
    }

    func mixin(_ items: [StyNode], into block: StyBlock) {
        if items.isEmpty { return }
        let idx = min(block.index, block.nodes.count)
        block.index = 0
        // head + items + tail, as the reference's slice/concat, in place.
        let range = idx..<min(idx + 1, block.nodes.count)
        if items.allSatisfy({ !StyEvaluator.isSpliceMarker($0) }) {
            // Nothing to flatten or cut (the usual mixin body): the items themselves.
            for node in items { fixSplicedItem(node, block) }
            block.nodes.replaceSubrange(range, with: items)
        } else {
            var spliced: [StyNode] = []
            spliced.reserveCapacity(items.count)
            mixinItems(items, &spliced, block)
            block.nodes.replaceSubrange(range, with: spliced)
        }
        block.generation += 1
    }

    /// A `return` (which ends the items) or a plain block (whose statements take its place).
    private static func isSpliceMarker(_ node: StyNode) -> Bool {
        node is StyReturn || ((node as? StyBlock)?.nodeName == "block")
    }

    /// What splicing does to one item besides placing it (see `mixinItems`).
    private func fixSplicedItem(_ node: StyNode, _ block: StyBlock) {
        if let m = node as? StyMedia {
            if let parentNode = m.block?.parent?.node, !(parentNode is StyCall) { m.block?.parent = block }
        } else if node is StyProperty {
            fixBlockLiteral(node)
        }
    }

    func mixinItems(_ items: [StyNode], _ dest: inout [StyNode], _ block: StyBlock) {
        for node in items {
            switch node {
            case is StyReturn: return
            case let b as StyBlock where b.nodeName == "block":
                mixinItems(b.nodes, &dest, block)
            case is StyMedia, is StyProperty:
                fixSplicedItem(node, block)
                dest.append(node)
            default:
                dest.append(node)
            }
        }
    }

    private func fixBlockLiteral(_ node: StyNode) {
        guard let p = node as? StyProperty, p.literal, (p.expr.first as? StyIdent)?.name == "block" else { return }
        if let u = StyOperate.unwrap(p.expr) as? StyExpression, !u.nodes.isEmpty { u.nodes[0] = StyLiteral("block") }
    }

    func mixinNode(_ node: StyNode) throws {
        let n = try visit(node.first)
        switch n {
        case let o as StyObject: try mixinObject(o)
        case let b as StyBlock: mixin(b.nodes, into: currentBlock)
        case let a as StyAtblock: mixin(a.block.nodes, into: currentBlock)
        default: break
        }
    }

    func mixinObject(_ object: StyObject) throws {
        let str = "$block " + StyBuiltins.objectToBlock(object)
        let objRoot = StyBlock(nil, nil)
        arena.register(objRoot)
        var parser = StyParser(str, root: objRoot, prefix: options.prefix, filename: filename)
        let block = try parser.parse()
        block.parent = root
        block.scope = false
        if let ret = try visit(block) as? StyBlock, let first = ret.nodes.first as? StyGroup {
            mixin(first.block.nodes, into: currentBlock)
        }
    }
}
