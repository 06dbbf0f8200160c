import Foundation

extension StyBuiltins {
    /// JavaScript `Math.round` (half up, and -0 for [-0.5, 0)).
    static func jsRound(_ x: Double) -> Double {
        if x < 0 && x >= -0.5 { return -0.0 }
        if x == 0 { return x }
        return (x + 0.5).rounded(.down)
    }

    static func miscFunctions(_ t: inout [String: StyBuiltin]) {
        t["math"] = fn(["n", "fn"]) { _, a in
            let n = try unit(arg(a, 0), "n")
            let f = try string(arg(a, 1), "fn")
            let v = n.val
            let r: Double
            switch f {
            case "abs": r = abs(v)
            case "ceil": r = v.rounded(.up)
            case "floor": r = v.rounded(.down)
            case "round": r = jsRound(v)
            case "sin": r = sin(v)
            case "cos": r = cos(v)
            case "tan": r = tan(v)
            case "asin": r = asin(v)
            case "acos": r = acos(v)
            case "atan": r = atan(v)
            case "sqrt": r = v.squareRoot()
            case "exp": r = exp(v)
            case "log": r = log(v)
            case "sign": r = v > 0 ? 1 : (v < 0 ? -1 : v)
            case "trunc": r = v.rounded(.towardZero)
            default: throw StyError("Math.\(f) is not a function", id: .styArguments)
            }
            return StyUnit(r, n.type)
        }
        t["-math-prop"] = fn(["prop"]) { _, a in
            let p = try string(arg(a, 0), "prop")
            let table: [String: Double] = [
                "PI": Double.pi, "E": M_E, "LN2": M_LN2, "LN10": M_LN10, "LOG2E": M_LOG2E, "LOG10E": M_LOG10E,
                "SQRT2": 2.0.squareRoot(), "SQRT1_2": 0.5.squareRoot(),
            ]
            return StyUnit(table[p] ?? .nan)
        }
        t["tan"] = fn(["angle"]) { _, a in
            let u = try unit(arg(a, 0), "angle")
            var rad = u.val
            if u.type == "deg" { rad *= Double.pi / 180 }
            let m = 1e9
            let s = jsRound(sin(rad) * m) / m
            let c = jsRound(cos(rad) * m) / m
            return StyUnit(jsRound(m * s / c) / m, "")
        }
        for (name, f) in [("asin", asin), ("acos", acos), ("atan", atan)] as [(String, @Sendable (Double) -> Double)] {
            t[name] = fn(["trigValue", "output"]) { _, a in
                let v = (arg(a, 0) as? StyUnit)?.val ?? .nan
                let output = arg(a, 1).flatMap { StyOperate.stringOf($0) } ?? "deg"
                var value = f(v)
                if output == "deg" { value = value * 180 / Double.pi }
                let m = 1e9
                return StyUnit(jsRound(value * m) / m, output)
            }
        }
        t["lookup"] = fn(["name"]) { ev, a in
            let name = try strictString(arg(a, 0), "name")
            guard let node = ev.lookup(name) else { return StyNull() }
            return try ev.visit(node)
        }
        t["define"] = fn(["name", "expr", "global"]) { ev, a in
            let name = try strictString(arg(a, 0), "name")
            let expr = StyOperate.unwrap(arg(a, 1) ?? StyNull())
            var scope = ev.currentScope
            if let g = arg(a, 2), g.toBoolean().isTrue { scope = ev.globalFrame.scope }
            scope.add(name, expr)
            return StyNull()
        }
        t["error"] = fn(["msg"]) { _, a in
            throw StyError(try strictString(arg(a, 0), "msg"), id: .styUserError)
        }
        t["warn"] = fn(["msg"]) { ev, a in
            ev.warnings.append(try strictString(arg(a, 0), "msg"))
            return StyNull()
        }
        t["p"] = raw { _, _ in StyNull() }
        t["trace"] = raw { _, _ in StyNull() }
        t["operate"] = fn(["op", "left", "right"]) { _, a in
            let op = try strictString(arg(a, 0), "op")
            return try StyOperate.operate(try present(arg(a, 1), "left"), op, try present(arg(a, 2), "right"))
        }
        t["convert"] = fn(["str"]) { ev, a in parseString(try string(arg(a, 0), "str"), ev) }
        t["current-media"] = raw { ev, _ in
            var node: StyNode? = ev.closestBlock?.node
            var guardCount = 0
            while let n = node, guardCount < 1000 {
                guardCount += 1
                if let m = n as? StyMedia {
                    m.query = try ev.visitQueryList(m.query)
                    return StyString("@media " + m.query.description)
                }
                node = styBlockOf(n)?.parent?.node
            }
            return StyString("")
        }
        t["selector"] = raw { ev, a in try selectorFn(ev, a.compactMap { $0 }) }
        t["selectors"] = raw { ev, _ in
            let stack = ev.selectorStack
            let expr = StyExpression(isList: true)
            if stack.isEmpty {
                expr.push(StyString("&"))
                return expr
            }
            for (i, group) in stack.enumerated() {
                let parts = group.map { sel -> String in
                    let v = sel.val ?? ""
                    let nested = StySelectorParser.parse(v).nested
                    return (nested && i > 0 ? "& " : "") + v
                }
                expr.push(StyString(parts.joined(separator: ",")))
            }
            return expr
        }
        t["selector-exists"] = fn(["sel"]) { ev, a in
            let sel = try string(arg(a, 0), "selector")
            // Reads every rule evaluated so far: no statement is reused in this compile.
            ev.memo?.poison()
            let normalizer = StyNormalizer(root: ev.root, options: ev.options)
            return StyBoolean.of(normalizer.selectorMapKeys().contains(sel))
        }
        t["add-property"] = raw { ev, a in
            let nameNode = StyOperate.unwrap(try present(arg(a, 0), "name")).first
            _ = try string(nameNode, "name")
            guard let expr = arg(a, 1) as? StyExpression else {
                throw typeError("expression", arg(a, 1) ?? StyNull(), "expr")
            }
            let prop = StyProperty([nameNode], expr)
            guard let block = ev.closestBlock else { return prop }
            let idx = min(block.index, block.nodes.count)
            block.nodes.insert(prop, at: idx)
            block.index += 1
            block.generation += 1
            return prop
        }
        t["-prefix-classes"] = fn(["prefix", "block"]) { ev, a in
            let prefix = try string(arg(a, 0), "prefix")
            guard let block = arg(a, 1) as? StyBlock else { throw typeError("block", arg(a, 1) ?? StyNull(), "block") }
            let saved = ev.prefix
            ev.prefix = prefix
            defer { ev.prefix = saved }
            return try ev.visit(block)
        }
        t["json"] = fn(["path", "local", "namePrefix"]) { ev, a in try json(ev, a) }
        t["image-size"] = fn(["img", "ignoreErr"]) { ev, a in
            let path = try strictString(arg(a, 0), "img")
            let size: (Double, Double)
            do {
                size = try imageSize(ev, path)
            } catch {
                if let ig = arg(a, 1), ig.toBoolean().isTrue {
                    let e = StyExpression()
                    e.push(StyUnit(0))
                    e.push(StyUnit(0))
                    return e
                }
                throw error
            }
            let e = StyExpression()
            e.push(StyUnit(size.0, "px"))
            e.push(StyUnit(size.1, "px"))
            return e
        }
        t["embedurl"] = raw { ev, a in try embedURL(ev, a) }
        t["use"] = fn(["plugin", "options"]) { _, _ in
            throw StyError("use(): JavaScript plugins are not supported", id: .styUnsupported)
        }
    }

    static func parseString(_ str: String, _ ev: StyEvaluator) -> StyNode {
        var parser = StyParser(str, prefix: ev.options.prefix)
        if let list = try? parser.list(), parser.peek().type == "eos" || parser.peek().type == "outdent" {
            return list
        }
        return StyLiteral(str)
    }

    /// `s()` / `%` string formatting.
    static func sprintf(_ ev: StyEvaluator?, _ args: [StyNode]) throws -> StyNode {
        guard let fmtNode = args.first else { throw StyError("argument missing", id: .styArguments) }
        let fmt = StyOperate.unwrap(fmtNode).toExpression().nodes.first ?? StyNull()
        let str = try string(fmt)
        var out = ""
        var i = 1
        var chars = str.makeIterator()
        var pending: Character?
        while let c = pending ?? chars.next() {
            pending = nil
            if c == "%" {
                if let n = chars.next() {
                    if n == "s" || n == "d" {
                        let a: StyNode = i < args.count ? args[i] : StyNull()
                        i += 1
                        if n == "s" {
                            out += StyPrinter(options: StylusOptions()).valueString(a)
                        } else {
                            guard let u = StyOperate.unwrap(a).first as? StyUnit else {
                                throw StyError("%d requires a unit", id: .styArguments)
                            }
                            out += styFormatNumber(u.val)
                        }
                        continue
                    }
                    out.append(c)
                    pending = n
                    continue
                }
            }
            out.append(c)
        }
        return StyLiteral(out)
    }

    static func objectToBlock(_ obj: StyObject) -> String {
        var str = "{"
        for key in obj.order {
            let val = obj.get(key)
            if let o = val.first as? StyObject {
                str += key + " " + objectToBlock(o)
            } else if key == "@charset" {
                str += key + " " + val.first.description + ";"
            } else {
                str += key + ":" + blockValueString(val) + ";"
            }
        }
        return str + "}"
    }

    static func blockValueString(_ node: StyNode) -> String {
        if let e = node as? StyExpression {
            return e.nodes.map { blockValueString($0) }.joined(separator: e.isList ? "," : " ")
        }
        if let l = node as? StyLiteral, l.val == "," { return "\\," }
        return node.description
    }

    static func selectorFn(_ ev: StyEvaluator, _ args: [StyNode]) throws -> StyNode {
        var stack = ev.selectorStack
        func parse(_ s: String) throws -> [StySelector] {
            var parser = StyParser(s, prefix: ev.options.prefix)
            let parts = try parser.selectorList()
            for sel in parts { sel.val = sel.segments.map { $0.description }.joined() }
            return parts
        }
        if args.count == 1 {
            let expr = StyOperate.unwrap(args[0]).toExpression()
            if expr.nodes.count == 1 {
                let val = try string(expr.first, "selector")
                let parsed = StySelectorParser.parse(val).val
                if parsed == val { return StyString(val) }
                stack.append(try parse(val))
            } else if expr.nodes.count > 1 {
                if expr.isList {
                    for n in expr.nodes { stack.append(try parse(try string(n.first, "selector"))) }
                } else {
                    let joined = try expr.nodes.map { try string($0, "selector") }.joined(separator: " ")
                    stack.append(try parse(joined))
                }
            }
        } else if args.count > 1 {
            for n in args { stack.append(try parse(try string(n.first, "selector"))) }
        }
        if stack.isEmpty { return StyString("&") }
        return StyString(StySelectorCompiler.compile(stack, leaveHidden: false, indent: "").joined(separator: ","))
    }

    static func json(_ ev: StyEvaluator, _ a: [StyNode?]) throws -> StyNode {
        let path = try string(arg(a, 0), "path")
        let local = arg(a, 1)
        let options = local as? StyObject
        var found: String?
        if path.hasPrefix("/"), ev.exists(path) { found = path }
        if found == nil {
            for base in ev.paths.reversed() {
                let p = StyEvaluator.nodeJoin(base, path)
                if ev.exists(p) {
                    found = p
                    break
                }
            }
        }
        guard let file = found, let text = ev.resolver.readText(file), let obj = StyJSON.parse(text) else {
            if let options, options.get("optional").toBoolean().isTrue { return StyNull() }
            throw StyError("failed to locate .json file \(path)", id: .styImport)
        }
        func coerce(_ v: StyJSON) -> StyNode {
            switch v {
            case .bool(let b): return StyBoolean.of(b)
            case .number(let n): return StyUnit(n)
            case .string(let s): return StyString(s)
            default: return StyNull()
            }
        }
        if let options {
            let leave = options.get("leave-strings").toBoolean().isTrue
            func convert(_ o: [(String, StyJSON)]) -> StyObject {
                let ret = StyObject()
                for (key, v) in o {
                    if case .object(let sub) = v {
                        ret.set(key, convert(sub))
                    } else {
                        var n = coerce(v)
                        if let s = n as? StyString, !leave { n = parseString(s.val, ev) }
                        ret.set(key, n)
                    }
                }
                return ret
            }
            if case .object(let o) = obj { return convert(o) }
            return StyObject()
        }
        var namePrefix = ""
        if let np = arg(a, 2) { namePrefix = try string(np, "namePrefix") }
        let scope = (local?.toBoolean().isTrue ?? false) ? ev.currentScope : ev.globalFrame.scope
        func convert(_ o: [(String, StyJSON)], _ prefix: String) {
            let p = prefix.isEmpty ? "" : prefix + "-"
            for (key, v) in o {
                if case .object(let sub) = v {
                    convert(sub, p + key)
                } else {
                    var n = coerce(v)
                    if let s = n as? StyString { n = parseString(s.val, ev) }
                    scope.add(namePrefix + p + key, n)
                }
            }
        }
        if case .object(let o) = obj { convert(o, "") }
        return StyNull()
    }

    /// Width and height from a GIF/PNG/JPEG header or an SVG root element, read through the resolver.
    static func imageSize(_ ev: StyEvaluator, _ path: String) throws -> (Double, Double) {
        guard let found = lookupFile(ev, path), let data = ev.resolver.readData(found) else {
            throw StyError("failed to locate file \(path)", id: .styImport)
        }
        let b = [UInt8](data)
        func at(_ i: Int) -> Int { i >= 0 && i < b.count ? Int(b[i]) : 0 }
        var width: Int?
        var height: Int?
        if at(0) == 0x47 && at(1) == 0x49 && at(2) == 0x46 {
            width = at(7) << 8 | at(6)
            height = at(9) << 8 | at(8)
        } else if at(1) == 0x50 && at(2) == 0x4E && at(3) == 0x47 {
            width = at(16) << 24 | at(17) << 16 | at(18) << 8 | at(19)
            height = at(20) << 24 | at(21) << 16 | at(22) << 8 | at(23)
        } else if at(0) == 0xFF && at(1) == 0xD8 {
            var offset = 4
            var blockSize = at(offset) << 8 | at(offset + 1)
            var guardCount = 0
            while offset < b.count && guardCount < 100_000 {
                guardCount += 1
                offset += blockSize
                if offset >= b.count || at(offset) != 0xFF { break }
                if at(offset + 1) == 0xC0 || at(offset + 1) == 0xC2 {
                    height = at(offset + 5) << 8 | at(offset + 6)
                    width = at(offset + 7) << 8 | at(offset + 8)
                    // The reference keeps scanning; the next block size is unchanged.
                } else {
                    offset += 2
                    blockSize = at(offset) << 8 | at(offset + 1)
                }
                if blockSize == 0 { break }
            }
        } else if PathUtil.pathExtension(found).lowercased() == "svg" {
            let head = String(decoding: b.prefix(1024), as: UTF8.self)
            if let start = head.range(of: "<svg") {
                let tag = head[start.upperBound...].prefix { $0 != ">" }
                func attr(_ name: String) -> Int? {
                    guard let r = tag.range(of: " " + name + "=") ?? tag.range(of: "\n" + name + "=") else {
                        return nil
                    }
                    let rest = tag[r.upperBound...].dropFirst()
                    let digits = rest.prefix { $0.isNumber }
                    return Int(digits)
                }
                width = attr("width")
                height = attr("height")
                if width == nil || height == nil {
                    width = nil
                    height = nil
                }
            }
        }
        guard let w = width else { throw StyError("failed to find width of \"\(found)\"", id: .styArguments) }
        guard let h = height else { throw StyError("failed to find height of \"\(found)\"", id: .styArguments) }
        return (Double(w), Double(h))
    }
}
