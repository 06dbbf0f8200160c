import Foundation

/// Hands out `ScriptContext`s so that each is used by one caller at a time, from any
/// thread or task. Contexts are created on demand (never blocking a caller) and up to
/// `maximumIdle` are kept for reuse; `setup` runs once on each new context, for
/// example to load a runtime library.
///
/// ```swift
/// let pool = ScriptContextPool(setup: { try $0.evaluate(PugRuntime.source, sourceURL: "pug-runtime.js") })
/// let html = try pool.withContext { try $0.callString(templateSource, argumentsJSON: ["{}"]) }
/// ```
public final class ScriptContextPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [ScriptContext] = []
    private let maximumIdle: Int
    private let timeLimit: Double?
    private let setup: @Sendable (ScriptContext) throws -> Void

    public init(
        maximumIdle: Int = ProcessInfo.processInfo.activeProcessorCount, timeLimit: Double? = 10,
        setup: @escaping @Sendable (ScriptContext) throws -> Void = { _ in }
    ) {
        self.maximumIdle = max(1, maximumIdle)
        self.timeLimit = timeLimit
        self.setup = setup
    }

    /// Runs `body` with a context nobody else is using, then returns it to the pool.
    /// A context whose `body` threw a timeout is discarded rather than reused.
    public func withContext<R>(_ body: (ScriptContext) throws -> R) throws -> R {
        let context = try checkOut()
        do {
            let result = try body(context)
            checkIn(context)
            return result
        } catch let error as ScriptError where error.kind == .timeout {
            throw error
        } catch {
            checkIn(context)
            throw error
        }
    }

    /// Takes a context out of the pool; give it back with `checkIn`.
    public func checkOut() throws -> ScriptContext {
        lock.lock()
        let reused = idle.popLast()
        lock.unlock()
        if let reused { return reused }
        try ScriptContext.loadEngine()
        let context = ScriptContext(timeLimit: timeLimit)
        try setup(context)
        return context
    }

    public func checkIn(_ context: ScriptContext) {
        lock.lock()
        defer { lock.unlock() }
        if idle.count < maximumIdle { idle.append(context) }
    }

    /// The number of contexts waiting for reuse.
    public var idleCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return idle.count
    }
}
