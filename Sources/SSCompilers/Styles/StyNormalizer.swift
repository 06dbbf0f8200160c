import Foundation

/// Thrown when an `@extend` reaches a statement the normaliser skipped: the compile starts
/// over without skipping.
struct StyNormalizeRedo: Error {}

/// Post-evaluation pass: bubbles `@media`/`@supports` out of rules, merges nested
/// media queries, splits selectors with commas and applies `@extend`.
final class StyNormalizer {
    @exclusivity(unchecked) var root: StyBlock
    let hoist: Bool
    @exclusivity(unchecked) var stack = StySelectorStack(leaveHidden: true)
    @exclusivity(unchecked) var map: [String: StyGroupList] = [:]
    @exclusivity(unchecked) var imports: [StyNode] = []
    @exclusivity(unchecked) var charset: StyNode?
    @exclusivity(unchecked) var rootIndex = 0
    @exclusivity(unchecked) var depth = 0
    /// With incremental evaluation: what the printed output of each top-level statement
    /// depends on besides its own evaluated nodes (`StyNormalizer+Statements`).
    @exclusivity(unchecked) var statements: StyNormalizedStatements?
    /// With incremental evaluation: for a statement that can stay as evaluated (printed
    /// from stored text), the selector-map keys its groups would add and its `@extend`s
    /// (`replay`); nil to normalise it. An `@extend` of one of those keys makes the
    /// compile start over without skipping.
    @exclusivity(unchecked) var skippable: ((Int) -> StyNormalizedSummary?)?
    /// The keys of the statements skipped so far, and for each key looked up since, how
    /// many of them were searched and whether it was found (lookups are few, keys many).
    @exclusivity(unchecked) var skippedKeys: [Set<String>] = []
    @exclusivity(unchecked) var skippedLookups: [String: (searched: Int, found: Bool)] = [:]
    /// Prints finished statements on another thread meanwhile (`StyPrintPipeline`).
    @exclusivity(unchecked) var pipeline: StyPrintPipeline?
    /// With a pipeline: the groups of the statement being normalised, whether one of them
    /// may still be extended, and the groups of the clean statements published so far.
    @exclusivity(unchecked) var statementGroups: Set<ObjectIdentifier> = []
    @exclusivity(unchecked) var statementDirty = false
    @exclusivity(unchecked) var publishedGroups: Set<ObjectIdentifier> = []

    init(root: StyBlock, options: StylusOptions) {
        self.root = root
        self.hoist = options.hoistAtRules
        // Every rule's selectors go in; growing the table step by step rehashes them all.
        map.reserveCapacity(max(64, root.nodes.count * 16))
    }

    func normalize() throws -> StyBlock {
        let ret = try visitRoot(root)
        if hoist {
            if !imports.isEmpty { ret.nodes = imports + ret.nodes }
            if let charset { ret.nodes.insert(charset, at: 0) }
        }
        return ret
    }

    /// Selectors known after normalisation (for `selector-exists()`), without mutating the tree.
    func selectorMapKeys() -> Set<String> {
        guard let clone = root.clone() as? StyBlock else { return [] }
        root = clone
        _ = try? visitRoot(clone)
        return Set(map.keys)
    }

    func visit(_ node: StyNode) throws -> StyNode {
        depth += 1
        defer { depth -= 1 }
        if depth > 900 { throw StyError("nesting too deep", id: .styRecursion) }
        // `kind` (one virtual call) instead of a chain of casts; the tags are exact for
        // these classes (arguments are expressions, the root is a block unless it is ours).
        switch node.kind {
        case .root:
            let b = unsafeDowncast(node, to: StyBlock.self)
            return b === root ? try visitRoot(b) : try visitBlock(b)
        case .block: return try visitBlock(unsafeDowncast(node, to: StyBlock.self))
        case .property:
            // A block in a property's value is left for the printer, which prints it as
            // `block` as the reference's normaliser leaves it: reading every value here (a
            // cache miss or more per property) was much of the normaliser's time.
            return node
        case .expression:
            visitExpression(unsafeDowncast(node, to: StyExpression.self))
            return node
        case .group: return try visitGroup(unsafeDowncast(node, to: StyGroup.self))
        case .media: return try visitMedia(unsafeDowncast(node, to: StyMedia.self))
        case .supports:
            try bubble(unsafeDowncast(node, to: StySupports.self))
            return node
        case .keyframes:
            let k = unsafeDowncast(node, to: StyKeyframes.self)
            k.frames = k.block?.nodes.filter { styBlockOf($0)?.hasProperties ?? false }.count ?? 0
            return k
        case .atrule:
            let a = unsafeDowncast(node, to: StyAtrule.self)
            if let b = a.block { a.block = try visit(b) as? StyBlock ?? b }
            return a
        case .importNode:
            imports.append(node)
            return hoist ? StyNull() : node
        default:
            switch node {
            case is StyFunction: return StyNull()
            case let c as StyCharset:
                charset = c
                return hoist ? StyNull() : c
            default: return node
            }
        }
    }

    func visitRoot(_ block: StyBlock) throws -> StyBlock {
        let ret = StyRoot()
        var i = 0
        while i < block.nodes.count {
            let node = block.nodes[i]
            let starts = statements?.enter() ?? false
            switch node {
            case is StyNull, is StyFunction, is StyUnit, is StyAtblock:
                break
            case let e as StyExpression where type(of: e) == StyExpression.self || e is StyArguments:
                break
            default:
                rootIndex = i
                if starts, let statements, let summary = skippable?(statements.currentStatement),
                    try replay(summary.extends)
                {
                    skippedKeys.append(summary.keys)
                    statements.skip()
                    ret.push(node)
                } else {
                    statementDirty = false
                    ret.push(try visit(node))
                    if let pipeline {
                        pipeline.publish(ret.nodes[ret.nodes.count - 1], dirty: statementDirty)
                        if !statementDirty { publishedGroups.formUnion(statementGroups) }
                        statementGroups.removeAll(keepingCapacity: true)
                    }
                }
                statements?.output(ret.nodes.count - 1)
            }
            i += 1
        }
        return ret
    }

    func visitExpression(_ expr: StyExpression) {
        guard expr.nodes.contains(where: { $0.kind == .block || $0.kind == .root }) else { return }
        expr.nodes = expr.nodes.map { node in
            if let b = node as? StyBlock, b.nodeName == "block" {
                let lit = StyLiteral("block")
                lit.lineno = expr.lineno
                lit.column = expr.column
                return lit
            }
            return node
        }
    }

    func visitBlock(_ block: StyBlock) throws -> StyNode {
        let propertiesFirst = StyNormalizer.hasProperty(block)
        if propertiesFirst {
            for i in block.nodes.indices {
                let node = block.nodes[i]
                switch node.kind {
                case .expression, .group, .atblock, .property: continue
                case .other where node is StyNull || node is StyFunction || node is StyUnit: continue
                default:
                    let result = try visit(node)
                    if result !== node { block.nodes[i] = result }
                }
            }
        }
        var i = 0
        while i < block.nodes.count {
            let node = block.nodes[i]
            // Visiting a property changes nothing (see `visit`).
            if node.kind == .property {
                i += 1
                continue
            }
            let result = try visit(node)
            // Visits may insert into this block (bubbled media), so the index is rechecked.
            if result !== node && i < block.nodes.count { block.nodes[i] = result }
            i += 1
        }
        return block
    }

    /// `block.hasProperties`, by kind (a property's kind is exact) rather than by cast.
    static func hasProperty(_ block: StyBlock) -> Bool {
        block.nodes.contains { $0.kind == .property }
    }

    func visitGroup(_ group: StyGroup) throws -> StyNode {
        // Most groups have no comma to split: their selectors stay as they are.
        if group.nodes.contains(where: { StyText.contains($0.val ?? "", UInt8(ascii: ",")) }) { splitCommas(group) }
        stack.push(group.nodes)
        let selectors = stack.selectors(indent: "")
        statements?.visited(group, keys: selectors)
        if let pipeline {
            statementGroups.insert(ObjectIdentifier(group))
            if !statementDirty && pipeline.isTarget(selectors) { statementDirty = true }
        }
        for s in selectors {
            if let i = map.index(forKey: s) { map.values[i].append(group) } else { map[s] = StyGroupList(group) }
        }
        try extend(group, selectors)
        stack.pop()
        return group
    }

    /// Splits the selectors of `group` that hold commas into one selector per part.
    private func splitCommas(_ group: StyGroup) {
        var newNodes: [StySelector] = []
        for selector in group.nodes {
            let val = selector.val ?? ""
            if !StyText.contains(val, UInt8(ascii: ",")) {
                newNodes.append(selector)
                continue
            }
            if StyText.find(val, "\\,") != nil {
                selector.val = val.replacingOccurrences(of: "\\,", with: ",")
                newNodes.append(selector)
                continue
            }
            let parts = val.components(separatedBy: ",")
            let isRoot = val.hasPrefix("/")
            for (k, p) in parts.enumerated() {
                var part = StyText.trim(p)
                if isRoot && k > 0 && !part.contains("&") { part = "/" + part }
                let s = StySelector([StyLiteral(part)])
                s.val = part
                s.block = group.block
                newNodes.append(s)
            }
        }
        if newNodes.count != group.nodes.count || zip(newNodes, group.nodes).contains(where: { $0 !== $1 }) {
            let block = group.block
            group.nodes = newNodes
            group.block = block
        }
    }

    /// Before `group` changes: a group of a clean statement already published may have
    /// been printed, so the pipeline stops (the compile then prints everything after).
    func changing(_ group: StyGroup) {
        if let pipeline, publishedGroups.contains(ObjectIdentifier(group)) { pipeline.halt() }
    }

    func closestGroup(_ block: StyBlock) -> StyGroup? {
        var parent = block.parent
        var guardCount = 0
        while let p = parent, let node = p.node, guardCount < 10_000 {
            guardCount += 1
            if let g = node as? StyGroup { return g }
            parent = styBlockOf(node)?.parent
        }
        return nil
    }

    func extend(_ group: StyGroup, _ selectors: [String], depth: Int = 0) throws {
        if depth > 100 { throw StyError("@extend nesting too deep", id: .styRecursion) }
        // Most groups extend nothing: their enclosing group is not looked for.
        let parent = group.extends.isEmpty ? nil : closestGroup(group.block)
        if depth == 0 && !group.extends.isEmpty {
            statements?.extending(group, selectors, depth: self.depth, parent: parent)
        }
        for ext in group.extends {
            if isSkippedKey(ext.selector) { throw StyNormalizeRedo() }
            var found = map[ext.selector]
            if found == nil {
                if ext.optional { continue }
                found = try checkForPrefixedGroups(ext.selector)
            }
            guard let groups = found else {
                var e = StyError("Failed to @extend \"\(ext.selector)\"", id: .styExtend)
                e.lineno = ext.lineno
                e.column = ext.column
                e.filename = ext.filename
                throw e
            }
            for selector in selectors {
                let node = StySelector()
                node.val = selector
                node.inherits = false
                for g in groups {
                    changing(g)
                    if parent == nil || parent !== g { try extend(g, selectors, depth: depth + 1) }
                    g.push(node)
                    statements?.pushed(selector, into: g)
                }
            }
        }
        group.block = try visit(group.block) as? StyBlock ?? group.block
    }

    func checkForPrefixedGroups(_ selector: String) throws -> StyGroupList? {
        var prefix: [String] = []
        for element in stack.groups {
            guard let first = element.first else { continue }
            prefix.append(first.val ?? "")
            let full = prefix.joined(separator: " ") + " " + selector
            statements?.prefixedLookup()
            if isSkippedKey(full) { throw StyNormalizeRedo() }
            if let r = map[full] { return r }
        }
        return nil
    }

    func bubble(_ node: StyAtrule) throws {
        guard let block = node.block else { return }
        var props: [StyNode] = []
        var other: [StyNode] = []
        func filterProps(_ b: StyBlock) throws {
            for n in b.nodes {
                let v = try visit(n)
                switch v {
                case is StyProperty: props.append(v)
                case let inner as StyBlock where inner.nodeName == "block": try filterProps(inner)
                default: other.append(v)
                }
            }
        }
        try filterProps(block)
        if props.isEmpty { return }
        let selector = StySelector([StyLiteral("&")])
        selector.val = "&"
        selector.copyPosition(from: node)
        let group = StyGroup()
        group.copyPosition(from: node)
        let newBlock = StyBlock(block, group)
        newBlock.copyPosition(from: node)
        newBlock.nodes = props
        group.push(selector)
        group.block = newBlock
        block.nodes = [group] + other
        // Only the selectors of this copy are used: visitMedia gives it the bubbled block.
        if let g = closestGroup(block), let media = node as? StyMedia { media.group = g.cloneSelectors() }
        (node as? StyMedia)?.bubbled = true
    }

    func visitMedia(_ media: StyMedia) throws -> StyNode {
        var medias: [StyMedia] = []
        guard let block = media.block else { return media }
        let group = closestGroup(block)
        func mergeQueries(_ b: StyBlock) {
            for (i, node) in b.nodes.enumerated() {
                switch node {
                case let m as StyMedia:
                    m.query = media.query.merge(m.query)
                    medias.append(m)
                    b.nodes[i] = StyNull()
                case let inner as StyBlock where inner.nodeName == "block":
                    mergeQueries(inner)
                default:
                    if let nb = styBlockOf(node) { mergeQueries(nb) }
                }
            }
        }
        mergeQueries(block)
        try bubble(media)
        for node in medias {
            if let group {
                if pipeline != nil && !statementGroups.contains(ObjectIdentifier(group)) { pipeline?.halt() }
                group.block.push(node)
            } else {
                rootIndex += 1
                root.nodes.insert(node, at: min(rootIndex, root.nodes.count))
                statements?.inserted()
            }
            let visited = try visit(node)
            guard let m = visited as? StyMedia, let mb = m.block else { continue }
            let parent = mb.parent
            if m.bubbled && (group == nil || parent?.node is StyGroup), let g = m.group,
                let firstGroup = mb.nodes.first as? StyGroup
            {
                g.block = firstGroup.block
                mb.nodes[0] = g
            }
        }
        return media
    }
}
