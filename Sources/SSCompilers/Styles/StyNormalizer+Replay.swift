import Foundation

extension StyNormalizer {
    /// Runs the `@extend`s of a statement that is skipped (left as evaluated) as its
    /// normalisation would: each group's selectors are pushed into the groups it extends.
    /// False, with nothing changed, when that would not be exact, so the statement is
    /// normalised: a lookup reaches a skipped statement or misses (a prefixed lookup needs
    /// the selector stack), or a target has `@extend`s or groups of its own (their
    /// visit would depend on the stack). The targets are in other statements (a statement
    /// whose `@extend` reached its own groups is not replayed), so none is the extending
    /// group's parent.
    func replay(_ steps: [StyExtendReplay]) throws -> Bool {
        if steps.isEmpty { return true }
        var found: [StyGroupList?] = []
        for step in steps {
            for ext in step.extends {
                if isSkippedKey(ext.selector) { return false }
                let groups = map[ext.selector]
                if groups == nil && !ext.optional { return false }
                if let groups {
                    for g in groups where !g.extends.isEmpty || StyNormalizer.holdsGroup(g.block, depth: 0) {
                        return false
                    }
                }
                found.append(groups)
            }
        }
        let saved = depth
        defer { depth = saved }
        var k = 0
        for step in steps {
            depth = step.depth
            for _ in step.extends {
                defer { k += 1 }
                guard let groups = found[k] else { continue }
                for selector in step.selectors {
                    let node = StySelector()
                    node.val = selector
                    node.inherits = false
                    for g in groups {
                        try extend(g, step.selectors, depth: 1)
                        g.push(node)
                        statements?.pushed(selector, into: g)
                    }
                }
            }
        }
        return true
    }

    /// Whether a statement skipped so far adds `key` to the selector map.
    func isSkippedKey(_ key: String) -> Bool {
        if skippedKeys.isEmpty { return false }
        var entry = skippedLookups[key] ?? (0, false)
        while !entry.found && entry.searched < skippedKeys.count {
            entry.found = skippedKeys[entry.searched].contains(key)
            entry.searched += 1
        }
        skippedLookups[key] = entry
        return entry.found
    }

    /// Whether a visit of `block` could reach a group (deep blocks count as yes).
    static func holdsGroup(_ block: StyBlock, depth: Int) -> Bool {
        if depth > 64 { return true }
        for node in block.nodes {
            switch node {
            case is StyGroup: return true
            case let b as StyBlock: if holdsGroup(b, depth: depth + 1) { return true }
            case let a as StyAtrule: if let b = a.block, holdsGroup(b, depth: depth + 1) { return true }
            default: continue
            }
        }
        return false
    }
}
