import ArgumentParser
import Foundation
import SSBuild
import SSDevServer

struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Run the dev server: incremental rebuilds on save, live reload, error overlay.",
        discussion: """
            Watches app/, lib/, config/ and public/ with inotify. A stylesheet change is swapped
            into open pages without a reload; any other change reloads them. Build errors show
            in the terminal and in the browser, which keeps the last good build.
            Prints `LISTENING <port>` once the socket is bound.
            """)

    @OptionGroup var project: ProjectOptions

    @Option(help: "The port (0 picks a free one). Default: config `port`, else 3000.")
    var port: Int?

    @Option(help: "The address to bind. Default: config `host`, else 127.0.0.1.")
    var host: String?

    func run() async throws {
        // Latency of Stylus partial saves over peak RSS (see MallocTuning).
        MallocTuning.growHeapsInLargeSteps()
        let config = try AppSettings.load(project: project, defaultEnv: "development")
        let root = project.rootPath
        var options = BuildOptions.development(env: config.env)
        options.pageLocalsJSON = config.pageLocalsJSON
        options.realtimeScript = RuntimeMount.clientScript(env: config.env)
        options.rpcContract = config.config.rpc.checkContract ? .warn : .off
        options.sourceMaps = config.config.assets.sourceMaps
        let project = self.project
        let session = DevBuildSession(builder: ProjectBuilder(root: root), options: options, reloadOptions: {
            var environment = ProcessInfo.processInfo.environment
            if project.env == nil, environment["SS_ENV"] == nil { environment["SS_ENV"] = "development" }
            do throws(ConfigError) {
                let config = try ConfigLoader.load(projectRoot: root, env: project.env, environment: environment,
                                                   resolver: DiskResolver())
                var fresh = BuildOptions.development(env: config.env)
                fresh.pageLocalsJSON = config.views.localsJSON
                fresh.realtimeScript = RuntimeMount.clientScript(env: config.env)
                fresh.rpcContract = config.rpc.checkContract ? .warn : .off
                fresh.sourceMaps = config.assets.sourceMaps
                return .success(fresh)
            } catch {
                return .failure(error)
            }
        })
        let bindHost = host ?? config.host
        let consoleToken = ConsoleEndpoint.makeToken()
        let runtime = try RuntimeMount.make(config.config, consoleToken: consoleToken)
        let worker = RuntimeMount.worker(config.config, root: root, runtime: runtime, configuration: .debug)
        let server = DevServer(root: root, host: bindHost, port: port ?? config.port, session: session,
                               runtime: runtime, worker: worker)
        // The dev server holds nothing worth draining: live-reload sockets would only keep a
        // graceful shutdown waiting, so Ctrl-C and SIGTERM end the process at once.
        ExitOnSignal.atExit { ConsoleEndpoint.remove(root: root) }
        ExitOnSignal.atExit { ChildProcesses.terminateAll() }
        ExitOnSignal.install([SIGINT, SIGTERM])
        try await server.run { bound in
            try? ConsoleEndpoint.publish(token: consoleToken, port: bound, root: root)
            Terminal.line("LISTENING \(bound)")
            Terminal.line("ssbuild \(SSBuildVersion.current) watching \(root) (\(config.env)): http://\(bindHost):\(bound)/")
        }
    }
}

/// Exits the process on the given signals, from a dispatch source (not a raw handler).
enum ExitOnSignal {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    nonisolated(unsafe) private static var exitActions: [() -> Void] = []

    /// Runs `action` before a signal ends the process (install it before `install`).
    static func atExit(_ action: @escaping () -> Void) {
        exitActions.append(action)
    }

    static func install(_ signals: [Int32]) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                for action in exitActions { action() }
                exit(0)
            }
            source.resume()
            sources.append(source)
        }
    }
}
