import Foundation

/// Printing a big stylesheet on two threads: the top-level statements are cut into
/// chunks, which this thread and a helper thread take in order, each printing a chunk
/// with a printer of its own; the chunks' output and line maps are then joined in order.
///
/// Neither thread ever waits for the other (on a busy machine the helper may not run for
/// a while): when this thread runs out of chunks to take, it prints itself any chunk the
/// helper has not finished, and the helper's copy is thrown away.
///
/// Top-level statements print independently (each starts at the first indent level with
/// an empty selector stack), except through `lacking`: a block shared by a placeholder
/// group in one chunk and a group in a later one is printed by the sequential printer
/// without its properties. Chunk printers record the blocks whose properties they
/// printed; from the first chunk that printed a block an earlier chunk marked lacking,
/// the rest is printed again here, in order.
extension StyPrinter {
    /// At least this many top-level statements (an imported file is one) before a second
    /// thread is worth it.
    static let parallelMinimum = 32
    static let parallelChunks = 16

    /// Prints `nodes` in chunks on two threads; false (nothing printed) when there are too
    /// few statements, one processor, or no thread.
    func compileInParallel(_ nodes: [StyNode]) -> Bool {
        guard nodes.count >= StyPrinter.parallelMinimum, StyThread.hasSecondProcessor else {
            return false
        }
        let chunks = StyPrinter.chunkRanges(nodes)
        guard chunks.count > 1 else { return false }
        let job = StyPrintJob(options: options, nodes: nodes, chunks: chunks)
        guard StyThread.start(stackSize: StylusCompiler.stackSize, { job.run() }) else { return false }
        helpers.append(job)
        while let i = job.claim() { job.store(i, job.printChunk(i)) }
        var printers: [StyPrinter] = []
        printers.reserveCapacity(chunks.count)
        for i in chunks.indices {
            // A chunk still being printed by the helper is printed here too.
            printers.append(job.result(i) ?? job.printChunk(i))
        }
        job.cancel()
        reserveForJoining(printers)
        let fallback = StyPrinter.firstLacking(printers, after: lacking) ?? printers.count
        for printer in printers[..<fallback] { append(printer) }
        for range in chunks[fallback...] { printStatements(nodes[range]) }
        return true
    }

    /// About `parallelChunks` ranges of statements, each starting at a rule or an imported
    /// file's block.
    static func chunkRanges(_ nodes: [StyNode]) -> [Range<Int>] {
        let size = max(1, nodes.count / parallelChunks)
        var ranges: [Range<Int>] = []
        var start = 0
        var split = size
        while split < nodes.count {
            while split < nodes.count && !(nodes[split] is StyGroup || Swift.type(of: nodes[split]) == StyBlock.self) {
                split += 1
            }
            guard split < nodes.count else { break }
            ranges.append(start..<split)
            start = split
            split = start + size
        }
        ranges.append(start..<nodes.count)
        return ranges
    }

    /// Waits until every helper thread has stopped reading the tree (it finishes at most
    /// the chunk it is printing); the compile calls it before the tree is freed.
    func waitForHelpers() {
        for job in helpers { job.finished.wait() }
        helpers = []
    }

    /// Room for the output of `printers` after this printer's: joined into a buffer
    /// grown step by step, the output was copied again at each step and its new memory
    /// faulted in page by page.
    func reserveForJoining(_ printers: some Sequence<StyPrinter>) {
        let total = printers.reduce(buf.count) { $0 + $1.buf.count }
        if buf.capacity < total { buf.reserveCapacity(total) }
    }

    /// `other`'s output, line map and placeholder blocks after this printer's.
    func append(_ other: StyPrinter) {
        appendState(other)
        buf.append(contentsOf: other.buf)
    }

    /// `append(other)` but for the output bytes.
    func appendState(_ other: StyPrinter) {
        let offset = outputLine
        var maps = other.lineMap[...]
        if let first = maps.first, lineMap.last?.outputLine == first.outputLine + offset { maps = maps.dropFirst() }
        // Geometric growth: a print from stored text appends once per statement.
        let needed = lineMap.count + maps.count
        if lineMap.capacity < needed { lineMap.reserveCapacity(max(needed, lineMap.capacity * 2)) }
        for var m in maps {
            m.outputLine += offset
            lineMap.append(m)
        }
        outputLine += other.outputLine
        lacking.formUnion(other.lacking)
    }
}

/// The chunks of one parallel print: which are taken, and the printers that finished.
final class StyPrintJob: @unchecked Sendable {
    /// Signalled when the helper thread has stopped.
    let finished = DispatchSemaphore(value: 0)
    let options: StylusOptions
    let nodes: [StyNode]
    let chunks: [Range<Int>]
    private let lock = NSLock()
    private var next = 0
    private var cancelled = false
    private var results: [StyPrinter?]

    init(options: StylusOptions, nodes: [StyNode], chunks: [Range<Int>]) {
        self.options = options
        self.nodes = nodes
        self.chunks = chunks
        results = Array(repeating: nil, count: chunks.count)
    }

    /// The next chunk nobody has taken.
    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard !cancelled, next < chunks.count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ i: Int, _ printer: StyPrinter) {
        lock.lock()
        results[i] = printer
        lock.unlock()
    }

    func result(_ i: Int) -> StyPrinter? {
        lock.lock()
        defer { lock.unlock() }
        return results[i]
    }

    /// Stops the helper taking chunks (its results are no longer read).
    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    func printChunk(_ i: Int) -> StyPrinter {
        let printer = StyPrinter(options: options)
        printer.printedBlocks = []
        printer.buf.reserveCapacity(1 << 14)
        printer.printStatements(nodes[chunks[i]])
        return printer
    }

    @inline(never)  // a symbol of its own, for profilers
    func run() {
        while let i = claim() { store(i, printChunk(i)) }
        finished.signal()
    }
}
