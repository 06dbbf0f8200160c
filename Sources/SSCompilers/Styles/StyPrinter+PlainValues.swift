/// Property values made only of units, colours, identifiers, strings and literals (most
/// of them), written straight into the output instead of built as strings and joined.
///
/// The text is what `StyText.trim(visitValue(node))` gives: such values print the same
/// wherever they are, and `visitExpression` only looks at its neighbours for a `/` part
/// (never in a plain value) or inside `url()` and `@supports` conditions (not plain).
extension StyPrinter {
    /// Writes `node` as `StyText.trim(visitValue(node))` if it is plain; false (nothing
    /// written) otherwise.
    func writePlainValue(_ node: StyNode) -> Bool {
        guard !isURL, !isCondition, StyPrinter.isPlainValue(node, depth: 0) else { return false }
        let start = buf.count
        writePlain(node)
        var end = buf.count
        while end > start && StyText.isSpace(buf[end - 1]) { end -= 1 }
        if end < buf.count { buf.removeSubrange(end..<buf.count) }
        var first = start
        while first < end && StyText.isSpace(buf[first]) { first += 1 }
        if first > start { buf.removeSubrange(start..<first) }
        if !compress {
            var i = start
            while i < buf.count {
                if buf[i] == 10 { outputLine += 1 }
                i += 1
            }
        }
        return true
    }

    static func isPlainValue(_ node: StyNode, depth: Int) -> Bool {
        switch node.kind {
        case .expression:
            guard depth < 8 else { return false }
            for n in unsafeDowncast(node, to: StyExpression.self).nodes where !isPlainValue(n, depth: depth + 1) {
                return false
            }
            return true
        case .ident: return unsafeDowncast(node, to: StyIdent.self).name != "/"
        case .other: break
        default: return false
        }
        switch node {
        case let l as StyLiteral: return !l.css && l.val != "/"
        case is StyUnit, is StyString, is StyBoolean, is StyNull, is StyRGBA, is StyHSLA: return true
        default: return false
        }
    }

    private func writePlain(_ node: StyNode) {
        if node.kind == .expression {
            let e = unsafeDowncast(node, to: StyExpression.self)
            let separator = e.isList ? (compress ? "," : ", ") : " "
            for (i, n) in e.nodes.enumerated() {
                if i > 0 { writeBytes(separator) }
                writePlain(n)
            }
            return
        }
        switch node {
        case let u as StyUnit: writeBytes(visitUnit(u))
        case let i as StyIdent: writeBytes(i.name)
        case let l as StyLiteral: writeBytes(l.val)
        case let s as StyString: writeBytes(s.description)
        case let b as StyBoolean: writeBytes(b.description)
        case let c as StyRGBA: writeBytes(c.description)
        case let h as StyHSLA: writeBytes(h.rgba.description)
        default: break
        }
    }

    private func writeBytes(_ s: String) {
        var s = s
        s.withUTF8 { buf.append(contentsOf: $0) }
    }
}
