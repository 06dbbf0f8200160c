import Foundation

/// Parses the files that the main stylesheet's top-level `@import`s name on a second
/// thread, ahead of the evaluator, which takes each tree when it reaches that import.
///
/// Parsing is about a quarter of a compile and depends on nothing but a file's text, so a
/// prefetched tree is the tree the evaluator would have parsed: it is used only when the
/// evaluator resolved the import to the same file and read byte-identical text (otherwise
/// the evaluator parses as before, and so also for a parse error, whose diagnostic comes
/// from its own parse). A file the worker has not started is parsed by the evaluator
/// itself. A file the worker is parsing is waited for, briefly: when the evaluator caught
/// up with the worker and parsed that file too, the two ran in step from then on and the
/// evaluator parsed nearly every later file itself (with a faster evaluator, 12-21k
/// allocations' worth of imports parsed twice on the large fixture). On a busy machine the
/// worker may not run for a while, so a wait is bounded (`longestWait`), and after one runs
/// out the evaluator never waits again in this compile.
///
/// The worker reads through the caller's resolver (never the dependency recorder, which
/// is not thread-safe); the evaluator still reads every file it imports, so the recorded
/// dependencies are the same.
final class StyImportPrefetch: @unchecked Sendable {
    private enum Slot {
        case pending
        case parsing
        case done(file: String, text: String, root: StyBlock?, arena: StyArena)
        case taken
        /// Wanted while the worker was still parsing it: the evaluator parsed it itself
        /// (never waiting: on a busy machine the worker may not run for a while), and the
        /// worker throws its copy away.
        case abandoned
    }

    private let requests: [String]
    private let slotOfRequest: [String: Int]
    private let finder: StyImportFinder
    private let prefix: String
    private let cond = NSCondition()
    private var slots: [Slot]
    private var cancelled = false
    private var running = false
    /// A wait for the worker ran out: the evaluator parses for itself from then on.
    private var gaveUpWaiting = false

    /// How long the evaluator waits for a file the worker is parsing (a file of the large
    /// fixture takes about 0.1 ms); tests set other bounds.
    var longestWait: TimeInterval = 0.005

    /// Imports worth a thread: at least this many distinct ones.
    static let minimumFiles = 4

    /// - Parameters:
    ///   - requests: import paths as the evaluator looks them up (`.styl` appended), in order.
    ///   - finder: resolves them as the evaluator does at the main file's top level.
    init(requests: [String], finder: StyImportFinder, prefix: String) {
        var unique: [String] = []
        var index: [String: Int] = [:]
        for r in requests where index[r] == nil {
            index[r] = unique.count
            unique.append(r)
        }
        self.requests = unique
        self.slotOfRequest = index
        self.finder = finder
        self.prefix = prefix
        self.slots = Array(repeating: .pending, count: unique.count)
    }

    var requestCount: Int { requests.count }

    /// Starts the worker thread; false when it could not be created (nothing is prefetched).
    func start() -> Bool {
        cond.lock()
        running = true
        cond.unlock()
        let ok = StyThread.start(stackSize: StylusCompiler.stackSize) { [self] in run() }
        if !ok {
            cond.lock()
            running = false
            cond.unlock()
        }
        return ok
    }

    private func run() {
        while true {
            cond.lock()
            var next: Int?
            if !cancelled, let i = slots.firstIndex(where: { if case .pending = $0 { true } else { false } }) {
                slots[i] = .parsing
                next = i
            }
            if next == nil {
                running = false
                cond.broadcast()
                cond.unlock()
                return
            }
            cond.unlock()
            guard let i = next else { return }
            var file = ""
            var text = ""
            if let found = finder.find(requests[i]), found.count == 1 {
                file = found[0]
                text = finder.resolver.readText(file) ?? ""
            }
            let arena = StyArena()
            var root: StyBlock?
            if !text.isEmpty {
                root = try? StyEvaluator.parseTree(
                    text, path: file, prefix: prefix, cache: nil, arena: arena, makeRoot: { StyBlock(nil, nil) })
            }
            cond.lock()
            let wanted: Bool
            if case .abandoned = slots[i] { wanted = false } else { wanted = true }
            slots[i] = wanted ? .done(file: file, text: text, root: root, arena: arena) : .taken
            // The evaluator may be waiting for this file (`waitWhileParsing`).
            cond.broadcast()
            cond.unlock()
            if !wanted { arena.teardown() }
        }
    }

    /// The file the worker resolved `request` to, when the caller's search `paths` are the
    /// ones it resolved with; nil when the caller must resolve it (not prefetched, not
    /// parsed yet, or not exactly one file).
    func resolvedFile(_ request: String, paths: [String]) -> String? {
        guard let i = slotOfRequest[request], paths == finder.paths else { return nil }
        cond.lock()
        defer { cond.unlock() }
        waitWhileParsing(i)
        if case .done(let file, _, _, _) = slots[i], !file.isEmpty { return file }
        return nil
    }

    /// Waits (the lock held) while the worker parses slot `i`, at most `longestWait`.
    private func waitWhileParsing(_ i: Int) {
        guard !gaveUpWaiting else { return }
        let deadline = Date(timeIntervalSinceNow: longestWait)
        while case .parsing = slots[i] {
            if !cond.wait(until: deadline) {
                if case .parsing = slots[i] { gaveUpWaiting = true }
                return
            }
        }
    }

    /// The prefetched tree of `request` if it was resolved to `file` and parsed from
    /// exactly `text`, its blocks moved into `arena`; nil when the caller must parse (not
    /// prefetched, not started, already taken, another file or text, or a parse error).
    func take(_ request: String, file: String, text: String, into arena: StyArena) -> StyBlock? {
        guard let i = slotOfRequest[request] else { return nil }
        cond.lock()
        waitWhileParsing(i)
        let slot = slots[i]
        if case .parsing = slot { slots[i] = .abandoned } else { slots[i] = .taken }
        cond.unlock()
        guard case .done(let parsedFile, let parsedText, let root, let parsedArena) = slot else { return nil }
        guard let root, parsedFile == file, parsedText == text else {
            parsedArena.teardown()
            return nil
        }
        arena.adopt(parsedArena)
        return root
    }

    /// Stops the worker after its current file and frees every tree nobody took.
    func finish() {
        cond.lock()
        cancelled = true
        while running { cond.wait() }
        var leftovers: [StyArena] = []
        for (i, slot) in slots.enumerated() {
            if case .done(_, _, _, let arena) = slot { leftovers.append(arena) }
            slots[i] = .taken
        }
        cond.unlock()
        for a in leftovers { a.teardown() }
    }
}

/// A detached thread with a given stack size (the compile's own large-stack thread too).
enum StyThread {
    /// Whether a second thread can run alongside (read once: on Linux each query of the
    /// processor count reads the cgroup files, and a compile asked three times).
    static let hasSecondProcessor = ProcessInfo.processInfo.activeProcessorCount > 1

    private final class Box {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    static func start(stackSize: Int, _ body: @escaping @Sendable () -> Void) -> Bool {
        #if os(Linux)
            var attr = pthread_attr_t()
            guard pthread_attr_init(&attr) == 0 else { return false }
            defer { pthread_attr_destroy(&attr) }
            pthread_attr_setstacksize(&attr, stackSize)
            pthread_attr_setdetachstate(&attr, Int32(PTHREAD_CREATE_DETACHED))
            let context = Unmanaged.passRetained(Box(body)).toOpaque()
            var thread = pthread_t()
            let rc = pthread_create(
                &thread, &attr,
                { raw in
                    guard let raw else { return nil }
                    Unmanaged<Box>.fromOpaque(raw).takeRetainedValue().body()
                    return nil
                }, context)
            if rc != 0 {
                Unmanaged<Box>.fromOpaque(context).release()
                return false
            }
            return true
        #else
            let thread = Thread { body() }
            thread.stackSize = stackSize
            thread.start()
            return true
        #endif
    }
}
