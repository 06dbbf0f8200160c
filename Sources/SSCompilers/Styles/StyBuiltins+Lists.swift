import Foundation

extension StyBuiltins {
    static func unwrapExpr(_ node: StyNode?) -> StyExpression {
        guard let node else { return StyExpression() }
        return StyOperate.unwrap(node).toExpression()
    }

    static func listFunctions(_ t: inout [String: StyBuiltin]) {
        t["length"] = raw { _, a in
            guard let expr = arg(a, 0) else { return StyUnit(0) }
            guard expr is StyExpression else { return StyUnit(1) }
            let nodes = unwrapExpr(expr).nodes
            if nodes.count == 1, let o = nodes[0] as? StyObject { return StyUnit(Double(o.length)) }
            if nodes.count == 1, let s = nodes[0] as? StyString { return StyUnit(Double(s.val.utf16.count)) }
            return StyUnit(Double(nodes.count))
        }
        let push = raw { _, a in
            let expr = unwrapExpr(arg(a, 0))
            for n in a.dropFirst() { if let n { expr.nodes.append(StyOperate.unwrap(n).clone()) } }
            return StyUnit(Double(expr.nodes.count))
        }
        t["push"] = push
        t["append"] = push
        let unshift = raw { _, a in
            let expr = unwrapExpr(arg(a, 0))
            for n in a.dropFirst() { if let n { expr.nodes.insert(StyOperate.unwrap(n), at: 0) } }
            return StyUnit(Double(expr.nodes.count))
        }
        t["unshift"] = unshift
        t["prepend"] = unshift
        t["pop"] = raw { _, a in
            let expr = unwrapExpr(arg(a, 0))
            return expr.nodes.popLast() ?? StyNull()
        }
        t["shift"] = raw { _, a in
            let expr = unwrapExpr(arg(a, 0))
            return expr.nodes.isEmpty ? StyNull() : expr.nodes.removeFirst()
        }
        t["list-separator"] = raw { _, a in StyString(unwrapExpr(arg(a, 0)).isList ? "," : " ") }
        t["range"] = fn(["start", "stop", "step"]) { _, a in
            let start = try unit(arg(a, 0), "start")
            let stop = try unit(arg(a, 1), "stop")
            var step = 1.0
            if let s = arg(a, 2) {
                step = try unit(s, "step").val
                if step == 0 { throw StyError("ArgumentError: \"step\" argument must not be zero", id: .styArguments) }
            }
            let list = StyExpression()
            var i = start.val
            var count = 0
            while i <= stop.val && count < 100_000 {
                list.push(StyUnit(i, start.type))
                i += step
                count += 1
            }
            return list
        }
        t["remove"] = fn(["object", "key"]) { _, a in
            guard let o = arg(a, 0) as? StyObject else { throw typeError("object", arg(a, 0) ?? StyNull(), "object") }
            o.remove(try string(arg(a, 1), "key"))
            return o
        }
        let merge = raw { _, a in
            guard let destNode = arg(a, 0) else { throw StyError("\"dest\" argument required", id: .styArguments) }
            guard let dest = StyOperate.unwrap(destNode).first as? StyObject else {
                throw typeError("object", destNode, "dest")
            }
            let last = StyOperate.unwrap(a.last.flatMap { $0 } ?? StyNull()).first
            let deep = (last as? StyBoolean)?.val == true
            let end = a.count - (deep ? 1 : 0)
            if end > 1 {
                for i in 1..<end {
                    if let src = arg(a, i).map({ StyOperate.unwrap($0).first }) as? StyObject {
                        mergeObjects(dest, src, deep: deep)
                    }
                }
            }
            return dest
        }
        t["merge"] = merge
        t["extend"] = merge
        t["clone"] = raw { _, a in try present(arg(a, 0), "expr").clone() }
        t["opposite-position"] = raw { _, a in
            let expr = StyExpression()
            for (i, pos) in unwrapExpr(arg(a, 0)).nodes.enumerated() {
                let s = try string(pos, "position \(i)")
                let o: String
                switch s {
                case "top": o = "bottom"
                case "bottom": o = "top"
                case "left": o = "right"
                case "right": o = "left"
                case "center": o = "center"
                default: throw StyError("invalid position \(pos.description)", id: .styArguments)
                }
                expr.push(StyLiteral(o))
            }
            return expr
        }
    }

    static func mergeObjects(_ dest: StyObject, _ src: StyObject, deep: Bool) {
        for key in src.order {
            guard let v = src.vals[key] else { continue }
            if deep, let existing = dest.vals[key],
                let a = StyOperate.unwrap(existing).first as? StyObject,
                let b = StyOperate.unwrap(v).first as? StyObject
            {
                mergeObjects(a, b, deep: deep)
            } else {
                dest.set(key, v)
            }
        }
    }

    static func stringFunctions(_ t: inout [String: StyBuiltin]) {
        t["unquote"] = fn(["string"]) { _, a in StyLiteral(try string(arg(a, 0), "string")) }
        t["s"] = raw { ev, a in try sprintf(ev, a.compactMap { $0 }) }
        let typeFn = fn(["node"]) { _, a in StyString(try present(arg(a, 0), "expression").nodeName) }
        t["type"] = typeFn
        t["typeof"] = typeFn
        t["type-of"] = typeFn
        t["unit"] = fn(["unit", "type"]) { _, a in
            let u = try unit(arg(a, 0), "unit")
            if let ty = arg(a, 1) {
                let s = try string(ty, "type")
                return StyUnit(u.val, s)
            }
            return StyString(u.type ?? "")
        }
        t["split"] = fn(["delim", "val"]) { _, a in
            let d = try string(arg(a, 0), "delimiter")
            let vNode = arg(a, 1)
            let v = try string(vNode, "val")
            let parts: [String] = d.isEmpty ? v.map { String($0) } : v.components(separatedBy: d)
            let expr = StyExpression()
            for p in parts { expr.push(vNode is StyIdent ? StyIdent(p) : StyString(p)) }
            return expr
        }
        t["substr"] = fn(["val", "start", "length"]) { _, a in
            let vNode = arg(a, 0)
            let v = Array(try string(vNode, "val").utf16)
            var start = Int(try unit(arg(a, 1), "start").val)
            if start < 0 { start = max(0, v.count + start) }
            start = min(start, v.count)
            var end = v.count
            if let l = arg(a, 2) as? StyUnit { end = min(v.count, start + max(0, Int(l.val))) }
            let res = String(decoding: v[start..<end], as: UTF16.self)
            return vNode is StyIdent ? StyIdent(res) : StyString(res)
        }
        t["slice"] = raw { _, a in
            let start = arg(a, 1).map { Int((unwrapExpr($0).nodes.first as? StyUnit)?.val ?? 0) }
            let end = arg(a, 2).map { Int((unwrapExpr($0).nodes.first as? StyUnit)?.val ?? 0) }
            let vals = unwrapExpr(arg(a, 0)).nodes
            func range(_ n: Int) -> Range<Int> {
                var s = start ?? 0
                var e = end ?? n
                if s < 0 { s = max(0, n + s) }
                if e < 0 { e = max(0, n + e) }
                s = min(s, n)
                e = min(max(e, s), n)
                return s..<e
            }
            if vals.count > 1 {
                let expr = StyExpression()
                expr.nodes = Array(vals[range(vals.count)])
                return expr
            }
            guard let first = vals.first else { return StyString("") }
            let chars = Array(try string(first).utf16)
            let res = String(decoding: chars[range(chars.count)], as: UTF16.self)
            return first is StyIdent ? StyIdent(res) : StyString(res)
        }
        t["replace"] = fn(["pattern", "replacement", "val"]) { _, a in
            let pattern = try string(arg(a, 0), "pattern")
            let repl = try string(arg(a, 1), "replacement")
            let vNode = arg(a, 2)
            let v = try string(vNode, "val")
            guard let re = try? NSRegularExpression(pattern: pattern) else {
                throw StyError("invalid regular expression \(pattern)", id: .styArguments)
            }
            let res = re.stringByReplacingMatches(
                in: v, range: NSRange(v.startIndex..., in: v), withTemplate: repl)
            return vNode is StyIdent ? StyIdent(res) : StyString(res)
        }
        t["match"] = fn(["pattern", "val", "flags"]) { _, a in
            let pattern = try strictString(arg(a, 0), "pattern")
            let v = try string(arg(a, 1), "val")
            let flags = arg(a, 2).flatMap { StyOperate.stringOf($0) } ?? ""
            var opts: NSRegularExpression.Options = []
            if flags.contains("i") { opts.insert(.caseInsensitive) }
            if flags.contains("m") { opts.insert(.anchorsMatchLines) }
            guard let re = try? NSRegularExpression(pattern: pattern, options: opts) else {
                throw StyError("invalid regular expression \(pattern)", id: .styArguments)
            }
            let ns = v as NSString
            let expr = StyExpression()
            if flags.contains("g") {
                for m in re.matches(in: v, range: NSRange(location: 0, length: ns.length)) {
                    expr.push(StyString(ns.substring(with: m.range)))
                }
            } else if let m = re.firstMatch(in: v, range: NSRange(location: 0, length: ns.length)) {
                for i in 0..<m.numberOfRanges {
                    let r = m.range(at: i)
                    expr.push(r.location == NSNotFound ? StyNull() : StyString(ns.substring(with: r)))
                }
            }
            return expr.isEmpty ? StyNull() : expr
        }
        t["base-convert"] = raw { _, a in
            let num = (unwrapExpr(arg(a, 0)).nodes.first as? StyUnit)?.val ?? 0
            let base = Int((unwrapExpr(arg(a, 1)).nodes.first as? StyUnit)?.val ?? 10)
            let width = Int((arg(a, 2).flatMap { unwrapExpr($0).nodes.first as? StyUnit })?.val ?? 2)
            var result = String(Int(num), radix: max(2, min(36, base)))
            while result.count < width { result = "0" + result }
            return StyLiteral(result)
        }
        t["basename"] = fn(["p", "ext"]) { _, a in
            var b = PathUtil.basename(try string(arg(a, 0), "path"))
            if let e = arg(a, 1).flatMap({ StyOperate.stringOf($0) }), b.hasSuffix(e), b != e { b.removeLast(e.count) }
            return StyString(b)
        }
        t["dirname"] = fn(["p"]) { _, a in StyString(PathUtil.dirname(try string(arg(a, 0), "path"))) }
        t["extname"] = fn(["p"]) { _, a in
            let ext = PathUtil.pathExtension(try string(arg(a, 0), "path"))
            return StyString(ext.isEmpty ? "" : "." + ext)
        }
        t["pathjoin"] = raw { _, a in
            let parts = a.compactMap { $0.flatMap { StyOperate.stringOf($0.first) } }
            return StyString(PathUtil.normalize(parts.joined(separator: "/")))
        }
    }
}
