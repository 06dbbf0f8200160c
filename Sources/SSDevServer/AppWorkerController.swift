import Foundation
import SSBuild
import SSCompilers
import SSRuntime

/// Builds the app's server code (`app/server/**.swift`) and keeps its worker process
/// serving the runtime: the first build at start-up, a rebuild and hot swap after each
/// burst of `.swift` changes (browser connections and sessions stay), and a restart when
/// the worker crashes. An app without server code builds and runs nothing.
///
///     let controller = AppWorkerController(builder: WorkerBuilder(appRoot: root, sdkPath: sdk), runtime: runtime)
///     let diagnostics = await controller.start()
public final class AppWorkerController: Sendable {
    public let builder: WorkerBuilder
    public let runtime: Runtime
    /// The app's app/shared code, loaded on the server for `context.shared.call`.
    public let sharedCode: SharedCodeEngine?
    private let log: @Sendable (String) -> Void
    private let supervisor: WorkerSupervisor

    private struct State {
        var running = false
        var building = false
        var pending = false
        var diagnostics: [Diagnostic] = []
    }
    private let state = Locked(State())

    public init(builder: WorkerBuilder, runtime: Runtime, sharedCode: SharedCodeEngine? = nil,
                log: @escaping @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }) {
        self.builder = builder
        self.runtime = runtime
        self.sharedCode = sharedCode
        self.log = log
        self.supervisor = WorkerSupervisor(runtime: runtime, executable: builder.executablePath,
                                           sharedCode: sharedCode?.actionHandler)
    }

    /// Reloads the server's copy of app/shared after changes; its errors, if any changed.
    public func sharedCodeChanged(_ paths: [String]) -> [Diagnostic]? {
        sharedCode?.reload(changedPaths: paths)
    }

    /// The errors of the last build (empty when it succeeded or there is no server code).
    public var diagnostics: [Diagnostic] { state.withLock { $0.diagnostics } }

    /// Is a worker serving calls?
    public var isRunning: Bool { state.withLock { $0.running } }

    /// The worker's process id, while one runs.
    public var processIdentifier: Int32? { supervisor.processIdentifier }

    /// Builds and starts the worker; until it serves, new connections wait for it (so a
    /// page that loads during a cold build still sees `SS.server.app`).
    @discardableResult
    public func start() async -> [Diagnostic] {
        if !builder.serverFiles().isEmpty { runtime.expectWorker() }
        let shared = sharedCode?.reload() ?? []
        if !shared.isEmpty { log(shared.map { $0.rendered() }.joined(separator: "\n\n")) }
        return await rebuild()
    }

    /// Rebuilds after server files changed. Bursts during a build are folded into one more
    /// build after it. Returns the diagnostics of the last build it ran.
    @discardableResult
    public func rebuild() async -> [Diagnostic] {
        let startNow = state.withLock { s -> Bool in
            if s.building {
                s.pending = true
                return false
            }
            s.building = true
            return true
        }
        guard startNow else { return diagnostics }
        var result: [Diagnostic] = []
        repeat {
            result = await buildOnce()
        } while state.withLock { s -> Bool in
            if s.pending {
                s.pending = false
                return true
            }
            s.building = false
            return false
        }
        return result
    }

    /// Stops the worker.
    public func stop() async {
        await supervisor.stop()
        state.withLock { $0.running = false }
    }

    private func buildOnce() async -> [Diagnostic] {
        let builder = self.builder
        let outcome = await withCheckedContinuation { (c: CheckedContinuation<WorkerBuilder.Outcome, Never>) in
            // `swift build` blocks; keep it off the cooperative pool.
            Thread { c.resume(returning: builder.build()) }.start()
        }
        switch outcome {
        case .noServerCode:
            state.withLock { $0.diagnostics = [] }
            runtime.workerUnavailable()
            if isRunning {
                await stop()
                log("app/server has no Swift files any more: worker stopped")
            }
            return []
        case .failed(let diagnostics):
            state.withLock { $0.diagnostics = diagnostics }
            runtime.workerUnavailable()
            log("app/server: build failed" + (isRunning ? "; the previous worker keeps serving" : ""))
            log(diagnostics.map { $0.rendered() }.joined(separator: "\n\n"))
            return diagnostics
        case .built(let built):
            do {
                if isRunning {
                    try await supervisor.reload()
                } else {
                    try await supervisor.start()
                }
                state.withLock {
                    $0.running = true
                    $0.diagnostics = []
                }
                log("app/server: worker built in \(built.duration.milliseconds) ms and serving \(built.namespaces.count) namespace(s)"
                    + " (pid \(supervisor.processIdentifier.map(String.init) ?? "?"))")
                return []
            } catch {
                let d = Diagnostic(.error, id: .buildServerToolchain, message: "cannot start the worker: \(error)",
                                   path: builder.executablePath)
                state.withLock { $0.diagnostics = [d] }
                runtime.workerUnavailable()
                log(d.rendered())
                return [d]
            }
        }
    }

    /// Is this changed path server code?
    public static func isServerSource(_ path: String) -> Bool {
        path.hasPrefix(ProjectLayout.appServer + "/") && (path.hasSuffix(".swift") || !path.contains("."))
    }
}

