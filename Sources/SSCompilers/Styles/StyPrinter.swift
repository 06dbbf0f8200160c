import Foundation

/// Prints the normalised tree as CSS, byte for byte as Stylus formats it
/// (2-space indentation, no blank lines between rules, `--compress` mode).
final class StyPrinter {
    let compress: Bool
    @exclusivity(unchecked) var indents = 1
    /// The output so far, as UTF-8 (appending bytes is much cheaper than growing a String).
    @exclusivity(unchecked) var buf: [UInt8] = []
    @exclusivity(unchecked) var stack = StySelectorStack(leaveHidden: false)
    @exclusivity(unchecked) var keyframe = false
    @exclusivity(unchecked) var isURL = false
    @exclusivity(unchecked) var isCondition = false
    @exclusivity(unchecked) var last = false
    /// Output line (0-based) -> source position of the rule or property that started it.
    @exclusivity(unchecked) var lineMap: [LineMapping] = []
    @exclusivity(unchecked) var outputLine = 0
    @exclusivity(unchecked) var depth = 0
    /// Blocks whose group rendered no selector (all placeholders): their properties are
    /// never printed, also when another group shares the block (as the reference's flag on
    /// the block does). Kept here, not on the tree, so printers on two threads never write it.
    @exclusivity(unchecked) var lacking: Set<ObjectIdentifier> = []
    /// Blocks whose properties this printer printed, recorded only for the chunks of a
    /// parallel print (`StyPrinter+Parallel`).
    @exclusivity(unchecked) var printedBlocks: [ObjectIdentifier]?
    /// Helper threads of a parallel print that may still be reading the tree.
    @exclusivity(unchecked) var helpers: [StyPrintJob] = []
    let options: StylusOptions

    init(options: StylusOptions) {
        self.compress = options.compress
        self.options = options
    }

    var indent: String {
        if compress { return "" }
        let n = max(0, indents - 1)
        return n < StyPrinter.indentStrings.count ? StyPrinter.indentStrings[n] : String(repeating: "  ", count: n)
    }
    static let indentStrings = (0..<16).map { String(repeating: "  ", count: $0) }

    func out(_ s: String, _ node: StyNode? = nil) {
        if let node, let file = node.filename, !compress, lineMap.last?.outputLine != outputLine {
            lineMap.append(
                LineMapping(
                    outputLine: outputLine, sourcePath: file, sourceLine: node.lineno,
                    sourceColumn: node.column))
        }
        append(s)
    }

    /// Appends `s` to the output, counting its lines for the line map.
    func append(_ s: String) {
        var s = s
        s.withUTF8 { bytes in
            buf.append(contentsOf: bytes)
            if !compress { for b in bytes where b == 10 { outputLine += 1 } }
        }
    }

    func compile(_ root: StyBlock) -> String {
        buf = []
        buf.reserveCapacity(1 << 16)
        if !compileInParallel(root.nodes) { printStatements(root.nodes[...]) }
        return String(decoding: buf, as: UTF8.self)
    }

    /// Top-level statements, appended to the output.
    func printStatements(_ nodes: ArraySlice<StyNode>) {
        for node in nodes {
            if let ret = visitStatement(node), !ret.isEmpty { out(ret + "\n", node) }
        }
    }

    /// A value as CSS text (used by `s()` and `%s`).
    func valueString(_ node: StyNode) -> String { visitValue(node) }

    /// Statement-level visit; returns text for nodes that are printed by the caller.
    func visitStatement(_ node: StyNode) -> String? {
        depth += 1
        defer { depth -= 1 }
        if depth > 900 { return nil }
        // `kind` first (one virtual call): the tags are exact for these classes.
        switch node.kind {
        case .block, .root:
            visitBlock(unsafeDowncast(node, to: StyBlock.self))
            return nil
        case .group:
            visitGroup(unsafeDowncast(node, to: StyGroup.self))
            return nil
        case .media:
            visitMedia(unsafeDowncast(node, to: StyMedia.self))
            return nil
        case .keyframes:
            visitKeyframes(unsafeDowncast(node, to: StyKeyframes.self))
            return nil
        case .supports:
            visitSupports(unsafeDowncast(node, to: StySupports.self))
            return nil
        case .atrule:
            visitAtrule(unsafeDowncast(node, to: StyAtrule.self))
            return nil
        case .property: return visitProperty(unsafeDowncast(node, to: StyProperty.self))
        default: break
        }
        switch node {
        case let i as StyImport:
            out("@import " + visitValue(i.path) + ";\n", i)
            return nil
        case let c as StyComment: return visitComment(c)
        case let c as StyCharset: return "@charset " + visitValue(c.val) + ";"
        case let n as StyNamespace:
            return "@namespace " + (n.prefix.map { visitValue($0) + " " } ?? "") + visitValue(n.val) + ";"
        case let p as StyProperty: return visitProperty(p)
        case is StyExpression, is StyFunction, is StyNull, is StyUnit:
            return visitValue(node)
        default:
            return visitValue(node)
        }
    }

    func visitComment(_ c: StyComment) -> String {
        compress ? (c.suppress ? "" : c.str) : c.str
    }

    func needBrackets(_ node: StyNode?) -> Bool {
        if indents == 1 { return true }
        guard let a = node as? StyAtrule, Swift.type(of: a) == StyAtrule.self else { return true }
        return a.hasOnlyProperties
    }

    func visitBlock(_ block: StyBlock) {
        let separator = compress ? "" : "\n"
        if StyPrinter.hasProperty(block) && (lacking.isEmpty || !lacking.contains(ObjectIdentifier(block))) {
            printedBlocks?.append(ObjectIdentifier(block))
            let brackets = needBrackets(block.node)
            var lastPropertyIndex = -1
            if compress {
                for i in stride(from: block.nodes.count - 1, through: 0, by: -1) where block.nodes[i] is StyProperty {
                    lastPropertyIndex = i
                    break
                }
            }
            if brackets {
                out(compress ? "{" : " {\n")
                indents += 1
            }
            for (i, node) in block.nodes.enumerated() {
                last = lastPropertyIndex == i
                switch node.kind {
                case .property:
                    emitProperty(unsafeDowncast(node, to: StyProperty.self), separator)
                    continue
                case .expression, .group, .media, .keyframes, .supports, .atrule: continue
                case .block: continue  // nodeName "block": exactly StyBlock (a root is "root")
                default: break
                }
                switch node {
                case is StyNull, is StyFunction, is StyUnit:
                    continue
                case let c as StyComment where !compress && c.inline:
                    if buf.last == 10 {
                        buf.removeLast()
                        outputLine -= 1
                    }
                    out(" " + visitComment(c) + "\n", c)
                case let p as StyProperty:
                    emitProperty(p, separator)
                default:
                    if let s = visitStatement(node) { out(s + separator, node) }
                }
            }
            if brackets {
                indents -= 1
                out(indent + "}" + separator)
            }
        }
        for node in block.nodes {
            switch node.kind {
            case .property, .expression: continue
            case .block:
                visitBlock(unsafeDowncast(node, to: StyBlock.self))
                continue
            case .group, .keyframes, .media, .importNode, .atrule, .supports:
                _ = visitStatement(node)
                continue
            default: break
            }
            switch node {
            case let c as StyComment:
                if !c.suppress { out(indent + visitComment(c) + "\n", c) }
            case is StyCharset, is StyLiteral, is StyNamespace:
                if let s = visitStatement(node) { out(s + "\n", node) }
            default: break
            }
        }
    }

    func visitKeyframes(_ node: StyKeyframes) {
        if node.frames == 0 { return }
        let prefix = node.prefix == "official" ? "" : "-" + node.prefix + "-"
        out("@" + prefix + "keyframes " + (node.val ?? "") + (compress ? "{" : " {\n"), node)
        keyframe = true
        indents += 1
        if let b = node.block { visitBlock(b) }
        indents -= 1
        keyframe = false
        out("}" + (compress ? "" : "\n"))
    }

    func visitMedia(_ media: StyMedia) {
        if !media.hasOutput || media.query.nodes.isEmpty { return }
        out("@media ", media)
        for (i, q) in media.query.nodes.enumerated() {
            visitQuery(q)
            if i != media.query.nodes.count - 1 { out("," + (compress ? "" : " ")) }
        }
        out(compress ? "{" : " {\n")
        indents += 1
        if let b = media.block { visitBlock(b) }
        indents -= 1
        out("}" + (compress ? "" : "\n"))
    }

    func visitQuery(_ node: StyQuery) {
        let len = node.nodes.count
        if let p = node.predicate { out(visitValue(p) + " ") }
        if let t = node.type { out(visitValue(t) + (len > 0 ? " and " : "")) }
        for (i, f) in node.nodes.enumerated() {
            out(visitFeature(f))
            if i != len - 1 { out(" and ") }
        }
    }

    func visitFeature(_ node: StyFeature) -> String {
        guard let expr = node.expr else { return node.name ?? "" }
        if expr.isEmpty { return "(" + (node.name ?? "") + ")" }
        return "(" + (node.name ?? "") + ":" + (compress ? "" : " ") + visitValue(expr) + ")"
    }

    func visitAtrule(_ atrule: StyAtrule) {
        let newline = compress ? "" : "\n"
        out(indent + "@" + atrule.type, atrule)
        if let v = atrule.val, !v.isEmpty {
            let t = StyText.trim(v)
            out(" " + t)
        }
        if let block = atrule.block {
            if block.isEmpty {
                out((compress ? "" : " ") + "{}" + newline)
            } else if atrule.hasOnlyProperties {
                visitBlock(block)
            } else {
                out(compress ? "{" : " {\n")
                indents += 1
                visitBlock(block)
                indents -= 1
                out(indent + "}" + newline)
            }
        } else {
            out(";" + newline)
        }
    }

    func visitSupports(_ node: StySupports) {
        if !node.hasOutput { return }
        out(indent + "@supports ", node)
        isCondition = true
        out(visitValue(node.condition))
        isCondition = false
        out(compress ? "{" : " {\n")
        indents += 1
        if let b = node.block { visitBlock(b) }
        indents -= 1
        out(indent + "}" + (compress ? "" : "\n"))
    }

    func visitGroup(_ group: StyGroup) {
        // Copied only when it is replaced: a copy shares the stack's arrays, so the next
        // push would copy them all.
        let saved = keyframe ? stack : nil
        if keyframe { stack = StySelectorStack(leaveHidden: false) }
        defer { if keyframe, let saved { stack = saved } }
        var comma = compress ? "," : ",\n"
        stack.push(group.nodes)
        let block = group.block
        if StyPrinter.hasProperty(block) {
            // Written as indent, selector, comma: no string is built per selector (the
            // list without the indent is the stack's own, shared).
            let selectors = stack.selectors(indent: "")
            if !selectors.isEmpty {
                let indent = self.indent
                if keyframe { comma = compress ? "," : ", " }
                for (i, sel) in selectors.enumerated() {
                    let node = i < group.nodes.count ? group.nodes[i] : group
                    if keyframe && i > 0 {
                        out(StyText.trim(sel), node)
                    } else {
                        out(indent, node)
                        append(sel)
                    }
                    if i != selectors.count - 1 { append(comma) }
                }
            } else {
                lacking.insert(ObjectIdentifier(block))
            }
        }
        visitBlock(block)
        stack.pop()
    }

    /// `block.hasProperties`, by kind (a property's kind is exact) rather than by cast.
    static func hasProperty(_ block: StyBlock) -> Bool { block.nodes.contains { $0.kind == .property } }

    /// `out(visitProperty(prop) + separator, prop)` without building the line first.
    func emitProperty(_ prop: StyProperty, _ separator: String) {
        if let file = prop.filename, !compress, lineMap.last?.outputLine != outputLine {
            lineMap.append(
                LineMapping(
                    outputLine: outputLine, sourcePath: file, sourceLine: prop.lineno, sourceColumn: prop.column))
        }
        let name = prop.name ?? prop.segments.map { $0.description }.joined()
        let indent = self.indent
        append(indent)
        append(name)
        append(name == "@apply" ? " " : (compress ? ":" : ": "))
        if !writePlainValue(prop.expr) { append(StyText.trim(visitValue(prop.expr))) }
        append(compress ? (last ? "" : ";") : ";")
        append(separator)
    }

    func visitProperty(_ prop: StyProperty) -> String {
        let val = StyText.trim(visitValue(prop.expr))
        let name = prop.name ?? prop.segments.map { $0.description }.joined()
        let end = compress ? (last ? "" : ";") : ";"
        if name == "@apply" { return indent + name + " " + val + end }
        return indent + name + (compress ? ":" : ": ") + val + end
    }

    // MARK: - Values

    func visitValue(_ node: StyNode) -> String {
        depth += 1
        defer { depth -= 1 }
        if depth > 900 { return "" }
        switch node {
        case let e as StyExpression: return visitExpression(e)
        case let l as StyLiteral:
            if l.css { return l.val.replacingOccurrences(of: "\n  ", with: "\n").replacingLeading("  ") }
            return l.val
        case let b as StyBoolean: return b.description
        case let c as StyRGBA: return c.description
        case let h as StyHSLA: return h.rgba.description
        case let u as StyUnit: return visitUnit(u)
        case let i as StyIdent: return i.name
        case let s as StyString: return isURL ? s.val : s.description
        case is StyNull: return ""
        case let c as StyCall: return visitCall(c)
        case let f as StyFunction: return f.name
        case let c as StyComment: return visitComment(c)
        case let p as StyProperty: return visitProperty(p)
        case let o as StyObject: return o.description
        case let c as StyCharset: return "@charset " + visitValue(c.val) + ";"
        case is StyBlock: return "block"
        case let f as StyFeature: return visitFeature(f)
        default: return node.description
        }
    }

    func visitUnit(_ unit: StyUnit) -> String {
        let type = unit.type ?? ""
        let n = unit.val
        let isFloat = n != n.rounded(.towardZero)
        if compress {
            if !["%", "s", "ms", "deg", "fr"].contains(type) && n == 0 { return "0" }
            if isFloat && n < 1 && n > -1 {
                return StyText.replaceFirst(styFormatNumber(n), "0.", ".") + type
            }
        }
        if isFloat, n.isFinite {
            // JS `parseFloat(n.toFixed(15))` is n itself when n's shortest form has at most
            // 15 decimals and |n| < 8 (half an ulp stays under half the 15th decimal).
            if abs(n) < 8, let short = styShortDecimal(n) { return short + type }
            if abs(n) < 8 && StyPrinter.hasShortFraction(n) { return styFormatNumber(n) + type }
            let fixed = Double(String(format: "%.15f", n)) ?? n
            return styFormatNumber(fixed) + type
        }
        return styFormatNumber(n) + type
    }

    static func hasShortFraction(_ n: Double) -> Bool {
        let d = n.description
        var fraction = -1
        for b in d.utf8 {
            if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") { return false }
            if b == UInt8(ascii: ".") {
                fraction = 0
            } else if fraction >= 0 {
                fraction += 1
            }
        }
        return fraction <= 15
    }

    func visitCall(_ call: StyCall) -> String {
        let saved = isURL
        isURL = call.name == "url"
        var args = call.args.nodes.map { visitValue($0) }.joined(separator: compress ? "," : ", ")
        if isURL { args = "\"" + args + "\"" }
        isURL = saved && false
        return call.name + "(" + args + ")"
    }

    func visitExpression(_ expr: StyExpression) -> String {
        if expr.nodes.count == 1 { return visitValue(expr.nodes[0]) }
        let parts = expr.nodes.map { visitValue($0) }
        var out = ""
        for (i, p) in parts.enumerated() {
            out += p
            let isLast = i == parts.count - 1
            if isLast { break }
            if parts[i + 1] == "/" || p == "/" { continue }
            let space = isURL || (isCondition && (parts[i + 1] == ")" || p == "(")) ? "" : " "
            out += expr.isList ? (compress ? "," : ", ") : space
        }
        return out
    }
}

extension String {
    fileprivate func replacingLeading(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
