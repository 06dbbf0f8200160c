extension StyEvaluator {
    /// Gives the names in a body that is copied before each evaluation (a function's, a
    /// loop's) their interned entries, which the copies inherit: otherwise every copy
    /// hashes every identifier, property and call name again on its first lookup.
    ///
    /// Only fills empty `entry` caches with the entry of the name as written; a lookup
    /// checks that the entry is this compile's and of the name it looks up, so an entry
    /// for a name that interpolation changes is simply not used. Never applied to the
    /// built-in library's bodies, which are shared by every compile.
    func internNames(_ node: StyNode, depth: Int = 0) {
        guard depth < 64 else { return }
        let d = depth + 1
        switch node {
        case let b as StyBlock:
            for n in b.nodes { internNames(n, depth: d) }
        case let g as StyGroup:
            internNames(g.block, depth: d)
        case let p as StyProperty:
            if p.entry == nil, p.segments.count == 1, let name = StyEvaluator.writtenName(p.segments[0]) {
                p.entry = nameIndex.entry(name)
            }
            internNames(p.expr, depth: d)
        case let e as StyExpression:
            for n in e.nodes { internNames(n, depth: d) }
        case let i as StyIdent:
            if i.entry == nil { i.entry = nameIndex.entry(i.name) }
            internNames(i.val, depth: d)
        case let c as StyCall:
            if c.entry == nil { c.entry = nameIndex.entry(c.name) }
            internNames(c.args, depth: d)
            if let b = c.block { internNames(b, depth: d) }
        case let b as StyBinOp:
            internNames(b.left, depth: d)
            if let r = b.right { internNames(r, depth: d) }
        case let u as StyUnaryOp:
            internNames(u.expr, depth: d)
        case let t as StyTernary:
            internNames(t.cond, depth: d)
            internNames(t.trueExpr, depth: d)
            internNames(t.falseExpr, depth: d)
        case let i as StyIf:
            internNames(i.cond, depth: d)
            if let b = i.block { internNames(b, depth: d) }
            if let s = i.statement { internNames(s, depth: d) }
            for e in i.elses { internNames(e, depth: d) }
        case let e as StyEach:
            internNames(e.expr, depth: d)
            if let b = e.block { internNames(b, depth: d) }
        case let r as StyReturn:
            internNames(r.expr, depth: d)
        case let a as StyAtrule:
            if let b = a.block { internNames(b, depth: d) }
        default:
            break
        }
    }

    /// The text of a property-name segment that is a plain name.
    static func writtenName(_ segment: StyNode) -> String? {
        switch segment {
        case let i as StyIdent: return i.name
        case let l as StyLiteral: return l.val
        default: return nil
        }
    }
}
