import Foundation

extension StyEvaluator {
    func lookup(_ name: String) -> StyNode? { lookup(name, nameIndex.entry(name)) }

    func lookup(_ name: String, _ entry: StyNameIndex.Entry) -> StyNode? {
        if ignoreColors && StyNamedColors.names.contains(name) { return nil }
        if entry.bound, let v = stack.lookup(entry) { return StyOperate.unwrap(v) }
        if !entry.bound, let memo { memo.didRead(name, nil) }
        // `lookupFunction`'s answer once known (most names looked up are property names).
        if entry.resolved && !resolvesURL { return entry.function }
        return lookupFunction(name, entry)
    }

    func lookupFunction(_ name: String, _ known: StyNameIndex.Entry? = nil) -> StyNode? {
        if options.resolveURL && name == "url" {
            return StyFunction(
                "url", builtin: StyBuiltin(params: [], raw: true) { ev, a in try StyBuiltins.resolveURL(ev, a) })
        }
        let entry = known ?? nameIndex.entry(name)
        if entry.resolved { return entry.function }
        entry.resolved = true
        guard let b = StyBuiltins.table[name] else { return nil }
        let f = StyFunction(name, builtin: b)
        entry.function = f
        return f
    }

    func isDefined(_ node: StyNode) throws -> StyNode {
        if let i = node as? StyIdent {
            return StyBoolean.of(lookup(i.name, nameIndex.entry(i.name, cache: &i.entry)) != nil)
        }
        throw StyError("invalid \"is defined\" check on non-variable \(node.description)")
    }

    /// `current-property` in a call of function `name` made by `prop`'s value.
    static func propertyExpression(_ prop: StyProperty, _ name: String) -> StyNode {
        let expr = StyExpression()
        let val = prop.expr.clone()
        expr.push(StyString(prop.name ?? ""))
        func replace(_ node: StyNode) -> StyNode {
            if let c = node as? StyCall, c.name == name { return StyLiteral("__CALL__") }
            if let e = node as? StyExpression { e.nodes = e.nodes.map(replace) }
            return node
        }
        expr.push(replace(val))
        return expr
    }

    /// The nearest property named `name` before the one being evaluated (`@name`). The
    /// caller evaluates a copy of its value (a copy of the whole property was made here
    /// before, and only its value copied again).
    func lookupProperty(_ name: String) -> StyProperty? {
        let top = stack.frames.count
        var i = top
        var index = currentBlock.index
        while i > 0 {
            i -= 1
            let block = stack.frames[i].block
            guard let owner = block.node else { continue }
            switch owner {
            case is StyGroup, is StyFunction, is StyIf, is StyEach, is StyAtrule, is StyAtblock, is StyCall:
                let nodes = block.nodes
                if i + 1 == top {
                    while index > 0 {
                        index -= 1
                        guard index < nodes.count else { continue }
                        if let p = property, nodes[index] === p { continue }
                        guard let other = nodes[index] as? StyProperty else { continue }
                        if (try? interpolateName(other)) == name {
                            return other
                        }
                    }
                } else {
                    var len = nodes.count
                    while len > 0 {
                        len -= 1
                        guard let other = nodes[len] as? StyProperty else { continue }
                        if let p = property, other === p { continue }
                        if (try? interpolateName(other)) == name {
                            return other
                        }
                    }
                }
            default: break
            }
        }
        return nil
    }

    /// The text of a selector, property name or at-rule from its segments.
    func interpolate(_ sel: StySelector) throws -> String {
        if !prefix.isEmpty { StyEvaluator.ownLiterals(&sel.segments) }
        return try interpolateSegments(sel.segments, isSelector: true)
    }

    /// A property's name (see `interpolate(_:)`).
    func interpolateName(_ prop: StyProperty) throws -> String {
        if !prefix.isEmpty { StyEvaluator.ownLiterals(&prop.segments) }
        return try interpolateSegments(prop.segments)
    }

    /// Gives the owner of `segments` its own copy of each literal the class prefix has not
    /// been applied to, which `segmentString` then rewrites: copies of a body share their
    /// literal segments with it (`styCloneSegments`). The same text results as rewriting
    /// the shared literal, and the body and other copies keep theirs.
    static func ownLiterals(_ segments: inout [StyNode]) {
        for i in segments.indices {
            if let l = segments[i] as? StyLiteral, !l.prefixed { segments[i] = l.clone() }
        }
    }

    func interpolate(_ f: StyFeature) throws -> String { try interpolateSegments(f.segments) }

    func interpolateSegments(_ segments: [StyNode], isSelector: Bool = false) throws -> String {
        if segments.count == 1 { return try segmentString(segments[0], isSelector: isSelector) }
        var out = ""
        for seg in segments { out += try segmentString(seg, isSelector: isSelector) }
        return out
    }

    func segmentString(_ node: StyNode, isSelector: Bool) throws -> String {
        switch node {
        case let f as StyFunction: return f.name
        case let i as StyIdent: return i.name
        case let l as StyLiteral:
            if !prefix.isEmpty && !l.prefixed {
                l.val = StyEvaluator.applyPrefix(l.val, prefix)
                l.prefixed = true
            }
            return l.val
        case let s as StyString:
            if !prefix.isEmpty && !s.prefixed {
                s.val = StyEvaluator.applyPrefix(s.val, prefix)
                s.prefixed = true
            }
            return s.val
        case let u as StyUnit:
            return u.type == "%" ? styFormatNumber(u.val) + "%" : styFormatNumber(u.val)
        case is StyMember:
            return try segmentString(try visit(node), isSelector: isSelector)
        case is StyExpression:
            if calling.contains("selector") {
                memo?.didReadSelectorCache(selectorCache)
                if let cached = selectorCache { return cached }
            }
            returnDepth += 1
            defer { returnDepth -= 1 }
            let ret = try segmentString(try visit(node).first, isSelector: isSelector)
            if isSelector {
                selectorCache = ret
                memo?.recording?.selectorCacheWritten = true
            }
            return ret
        case let r as StyRGBA:
            // Only reached for values that are neither strings nor literals (JS returns undefined).
            _ = r
            return ""
        default:
            return ""
        }
    }

    /// `/\.(?=[\w-])|^\.$/g` -> `.` + prefix
    static func applyPrefix(_ s: String, _ prefix: String) -> String {
        if s == "." { return "." + prefix }
        var out = ""
        let chars = Array(s)
        for (i, c) in chars.enumerated() {
            out.append(c)
            if c == ".", i + 1 < chars.count {
                let n = chars[i + 1]
                if n.isASCII && (n.isLetter || n.isNumber || n == "_" || n == "-") { out += prefix }
            }
        }
        return out
    }
}
