import Foundation
import SSActions

/// Keeps an action worker process serving a runtime: starts it, restarts it with capped
/// backoff when it exits unexpectedly, and swaps in a rebuilt binary without dropping
/// browser connections (`reload`).
///
///     let supervisor = WorkerSupervisor(runtime: runtime, executable: "server/.build/debug/app-worker")
///     try await supervisor.start()
///     // after `swift build` of the app's server package succeeded:
///     try await supervisor.reload()
public final class WorkerSupervisor: Sendable {
    private let runtime: Runtime
    private let executable: String
    private let arguments: [String]
    private let sharedCode: (@Sendable (String, [JSONValue]) async throws -> JSONValue)?
    private struct State {
        var current: WorkerProcess?
        var generation = 0
        var restarts = 0
        var stopped = false
    }
    private let state = Locked(State())

    /// `sharedCode` answers the workers' `context.shared.call`s (app/shared code on the server).
    public init(runtime: Runtime, executable: String, arguments: [String] = [],
                sharedCode: (@Sendable (String, [JSONValue]) async throws -> JSONValue)? = nil) {
        self.runtime = runtime
        self.executable = executable
        self.arguments = arguments
        self.sharedCode = sharedCode
    }

    /// How many times a crashed worker was restarted.
    public var restarts: Int { state.withLock { $0.restarts } }

    /// The running worker's process id.
    public var processIdentifier: Int32? { state.withLock { $0.current?.processIdentifier } }

    /// Starts the worker and routes calls to it.
    public func start() async throws {
        try await launchAndSwap()
    }

    /// Starts a new worker from the (rebuilt) executable, swaps it in once it said hello,
    /// then lets the old one finish its calls and stop.
    public func reload() async throws {
        try await launchAndSwap()
    }

    /// Stops the worker for good.
    public func stop() async {
        let current = state.withLock { s -> WorkerProcess? in
            s.stopped = true
            return s.current
        }
        await current?.stop()
    }

    private func launchAndSwap() async throws {
        let generation = state.withLock { s -> Int in
            s.generation += 1
            return s.generation
        }
        let logger = runtime.logger
        let process = try WorkerProcess.launch(
            executable: executable, arguments: arguments, logSink: runtime.configuration.logSink,
            onExit: { [weak self] status in
                guard let self else { return }
                Task { await self.exited(generation: generation, status: status) }
            })
        process.host.sharedCode = sharedCode
        await runtime.use(worker: process.host)
        let old = state.withLock { s -> WorkerProcess? in
            let old = s.current
            s.current = process
            return old
        }
        if let old {
            logger.info("worker reloaded (pid \(process.processIdentifier))")
            Task {
                for _ in 0..<500 where old.host.inFlight > 0 { try? await Task.sleep(for: .milliseconds(10)) }
                await old.stop()
            }
        }
    }

    /// An exit of the current generation that nobody asked for: restart with backoff.
    private func exited(generation: Int, status: Int32) async {
        let (isCurrent, attempt) = state.withLock { s -> (Bool, Int) in
            guard !s.stopped, s.generation == generation else { return (false, 0) }
            s.restarts += 1
            return (true, s.restarts)
        }
        guard isCurrent else { return }
        runtime.logger.error("worker exited with status \(status); restarting")
        let delay = min(5000, 100 * (1 << min(attempt - 1, 6)))
        try? await Task.sleep(for: .milliseconds(delay))
        guard state.withLock({ !$0.stopped && $0.generation == generation }) else { return }
        do {
            try await launchAndSwap()
        } catch {
            runtime.logger.error("worker restart failed: \(error)")
        }
    }
}
