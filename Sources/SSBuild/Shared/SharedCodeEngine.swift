import Foundation
import SSActions
import SSCompilers
import SSScript

/// Runs the app's `app/shared` code on the server, as the browser runs it: every
/// `app/shared/**.js` and `.coffee` file is wrapped into the same `SS.shared.*` API tree
/// (the browser's module registry, `ClientRuntime`) inside JavaScriptCore contexts.
///
/// Calls go through a pool of contexts, each loaded once per generation of the code, so
/// concurrent calls never share a context. Shared code on the server has no DOM, file
/// system or network: using them fails with an error that says so. A call that runs past
/// `timeLimit` is stopped and its context thrown away; other calls carry on.
///
/// ```swift
/// let engine = SharedCodeEngine(root: "chat")
/// let diagnostics = engine.reload()                 // loads app/shared; [] when all is well
/// let c = try await engine.call("calculate.circumference", [.number(20)])   // .number(125.66…)
/// ```
public final class SharedCodeEngine: Sendable {
    /// How the engine runs shared code.
    public struct Options: Sendable {
        /// Seconds one call may run before it is stopped.
        public var timeLimit: Double = 2
        /// Contexts kept loaded for reuse (more are made on demand under load).
        public var maximumIdleContexts = max(2, ProcessInfo.processInfo.activeProcessorCount)
        /// Calls that run at once; more wait their turn. Bounds the contexts (each about
        /// 1 MB) and threads a burst of calls can take, while leaving room for calls that
        /// run to the time limit.
        public var maximumConcurrentCalls = max(4, 2 * ProcessInfo.processInfo.activeProcessorCount)
        /// `SS.env` as shared code sees it.
        public var env = "development"
        /// Where `console.log/info/warn/error/debug` of shared code go (level, text);
        /// nil: nowhere. Objects are shown as JSON.
        public var console: (@Sendable (_ level: String, _ message: String) -> Void)?
        public init() {}
    }

    let resolver: any SourceResolver
    let options: Options
    let coffeeScript: CoffeeScriptCompiler
    private let calls: OperationQueue
    private let current = LockedBox<Generation?>(nil)
    /// The errors of the last `reload` when no code loaded yet: calls report them instead
    /// of reading app/shared again each time (the next `reload` retries).
    private let failedLoad = LockedBox<[Diagnostic]?>(nil)

    /// - Parameters:
    ///   - root: the app folder; `resolver` (if given) answers paths relative to it instead of the disk.
    ///   - coffeeScript: compiles `.coffee` files (tests may point it at another compiler script).
    public init(
        root: String, resolver: (any SourceResolver)? = nil, options: Options = Options(),
        coffeeScript: CoffeeScriptCompiler = .standard
    ) {
        self.resolver = resolver ?? RootedResolver(root: root)
        self.options = options
        self.coffeeScript = coffeeScript
        calls = OperationQueue()
        calls.name = "ssbuild.shared-code"
        calls.maxConcurrentOperationCount = max(1, options.maximumConcurrentCalls)
    }

    /// Re-reads app/shared and loads it into a fresh context. On success later calls use
    /// the new code; on errors (returned as diagnostics) the previous code stays in use,
    /// as a development server keeps the last good build.
    @discardableResult
    public func reload() -> [Diagnostic] {
        let previous = current.withLock { $0?.modules } ?? []
        var generation = Generation.load(
            resolver: resolver, options: options, coffeeScript: coffeeScript,
            previous: previous)
        guard !generation.diagnostics.containsErrors else {
            failedLoad.withLock { $0 = generation.diagnostics }
            return generation.diagnostics
        }
        do {
            // Loading one context now proves the code runs and makes the first call warm.
            let context = try generation.pool.checkOut()
            generation.pool.checkIn(context)
        } catch {
            let failure = generation.map(error)
            generation.diagnostics.append(
                Diagnostic(
                    .error, id: .sharedCodeLoadFailed, message: "shared code failed to load: " + failure.message,
                    path: failure.path,
                    range: failure.line.map { line in
                        SourceRange(at: SourceLocation(line: line, column: failure.column ?? 1, offset: 0))
                    }))
            failedLoad.withLock { $0 = generation.diagnostics }
            return generation.diagnostics
        }
        failedLoad.withLock { $0 = nil }
        current.withLock { $0 = generation }
        return generation.diagnostics
    }

    /// Reloads when one of `changedPaths` (project-relative) lies in app/shared; returns
    /// nil when none does and nothing was reloaded.
    public func reload(changedPaths: some Sequence<String>) -> [Diagnostic]? {
        let prefix = ProjectLayout.appShared + "/"
        guard changedPaths.contains(where: { $0.hasPrefix(prefix) || $0 == ProjectLayout.appShared }) else {
            return nil
        }
        return reload()
    }

    /// The code in use, for measurements and tests.
    var currentGeneration: Generation? { current.withLock { $0 } }

    /// The files of the code in use, in load order (empty before a successful `reload`).
    public var loadedFiles: [String] { current.withLock { $0?.modules.map(\.path) ?? [] } }

    /// Calls `SS.shared.<path>` with JSON arguments and returns its result as JSON, as a
    /// browser calling the same function and sending the result over the wire would see
    /// it (`undefined` and functions become `null`, dates ISO strings).
    /// Loads the code on first use.
    public func call(_ path: String, _ arguments: [JSONValue]) async throws -> JSONValue {
        let generation = try loaded()
        return try await withCheckedThrowingContinuation { continuation in
            calls.addOperation {
                continuation.resume(with: Result { try generation.call(path, arguments) })
            }
        }
    }

    /// `call` without leaving the current thread: for benchmarks and synchronous callers.
    public func callSynchronously(_ path: String, _ arguments: [JSONValue]) throws -> JSONValue {
        try loaded().call(path, arguments)
    }

    /// Like `call`, with the arguments encoded and the result decoded.
    ///
    /// ```swift
    /// let c = try await engine.call("calculate.circumference", 20, as: Double.self)
    /// ```
    public func call<R: Decodable>(_ path: String, _ arguments: any Encodable..., as type: R.Type)
        async throws -> R
    {
        let values = try arguments.map { try JSONValue(encoding: $0) }
        let result = try await call(path, values)
        do {
            return try JSONDecoder().decode(R.self, from: Data(result.jsonText.utf8))
        } catch {
            throw SharedCodeError(
                .badValue,
                "SS.shared.\(path) returned \(result.jsonText.prefix(80)), "
                    + "which does not decode as \(R.self)")
        }
    }

    /// The handler shape the action worker host takes (`WorkerHost.sharedCode`): errors
    /// become `ActionError`s, so an action sees `not_found`, `timeout` and friends.
    public var actionHandler: @Sendable (String, [JSONValue]) async throws -> JSONValue {
        { [self] path, arguments in
            do {
                return try await call(path, arguments)
            } catch let error as SharedCodeError {
                throw error.actionError
            }
        }
    }

    private func loaded() throws -> Generation {
        if let generation = current.withLock({ $0 }) { return generation }
        let diagnostics = failedLoad.withLock { $0 } ?? reload()
        if let generation = current.withLock({ $0 }) { return generation }
        let first = diagnostics.first { $0.severity == .error }
        throw SharedCodeError(
            .notLoaded, "app/shared did not load: " + (first?.message ?? "unknown error"),
            path: first?.path, line: first?.range?.start.line, column: first?.range?.start.column)
    }
}
