import Foundation

/// What the normaliser did that the printed output of each top-level statement depends on
/// besides the statement's own evaluated nodes, so that `StylusEvaluationCache` can print
/// a reused statement from its stored text. The normaliser changes a statement's nodes
/// only locally (selector lists, bubbled and merged media, media moved to the root right
/// after it), except that `@extend` adds selectors to groups of any earlier statement:
/// those additions are digested per statement, by the group's order of visit.
final class StyNormalizedStatements {
    /// For each node of the normalised root, the statement (index in the evaluated root)
    /// it came from.
    @exclusivity(unchecked) private(set) var statementOfOutput: [Int] = []
    /// Groups by identity: their statement and order of visit in it.
    @exclusivity(unchecked) private var groups: [ObjectIdentifier: (statement: Int, ordinal: Int)] = [:]
    @exclusivity(unchecked) private var ordinals: [Int: Int] = [:]
    /// Selectors added by `@extend`: (statement, group ordinal, selector), in order.
    @exclusivity(unchecked) private var additions: [(Int, Int, String)] = []
    /// The statement being normalised, and media the normaliser moved to the root after it.
    @exclusivity(unchecked) private var current = -1
    @exclusivity(unchecked) private var pendingInserted = 0
    @exclusivity(unchecked) private var nextStatement = 0
    /// The selector-map keys each statement's groups added in its own normalisation.
    @exclusivity(unchecked) private(set) var keysOf: [Int: [String]] = [:]
    /// Each statement's own `@extend`s in order, to be replayed when it is skipped.
    @exclusivity(unchecked) private(set) var extendsOf: [Int: [StyExtendReplay]] = [:]
    /// Statements whose `@extend`s cannot be replayed: one reached the statement's own
    /// groups, needed the selector stack (a prefixed lookup), or ran from a group of
    /// another statement.
    @exclusivity(unchecked) private(set) var unreplayable: Set<Int> = []
    /// Statements left as evaluated, to be printed from stored text (`StyNormalizer.skippable`).
    @exclusivity(unchecked) private(set) var skipped: Set<Int> = []

    /// The statement being normalised.
    var currentStatement: Int { current }

    /// Entering the next node of the evaluated root (which moved media grow); true when it
    /// starts a statement.
    @discardableResult
    func enter() -> Bool {
        if pendingInserted > 0 {
            pendingInserted -= 1
            return false
        }
        current = nextStatement
        nextStatement += 1
        return true
    }

    func skip() { skipped.insert(current) }

    /// The node just visited became output node `index` of the normalised root.
    func output(_ index: Int) {
        while statementOfOutput.count < index { statementOfOutput.append(-1) }
        statementOfOutput.append(current)
    }

    /// `group` was visited and added `keys` to the selector map.
    func visited(_ group: StyGroup, keys: [String]) {
        let id = ObjectIdentifier(group)
        let owner: Int
        if let g = groups[id] {
            owner = g.statement
        } else {
            let n = ordinals[current, default: 0]
            ordinals[current] = n + 1
            groups[id] = (current, n)
            owner = current
        }
        // A visit from another statement's `@extend` (its selectors under that statement's
        // stack) happens only while that statement reaches this one, which is then not
        // skipped: such keys would only make later compiles start over for nothing.
        if owner == current { keysOf[owner, default: []].append(contentsOf: keys) }
    }

    /// `group` runs its `@extend`s (not as the target of another) with `selectors`, at
    /// normaliser depth `depth`, inside `parent`.
    func extending(_ group: StyGroup, _ selectors: [String], depth: Int, parent: StyGroup?) {
        let owner = groups[ObjectIdentifier(group)]?.statement
        let parentOwner = parent.map { groups[ObjectIdentifier($0)]?.statement ?? -2 } ?? current
        guard owner == current, parentOwner == current else {
            unreplayable.insert(current)
            return
        }
        let refs = group.extends.map { (selector: $0.selector, optional: $0.optional) }
        extendsOf[current, default: []].append(StyExtendReplay(selectors: selectors, extends: refs, depth: depth))
    }

    /// A prefixed lookup (it depends on the selector stack).
    func prefixedLookup() { unreplayable.insert(current) }

    func pushed(_ selector: String, into group: StyGroup) {
        // A group not visited yet cannot be a target (targets come from the selector map).
        let g = groups[ObjectIdentifier(group)] ?? (-2, -1)
        if g.statement == current { unreplayable.insert(current) }
        additions.append((g.statement, g.ordinal, selector))
    }

    func inserted() { pendingInserted += 1 }

    /// Per statement, a digest of the selectors `@extend` added to its groups.
    func additionDigests() -> [Int: Int] {
        var hashers: [Int: Hasher] = [:]
        for (statement, ordinal, selector) in additions {
            var h = hashers[statement] ?? Hasher()
            h.combine(ordinal)
            h.combine(selector)
            hashers[statement] = h
        }
        return hashers.mapValues { $0.finalize() }
    }

    /// Whether an addition went to a group whose statement is unknown.
    var hasUnknownTargets: Bool { additions.contains { $0.0 < 0 } }
}

/// One group's `@extend`s as the normaliser ran them: the group's selectors, what it
/// extends, and the normaliser's depth there (`StyNormalizer.replay`).
struct StyExtendReplay: Sendable {
    let selectors: [String]
    let extends: [(selector: String, optional: Bool)]
    let depth: Int
}

/// What a reused statement needs to be skipped by the normaliser: the selector-map keys
/// its groups add and its `@extend`s.
struct StyNormalizedSummary: Sendable {
    let keys: Set<String>
    let extends: [StyExtendReplay]
}
