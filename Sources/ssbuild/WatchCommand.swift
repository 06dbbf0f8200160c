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
        let config = try AppSettings.load(project: project, defaultEnv: "development")
        let root = project.rootPath
        var options = BuildOptions.development(env: config.env)
        options.pageLocalsJSON = config.pageLocalsJSON
        let session = DevBuildSession(builder: ProjectBuilder(root: root), options: options)
        let bindHost = host ?? config.host
        let server = DevServer(root: root, host: bindHost, port: port ?? config.port, session: session)
        try await server.run { bound in
            Terminal.line("LISTENING \(bound)")
            Terminal.line("ssbuild \(SSBuildVersion.current) watching \(root) (\(config.env)): http://\(bindHost):\(bound)/")
        }
    }
}
