/// Keeping unchanged subtrees: most nodes come out of the compressor as they went in, and
/// rebuilding each one allocates a new box (and, for the printer, scatters the tree across
/// fresh memory). A case that only rebuilds from its compressed children returns its input
/// instead when every child came back as the very same node.
///
/// ```swift
/// let object = expression(input.object)
/// return object.isSameNode(as: input.object) ? input : .member(object, name, chain)
/// ```
extension JSExpr {
    /// True when both values are the same node: the same box, or the same payload-free case.
    /// Boxes of an indirect enum are never mutated, so the same box means the same value;
    /// different boxes may still hold equal values (then the caller simply rebuilds).
    @inline(__always)
    func isSameNode(as other: JSExpr) -> Bool { jsSameBits(self, other) }
}

extension JSStmt {
    /// True when both values are the same node (see `JSExpr.isSameNode(as:)`).
    @inline(__always)
    func isSameNode(as other: JSStmt) -> Bool { jsSameBits(self, other) }
}

/// Bitwise identity of two one-word values (an indirect enum is one pointer-sized word);
/// false for any other size.
@inline(__always)
private func jsSameBits<T>(_ a: T, _ b: T) -> Bool {
    guard MemoryLayout<T>.size == MemoryLayout<UInt>.size else { return false }
    return withUnsafeBytes(of: a) { x in
        withUnsafeBytes(of: b) { y in x.load(as: UInt.self) == y.load(as: UInt.self) }
    }
}

extension JSCompressor {
    /// `items.map(transform)`, or `items` itself (and `changed == false`) when every element
    /// comes back as the same node; a new array is made only from the first change on.
    func mapNodes(_ items: [JSExpr], _ transform: (JSExpr) -> JSExpr) -> (items: [JSExpr], changed: Bool) {
        for index in items.indices {
            let item = items[index]
            let new = transform(item)
            if new.isSameNode(as: item) { continue }
            var result: [JSExpr] = []
            result.reserveCapacity(items.count)
            result.append(contentsOf: items[..<index])
            result.append(new)
            for rest in items[(index + 1)...] { result.append(transform(rest)) }
            return (result, true)
        }
        return (items, false)
    }

    /// Array literal elements (holes are nil), as `mapNodes` does for plain lists.
    func mapHoles(_ items: [JSExpr?], _ transform: (JSExpr) -> JSExpr) -> (items: [JSExpr?], changed: Bool) {
        for index in items.indices {
            guard let item = items[index] else { continue }
            let new = transform(item)
            if new.isSameNode(as: item) { continue }
            var result: [JSExpr?] = []
            result.reserveCapacity(items.count)
            result.append(contentsOf: items[..<index])
            result.append(new)
            for rest in items[(index + 1)...] { result.append(rest.map(transform)) }
            return (result, true)
        }
        return (items, false)
    }

    /// Object literal properties, compressed; `changed == false` when all came back unchanged.
    func mapProperties(_ properties: [JSProperty]) -> (properties: [JSProperty], changed: Bool) {
        for index in properties.indices {
            let new = property(properties[index])
            if JSCompressor.isSameProperty(new, properties[index]) { continue }
            var result: [JSProperty] = []
            result.reserveCapacity(properties.count)
            result.append(contentsOf: properties[..<index])
            result.append(new)
            for rest in properties[(index + 1)...] { result.append(property(rest)) }
            return (result, true)
        }
        return (properties, false)
    }

    /// Same value node and, for computed keys, the same key node (kind, shorthand and plain
    /// keys are never changed by `property`).
    private static func isSameProperty(_ a: JSProperty, _ b: JSProperty) -> Bool {
        guard a.value.isSameNode(as: b.value) else { return false }
        if case .computed(let x) = a.key, case .computed(let y) = b.key { return x.isSameNode(as: y) }
        return true
    }
}
