import Foundation

/// Printing a big stylesheet in two halves at once: the second half of the top-level
/// statements goes to a printer on another thread, and its output and line map are
/// appended to the first half's.
///
/// Top-level statements print independently (each starts at the first indent level with
/// an empty selector stack), except through `lacking`: a block shared by a placeholder
/// group in the first half and a group in the second is printed by the sequential
/// printer without its properties. The second printer records the blocks whose
/// properties it printed; if one of them is in the first half's `lacking`, its output is
/// dropped and the second half printed again here, after the first.
extension StyPrinter {
    /// At least this many top-level statements (an imported file is one) before a second
    /// thread is worth it.
    static let parallelMinimum = 32

    /// Prints `nodes` in two halves on two threads; false (nothing printed) when there are
    /// too few statements, one processor, or no thread.
    func compileInParallel(_ nodes: [StyNode]) -> Bool {
        guard nodes.count >= StyPrinter.parallelMinimum, ProcessInfo.processInfo.activeProcessorCount > 1 else {
            return false
        }
        // Split before a rule or an imported file's block.
        var split = nodes.count / 2
        while split < nodes.count && !(nodes[split] is StyGroup || Swift.type(of: nodes[split]) == StyBlock.self) {
            split += 1
        }
        guard split < nodes.count else { return false }
        let second = StyPrinter(options: options)
        second.printedBlocks = []
        let job = StyPrintJob(printer: second, nodes: nodes[split...])
        guard StyThread.start(stackSize: StylusCompiler.stackSize, { job.run() }) else { return false }
        printStatements(nodes[..<split])
        job.done.wait()
        if let printed = second.printedBlocks, !lacking.isEmpty, printed.contains(where: { lacking.contains($0) }) {
            printStatements(nodes[split...])
            return true
        }
        append(second)
        return true
    }

    /// `other`'s output and line map after this printer's.
    private func append(_ other: StyPrinter) {
        let offset = outputLine
        var maps = other.lineMap[...]
        if let first = maps.first, lineMap.last?.outputLine == first.outputLine + offset { maps = maps.dropFirst() }
        lineMap.reserveCapacity(lineMap.count + maps.count)
        for var m in maps {
            m.outputLine += offset
            lineMap.append(m)
        }
        outputLine += other.outputLine
        buf.append(contentsOf: other.buf)
    }
}

/// The second half's printer and statements; `done` is signalled after it printed.
private final class StyPrintJob: @unchecked Sendable {
    let printer: StyPrinter
    let nodes: ArraySlice<StyNode>
    let done = DispatchSemaphore(value: 0)

    init(printer: StyPrinter, nodes: ArraySlice<StyNode>) {
        self.printer = printer
        self.nodes = nodes
    }

    @inline(never)  // a symbol of its own, for profilers
    func run() {
        printer.buf.reserveCapacity(1 << 16)
        printer.printStatements(nodes)
        done.signal()
    }
}
