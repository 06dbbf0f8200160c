import ArgumentParser
import Foundation
import SSBuild
import SSDevServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a built app's public/ folder.",
        discussion: "Run `ssbuild release` first. Prints `LISTENING <port>` once the socket is bound.")

    @OptionGroup var project: ProjectOptions

    @Option(help: "The port (0 picks a free one). Default: config `port`, else 3000.")
    var port: Int?

    @Option(help: "The address to bind. Default: config `host`, else 127.0.0.1.")
    var host: String?

    func run() async throws {
        let config = try AppSettings.load(project: project, defaultEnv: "production")
        let publicDir = project.rootPath + "/public"
        guard FileManager.default.fileExists(atPath: publicDir + "/index.html") else {
            DiagnosticPrinter.fail("\(publicDir)/index.html not found; run `ssbuild release` first")
            throw ExitCode.failure
        }
        let consoleToken = ConsoleEndpoint.makeToken()
        let runtime = try RuntimeMount.make(config.config, consoleToken: consoleToken)
        // The app's server code is built (release, incremental) before the port opens:
        // an app whose actions do not compile should not start serving.
        if let worker = RuntimeMount.worker(config.config, root: project.rootPath, runtime: runtime,
                                            configuration: .release)
        {
            let diagnostics = await worker.start()
            if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode.failure }
        }
        var server = StaticSiteServer(publicDir: publicDir, host: host ?? config.host, port: port ?? config.port,
                                      runtime: runtime)
        do {
            server.tls = try RuntimeMount.tls(config.config, root: project.rootPath)
        } catch {
            DiagnosticPrinter.fail(String(describing: error))
            throw ExitCode.failure
        }
        server.redirectPort = config.config.ssl.redirectPort
        defer { ConsoleEndpoint.remove(root: project.rootPath) }
        try await server.run { bound in
            try? ConsoleEndpoint.publish(token: consoleToken, port: bound, root: project.rootPath)
            Terminal.line("LISTENING \(bound)")
            Terminal.line("ssbuild \(SSBuildVersion.current) serving \(publicDir) (\(config.env)) on http://\(host ?? config.host):\(bound)")
        }
    }
}
