import Foundation

extension StyMemoSession {
    /// Prints the normalised `root` into `printer` statement by statement, taking the
    /// stored text of each reused statement whose groups got the same `@extend` additions
    /// as when it was printed, and storing the text of the others. False (the caller then
    /// prints with a fresh printer) when a statement left blocks `lacking` (a placeholder
    /// group's block another group shares, which changes how later statements print) or
    /// the statements cannot be told apart.
    ///
    /// A statement the normaliser skipped (`skippable`) must print from its stored text: if
    /// it cannot, the result is false and the compile starts over without skipping.
    func print(_ root: StyBlock, _ statements: StyNormalizedStatements, into printer: StyPrinter) -> Bool {
        let owners = statements.statementOfOutput
        guard !poisoned, !statements.hasUnknownTargets, owners.count == root.nodes.count else { return false }
        let additions = statements.additionDigests()
        let skipped = statements.skipped
        var toStore: [(StyMemoUnit, Int?, StyPrinter)] = []
        var start = 0
        while start < owners.count {
            let statement = owners[start]
            var end = start + 1
            while end < owners.count && owners[end] == statement { end += 1 }
            // Statements print independently from a rule or a plain block on (where the
            // parallel printer cuts too); anything else is printed with those before it.
            var single = true
            while end < owners.count && !StyMemoSession.startsIndependently(root.nodes[end]) {
                single = false
                let next = owners[end]
                if skipped.contains(next) { return false }
                while end < owners.count && owners[end] == next { end += 1 }
            }
            let digest = additions[statement]
            if single, let unit = reusedAt[statement], let stored = unit.printed(additions: digest) {
                printer.append(stored)
            } else {
                if skipped.contains(statement) { return false }
                let p = StyPrinter(options: printer.options)
                p.printStatements(root.nodes[start..<end])
                if !p.lacking.isEmpty { return false }
                printer.append(p)
                if single, let unit = reusedAt[statement] ?? fresh[statement] { toStore.append((unit, digest, p)) }
            }
            start = end
        }
        for (unit, digest, p) in toStore { unit.storePrinted(additions: digest, p) }
        let normalized = Set(owners).subtracting(skipped).subtracting(statements.unreplayable)
        for statement in normalized {
            // A stored summary stays valid: what depends on other statements is checked by `replay`.
            guard let unit = reusedAt[statement] ?? fresh[statement], !unit.hasNormalized else { continue }
            let summary = StyNormalizedSummary(
                keys: Set(statements.keysOf[statement] ?? []), extends: statements.extendsOf[statement] ?? [])
            unit.storeNormalized(summary)
        }
        return true
    }

    /// For `StyNormalizer.skippable`: what the normaliser needs of a reused statement that
    /// can stay as evaluated, because it prints from stored text whatever happens around it
    /// unless an `@extend` reaches its groups (which makes the compile start over).
    func skippable(_ statement: Int) -> StyNormalizedSummary? {
        guard !poisoned, let unit = reusedAt[statement] else { return nil }
        return unit.skippableSummary()
    }

    static func startsIndependently(_ node: StyNode) -> Bool {
        node is StyGroup || Swift.type(of: node) == StyBlock.self
    }
}
