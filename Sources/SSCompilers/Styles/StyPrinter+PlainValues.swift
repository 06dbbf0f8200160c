/// Property values made only of units, colours, identifiers, strings and literals (most
/// of them), written straight into the output instead of built as strings and joined.
///
/// The text is what `StyText.trim(visitValue(node))` gives: such values print the same
/// wherever they are, and `visitExpression` only looks at its neighbours for a `/` part
/// (never in a plain value) or inside `url()` and `@supports` conditions (not plain).
extension StyPrinter {
    /// Writes `node` as `StyText.trim(visitValue(node))` if it is plain; false (nothing
    /// written) otherwise. Written while checked (one walk over the value, not two): a
    /// value found not plain part way is taken back out.
    func writePlainValue(_ node: StyNode) -> Bool {
        guard !isURL, !isCondition else { return false }
        let start = buf.count
        guard writePlain(node, depth: 0) else {
            buf.removeSubrange(start..<buf.count)
            return false
        }
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

    /// Writes a plain `node`; false as soon as a part is not plain (what was written of it
    /// then is partial). Plain: units, colours, identifiers, strings, literals (but `/`
    /// and `@css`), booleans and null, in expressions up to 8 deep.
    private func writePlain(_ node: StyNode, depth: Int) -> Bool {
        switch node.kind {
        case .expression:
            guard depth < 8 else { return false }
            let e = unsafeDowncast(node, to: StyExpression.self)
            let separator = e.isList ? (compress ? "," : ", ") : " "
            for (i, n) in e.nodes.enumerated() {
                if i > 0 { writeBytes(separator) }
                if !writePlain(n, depth: depth + 1) { return false }
            }
            return true
        case .ident:
            let name = unsafeDowncast(node, to: StyIdent.self).name
            if name == "/" { return false }
            writeBytes(name)
            return true
        case .other: break
        default: return false
        }
        switch node {
        case let l as StyLiteral:
            if l.css || l.val == "/" { return false }
            writeBytes(l.val)
        case let u as StyUnit: writeBytes(visitUnit(u))
        case let s as StyString: writeBytes(s.description)
        case let b as StyBoolean: writeBytes(b.description)
        case is StyNull: break
        case let c as StyRGBA: writeBytes(c.description)
        case let h as StyHSLA: writeBytes(h.rgba.description)
        default: return false
        }
        return true
    }

    private func writeBytes(_ s: String) {
        var s = s
        s.withUTF8 { buf.append(contentsOf: $0) }
    }
}
