import Foundation

/// Options of the Stylus compiler (the reference CLI's flags).
///
/// ```swift
/// var options = StylusOptions()
/// options.compress = true
/// options.includePaths = ["app/css/lib"]
/// ```
public struct StylusOptions: Sendable {
    /// Minified output (`--compress`).
    public var compress: Bool = false
    /// Extra directories searched by `@import`/`@require` (`--include`).
    public var includePaths: [String] = []
    /// Inline `@import "x.css"` instead of keeping the CSS import (`--include-css`).
    public var includeCSS: Bool = false
    /// Prefix for class selectors (`--prefix`).
    public var prefix: String = ""
    /// Move `@import` and `@charset` to the top of the output (`--hoist-atrules`).
    public var hoistAtRules: Bool = false
    /// Rewrite relative `url()`s of imported files (`--resolve-url`).
    public var resolveURL: Bool = false
    /// Compute the busiest library functions natively (`StyNativeLibrary`); off only in
    /// tests that compare the two.
    var nativeLibrary = true

    public init() {}
}

/// Compiles Stylus stylesheets to CSS, matching node-stylus output byte for byte.
///
/// Pipeline (one file per phase, `Sty` prefix): `StyLexer` (indentation-aware tokens)
/// -> `StyParser` (the reference grammar's lookahead rules) -> `StyEvaluator` (variables,
/// mixins, functions, imports through the resolver; rewrites the tree in place like the
/// reference) -> `StyNormalizer` (@media bubbling and merging, @extend, selector lists)
/// -> `StyPrinter` (CSS text and the line map). Built-ins are native (`StyBuiltins*`) or
/// written in Stylus (`StyBuiltinLibrary`, evaluated once per process and shared).
///
/// ```swift
/// let file = SourceFile(path: "app/css/app.styl", text: "body\n  color red\n")
/// let result = StylusCompiler().compile(file, resolver: InMemoryResolver())
/// result.output   // "body {\n  color: #f00;\n}\n"
/// ```
public struct StylusCompiler: Sendable {
    public var options: StylusOptions

    public init(options: StylusOptions = StylusOptions()) {
        self.options = options
    }

    /// Compiles `file` (its path is used for relative @import resolution through `resolver`).
    ///
    /// Runs on a private thread with a large stack, so deeply nested (or hostile)
    /// stylesheets hit the compiler's depth limits and get a diagnostic instead of
    /// overflowing the caller's (possibly small) thread stack.
    public func compile(_ file: SourceFile, resolver: any SourceResolver) -> CompileResult {
        compile(file, resolver: resolver, cache: nil)
    }

    /// Compiles `file`, taking the parse of every file whose text is unchanged from `cache`
    /// (and adding the others to it). The result is the same as without a cache.
    ///
    /// ```swift
    /// let cache = StylusParseCache()   // one per watch session
    /// let result = StylusCompiler().compile(file, resolver: resolver, cache: cache)
    /// ```
    public func compile(_ file: SourceFile, resolver: any SourceResolver, cache: StylusParseCache?) -> CompileResult {
        compile(file, resolver: resolver, cache: cache, evaluations: nil)
    }

    /// Compiles `file` with parsed files from `cache` and, from `evaluations`, the stored
    /// evaluation of every top-level statement whose inputs are unchanged (see
    /// `StylusEvaluationCache`). The result is the same as without caches.
    ///
    /// ```swift
    /// let parses = StylusParseCache(), evaluations = StylusEvaluationCache()
    /// let result = StylusCompiler().compile(file, resolver: resolver, cache: parses, evaluations: evaluations)
    /// ```
    public func compile(
        _ file: SourceFile, resolver: any SourceResolver, cache: StylusParseCache?,
        evaluations: StylusEvaluationCache?
    ) -> CompileResult {
        let job = StyCompileJob(compiler: self, file: file, resolver: resolver, cache: cache)
        job.evaluations = evaluations
        guard StyCompileJob.runOnLargeStack(job) else {
            // No thread could be created: compile here (depth limits still apply).
            let arena = StyArena()
            defer { arena.teardown() }
            return compileOnCurrentThread(file, resolver: resolver, arena: arena, cache: cache, evaluations: evaluations)
        }
        // The first compile in a process evaluates the Stylus-written library; this thread
        // would only wait, so it does that while the compile thread parses the main file.
        _ = StyBuiltinLibrary.evaluated.count
        job.done.wait()
        return job.result ?? CompileResult(output: "")
    }

    static let stackSize = 64 << 20

    func compileOnCurrentThread(
        _ file: SourceFile, resolver: any SourceResolver, arena: StyArena, cache: StylusParseCache? = nil,
        evaluations: StylusEvaluationCache? = nil, skipNormalizing: Bool = true
    ) -> CompileResult {
        let recorder = DependencyRecorder(resolver)
        var evaluator: StyEvaluator?
        var memo: StyMemoSession?
        if let evaluations, !options.resolveURL {
            let key = StyMemoSession.key(file.text, options)
            let sheet = evaluations.sheet(file.path)
            let stored = sheet.flatMap { $0.key == key && !$0.poisoned ? $0.units : nil } ?? [:]
            memo = StyMemoSession(key: key, stored: stored, resolver: StyMemoResolver(recorder))
        }
        do {
            let root: StyBlock
            if let cache {
                let prefix = options.prefix
                root = try cache.tree(
                    path: file.path, text: file.text, prefix: prefix, arena: arena, makeRoot: { StyRoot() }
                ) { root in
                    var parser = StyParser(file.text, root: root, prefix: prefix, filename: file.path)
                    return try parser.parse()
                }
            } else {
                let mainRoot = StyRoot()
                arena.register(mainRoot)
                var parser = StyParser(file.text, root: mainRoot, prefix: options.prefix, filename: file.path)
                root = try parser.parse()
            }
            let ev = StyEvaluator(
                root: root, options: options, resolver: memo?.resolver ?? recorder, filename: file.path, arena: arena)
            ev.parseCache = cache
            ev.memo = memo
            ev.prefetchResolver = resolver
            evaluator = ev
            ev.maxSteps += StyEvaluator.stepsPerByte * file.text.utf8.count
            let evaluated = try ev.evaluate(library: nil)
            let normalizer = StyNormalizer(root: evaluated, options: options)
            let statements = memo != nil && !options.hoistAtRules ? StyNormalizedStatements() : nil
            normalizer.statements = statements
            if let memo, statements != nil, skipNormalizing { normalizer.skippable = { memo.skippable($0) } }
            // Hoisting reorders the statements after normalising; incremental evaluation
            // prints from stored text.
            if memo == nil, !options.hoistAtRules,
                let pipeline = StyPrintPipeline.start(
                    options: options, statements: evaluated.nodes.count, extendTargets: ev.extendSelectors)
            {
                normalizer.pipeline = pipeline
                arena.teardownHooks.append { pipeline.stop() }
            }
            let normalized = try normalizer.normalize()
            var printer = StyPrinter(options: options)
            let css: String
            if let memo, let statements, memo.print(normalized, statements, into: printer) {
                css = String(decoding: printer.buf, as: UTF8.self)
            } else if let statements, !statements.skipped.isEmpty {
                throw StyNormalizeRedo()
            } else {
                printer = StyPrinter(options: options)
                if let pipeline = normalizer.pipeline, let printed = printer.compile(normalized, pipeline: pipeline) {
                    css = printed
                } else {
                    printer = StyPrinter(options: options)
                    css = printer.compile(normalized)
                }
            }
            // A helper may still be printing a chunk whose copy was not needed.
            let usedPrinter = printer
            // The evaluator's frames and the normaliser's selector map are freed with the
            // tree, after the caller has its result.
            arena.teardownHooks.append { withExtendedLifetime((ev, normalizer)) { usedPrinter.waitForHelpers() } }
            recordEvaluations(memo, evaluations, file, arena, statements)
            var diagnostics: [Diagnostic] = []
            for w in ev.warnings {
                diagnostics.append(Diagnostic(.warning, id: .styWarning, message: w, file: file))
            }
            return CompileResult(
                output: css, diagnostics: diagnostics, dependencies: recorder.paths, lineMap: usedPrinter.lineMap)
        } catch is StyNormalizeRedo {
            // A statement left as evaluated was needed after all (an @extend reached it).
            evaluations?.normalizeRedos += 1
            return compileOnCurrentThread(
                file, resolver: resolver, arena: arena, cache: cache, evaluations: evaluations, skipNormalizing: false)
        } catch is StyMemoFallback {
            // A value changed in place after stored nodes that may alias it were added.
            if let memo, let evaluations {
                evaluations.record(
                    path: file.path, key: memo.key, units: [:], poisoned: true, reused: 0, evaluated: 0,
                    fellBack: true)
            }
            return compileOnCurrentThread(file, resolver: resolver, arena: arena, cache: cache)
        } catch let e as StyError {
            // Statements evaluated before the error are stored all the same (each was
            // checked when it ended; a later compile checks the rest again).
            recordEvaluations(memo, evaluations, file, arena)
            let sources = evaluator?.sources ?? [:]
            return CompileResult(output: "", diagnostics: [diagnostic(e, sources, file)], dependencies: recorder.paths)
        } catch {
            let d = Diagnostic(.error, id: .styEvaluation, message: "\(error)", file: file)
            return CompileResult(output: "", diagnostics: [d], dependencies: recorder.paths)
        }
    }

    private func recordEvaluations(
        _ memo: StyMemoSession?, _ evaluations: StylusEvaluationCache?, _ file: SourceFile, _ arena: StyArena,
        _ statements: StyNormalizedStatements? = nil
    ) {
        guard let memo, let evaluations else { return }
        // The copies the next compile reuses are made once this one has its result.
        let units = memo.units
        arena.teardownHooks.append { for u in units { u.prepareSpare() } }
        evaluations.record(
            path: file.path, key: memo.key, units: memo.fresh, poisoned: memo.poisoned, reused: memo.reused,
            evaluated: memo.evaluated, fellBack: false, rejected: memo.rejected)
        evaluations.lastUnstorable = memo.unstorable
        evaluations.lastSkipped = statements?.skipped.count ?? 0
    }

    func diagnostic(_ e: StyError, _ sources: [String: String], _ main: SourceFile) -> Diagnostic {
        let path = e.filename ?? main.path
        let src = path == main.path ? main : sources[path].map { SourceFile(path: path, text: $0) }
        guard let src, let line = e.lineno else {
            return Diagnostic(.error, id: e.id, message: e.message, file: src, path: path)
        }
        let loc = src.location(line: line, column: max(1, e.column ?? 1))
        return Diagnostic(.error, id: e.id, message: e.message, file: src, range: SourceRange(at: loc))
    }
}

/// One compile on a detached thread with a large stack. The result is written once
/// before `done` is signalled and read only after it.
private final class StyCompileJob: @unchecked Sendable {
    let compiler: StylusCompiler
    let file: SourceFile
    let resolver: any SourceResolver
    var cache: StylusParseCache?
    var evaluations: StylusEvaluationCache?
    let done = DispatchSemaphore(value: 0)
    @exclusivity(unchecked) var result: CompileResult?

    init(compiler: StylusCompiler, file: SourceFile, resolver: any SourceResolver, cache: StylusParseCache?) {
        self.compiler = compiler
        self.file = file
        self.resolver = resolver
        self.cache = cache
    }

    func run() {
        let arena = StyArena()
        result = compiler.compileOnCurrentThread(
            file, resolver: resolver, arena: arena, cache: cache, evaluations: evaluations)
        cache = nil
        evaluations = nil
        done.signal()
        // Freeing the tree (and making the copies the next compile reuses) is left to this
        // thread after the caller has its result, and a little later: run at once, it
        // competed with the caller's own work on the result (in `watch`, the rest of the
        // rebuild and the live-reload message) for the allocator and the two cores.
        Thread.sleep(forTimeInterval: StyCompileJob.teardownDelay)
        StyCompileJob.lowerThisThreadsPriority()
        arena.teardown()
    }

    /// How long a finished compile waits before freeing its tree (see `run`).
    static let teardownDelay: TimeInterval = 0.03

    /// Nice 19 for the rest of this thread's life (its teardown): on a busy machine the next
    /// compile, at normal priority, gets the cores first.
    static func lowerThisThreadsPriority() {
        #if os(Linux)
            // On Linux the nice value belongs to the thread: who 0 is this thread only.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        #endif
    }

    /// Starts `job` on a new detached thread; false when the thread cannot be created.
    static func runOnLargeStack(_ job: StyCompileJob) -> Bool {
        StyThread.start(stackSize: StylusCompiler.stackSize) { job.run() }
    }
}
