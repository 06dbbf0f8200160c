import Foundation

/// Printing top-level statements on a helper thread while the normaliser still works on
/// later ones (normalising takes one thread; the machine's other core was idle then).
///
/// The normaliser publishes each statement when it has finished it. A finished statement
/// changes later only through `@extend`, which adds selectors to an earlier group whose
/// selector is named by some `@extend` (`extendTargets`, every `@extend` the evaluator
/// met); a statement with such a group is published dirty and printed only once
/// normalising has ended. The normaliser checks every change it makes to a group outside
/// the statement it is in, and before one that reaches a clean published statement calls
/// `halt()`, which waits for the helper to stop; the compile then prints as before.
///
/// Printed pieces are joined in order as `StyPrinter+Parallel` joins chunks (including
/// its check of blocks printed under a placeholder group in an earlier piece). Neither
/// thread waits for the other at the end: a piece the helper is still printing is
/// printed again by the caller.
final class StyPrintPipeline: @unchecked Sendable {
    let options: StylusOptions
    private let extendTargets: Set<String>
    /// The targets' bytes when they are few: compared in place, without a string made
    /// and hashed for every word of every selector.
    private let fewTargets: [[UInt8]]?
    private let cond = NSCondition()
    private var nodes: [StyNode] = []
    /// Statements are taken in units that start at a rule or an imported file's block, as
    /// `StyPrinter.chunkRanges` cuts chunks (no other statement's printing is known not to
    /// depend on what came before it): each unit's first statement, and whether any of
    /// its statements is dirty. A unit is complete once the next one has started.
    private var unitStarts: [Int] = []
    private var unitDirty: [Bool] = []
    /// The first unit nobody has taken.
    private var next = 0
    /// Dirty units passed over while normalising (taken once it has ended).
    private var skipped: [Int] = []
    private var normalized = false
    private var halted = false
    private var inFlight: [Int: Int] = [:]
    private var results: [Int: (end: Int, printer: StyPrinter)] = [:]
    private let finished = DispatchSemaphore(value: 0)
    private var running = false

    /// Units per piece the helper prints (an imported file is one unit).
    static let pieceSize = 4

    private init(options: StylusOptions, extendTargets: Set<String>) {
        self.options = options
        self.extendTargets = extendTargets
        fewTargets = extendTargets.count <= 32 ? extendTargets.map { Array($0.utf8) } : nil
    }

    /// A pipeline with its helper thread started, or nil when printing on one thread is
    /// better (few statements, one processor) or no thread could be created.
    static func start(options: StylusOptions, statements: Int, extendTargets: Set<String>) -> StyPrintPipeline? {
        guard statements >= StyPrinter.parallelMinimum, StyThread.hasSecondProcessor else {
            return nil
        }
        let pipeline = StyPrintPipeline(options: options, extendTargets: extendTargets)
        pipeline.running = true
        guard StyThread.start(stackSize: StylusCompiler.stackSize, { pipeline.run() }) else { return nil }
        return pipeline
    }

    // MARK: - The normaliser's side

    /// Whether a group with these (normalised) selectors may still get selectors from a
    /// later `@extend`: one of them is an `@extend`'s selector, or ends with one after a
    /// space (the normaliser also looks selectors up with the enclosing rules' in front).
    func isTarget(_ selectors: [String]) -> Bool {
        if extendTargets.isEmpty { return false }
        if let fewTargets {
            for var s in selectors {
                if s.withUTF8({ StyPrintPipeline.endsWithWord($0, fewTargets) }) { return true }
            }
            return false
        }
        for s in selectors {
            if extendTargets.contains(s) { return true }
            var rest = Substring(s)
            while let space = rest.firstIndex(of: " ") {
                rest = rest[rest.index(after: space)...]
                if extendTargets.contains(String(rest)) { return true }
            }
        }
        return false
    }

    /// Whether `s` is one of `words`, or ends with one after a space (the bytes of `s`
    /// after any space byte: a superset of the suffixes after a space character).
    static func endsWithWord(_ s: UnsafeBufferPointer<UInt8>, _ words: [[UInt8]]) -> Bool {
        for w in words where w.count <= s.count {
            let start = s.count - w.count
            if start > 0 && s[start - 1] != 32 { continue }
            var i = 0
            while i < w.count && s[start + i] == w[i] { i += 1 }
            if i == w.count { return true }
        }
        return false
    }

    /// `node`, the next statement of the normalised root, is finished.
    func publish(_ node: StyNode, dirty isDirty: Bool) {
        cond.lock()
        let startsUnit = nodes.isEmpty || node is StyGroup || Swift.type(of: node) == StyBlock.self
        if startsUnit {
            unitStarts.append(nodes.count)
            unitDirty.append(isDirty)
        } else if isDirty {
            unitDirty[unitDirty.count - 1] = true
        }
        nodes.append(node)
        // The helper is woken for a whole piece (each wake-up is a system call or two).
        if startsUnit && unitStarts.count - 1 - next >= StyPrintPipeline.pieceSize { cond.signal() }
        cond.unlock()
    }

    /// Stops the helper and waits until it has stopped reading the tree: the normaliser is
    /// about to change a statement that may have been printed. The compile then prints
    /// without the pipeline.
    func halt() {
        cond.lock()
        halted = true
        cond.broadcast()
        while !inFlight.isEmpty { cond.wait() }
        cond.unlock()
    }

    var isHalted: Bool {
        cond.lock()
        defer { cond.unlock() }
        return halted
    }

    // MARK: - Printing

    /// The statements of units `from..<to`.
    private func statementRange(_ from: Int, _ to: Int) -> Range<Int> {
        unitStarts[from]..<(to < unitStarts.count ? unitStarts[to] : nodes.count)
    }

    /// The next statements to print, under the lock: while normalising only complete,
    /// clean units.
    private func claimLocked() -> Range<Int>? {
        if normalized, let u = skipped.popLast() { return statementRange(u, u + 1) }
        // While normalising, the last unit may still grow.
        let complete = normalized ? unitStarts.count : unitStarts.count - 1
        while !normalized && next < complete && unitDirty[next] {
            skipped.append(next)
            next += 1
        }
        guard next < complete else { return nil }
        let start = next
        var end = start
        while end < complete && end - start < StyPrintPipeline.pieceSize && (normalized || !unitDirty[end]) {
            end += 1
        }
        next = end
        return statementRange(start, end)
    }

    private func printPiece(_ statements: [StyNode]) -> StyPrinter {
        let printer = StyPrinter(options: options)
        printer.printedBlocks = []
        printer.buf.reserveCapacity(1 << 14)
        printer.printStatements(statements[...])
        return printer
    }

    private func store(_ start: Int, _ end: Int, _ printer: StyPrinter) {
        if results[start] == nil { results[start] = (end, printer) }
    }

    @inline(never)  // a symbol of its own, for profilers
    private func run() {
        cond.lock()
        while !halted {
            if let range = claimLocked() {
                inFlight[range.lowerBound] = range.upperBound
                let statements = Array(nodes[range])
                cond.unlock()
                let printer = printPiece(statements)
                cond.lock()
                inFlight[range.lowerBound] = nil
                store(range.lowerBound, range.upperBound, printer)
                cond.broadcast()
            } else if normalized {
                break
            } else {
                cond.wait()
            }
        }
        running = false
        cond.broadcast()
        cond.unlock()
        finished.signal()
    }

    /// Called once normalising has ended with `count` statements: prints what nobody has
    /// taken and returns every piece in order (statement ranges that tile `0..<count`),
    /// or nil when the pipeline was halted (print the root as before).
    func finish(count: Int) -> [(range: Range<Int>, printer: StyPrinter)]? {
        cond.lock()
        normalized = true
        cond.broadcast()
        guard !halted, nodes.count == count else {
            halted = true
            cond.unlock()
            return nil
        }
        while let range = claimLocked() {
            let statements = Array(nodes[range])
            cond.unlock()
            let printer = printPiece(statements)
            cond.lock()
            store(range.lowerBound, range.upperBound, printer)
        }
        let pending = inFlight.filter { results[$0.key] == nil }
        let all = nodes
        cond.unlock()
        // A piece the helper is still printing is printed here too (never waiting for it).
        var extra: [(Int, Int, StyPrinter)] = []
        for (start, end) in pending { extra.append((start, end, printPiece(Array(all[start..<end])))) }
        cond.lock()
        for (start, end, printer) in extra { store(start, end, printer) }
        let done = results
        cond.unlock()
        var pieces: [(range: Range<Int>, printer: StyPrinter)] = []
        var at = 0
        while at < count {
            guard let piece = done[at] else { return nil }
            pieces.append((at..<piece.end, piece.printer))
            at = piece.end
        }
        return pieces
    }

    /// Stops the helper and waits for it (before the tree is freed).
    func stop() {
        cond.lock()
        halted = true
        cond.broadcast()
        let wasRunning = running
        cond.unlock()
        if wasRunning { finished.wait() }
    }
}

extension StyPrinter {
    /// `compile(root)` from the pieces a pipeline printed; nil when it was halted.
    func compile(_ root: StyBlock, pipeline: StyPrintPipeline) -> String? {
        guard let pieces = pipeline.finish(count: root.nodes.count) else { return nil }
        buf = []
        if let fallback = StyPrinter.firstLacking(pieces.lazy.map { $0.printer }, after: lacking) {
            reserveForJoining(pieces.lazy.map { $0.printer })
            for piece in pieces[..<fallback] { append(piece.printer) }
            printStatements(root.nodes[pieces[fallback].range.lowerBound...])
            return String(decoding: buf, as: UTF8.self)
        }
        // The pieces are copied straight into the result: joined into `buf` first, the
        // output was copied twice, each time into new memory faulted in page by page.
        var total = 0
        for piece in pieces {
            appendState(piece.printer)
            total += piece.printer.buf.count
        }
        return String(unsafeUninitializedCapacity: total) { out in
            var at = 0
            for piece in pieces {
                piece.printer.buf.withUnsafeBufferPointer { bytes in
                    guard let base = bytes.baseAddress, let target = out.baseAddress else { return }
                    (target + at).update(from: base, count: bytes.count)
                    at += bytes.count
                }
            }
            return at
        }
    }

    /// The first of `printers` that printed the properties of a block that an earlier one
    /// (or `lacking`) marked lacking: the output from there on is printed again in order.
    static func firstLacking(_ printers: some Sequence<StyPrinter>, after lacking: Set<ObjectIdentifier>) -> Int? {
        var lacking = lacking
        for (i, printer) in printers.enumerated() {
            if let printed = printer.printedBlocks, !lacking.isEmpty,
                printed.contains(where: { lacking.contains($0) })
            {
                return i
            }
            lacking.formUnion(printer.lacking)
        }
        return nil
    }
}
