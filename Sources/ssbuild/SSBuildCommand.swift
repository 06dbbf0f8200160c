import ArgumentParser
import SSBuild

struct SSBuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ssbuild",
        abstract: "Build, serve and run SocketStream-style real-time apps.",
        discussion: """
            Start with `ssbuild new NAME`, then `cd NAME` and build it with
            `ssbuild release --env production`. Every command takes --help.
            """,
        version: SSBuildVersion.current,
        subcommands: [
            NewCommand.self, WatchCommand.self, BuildCommand.self, ReleaseCommand.self, ServeCommand.self,
            CompileCommand.self, TreeCommand.self, ConsoleCommand.self, TestCommand.self,
        ]
    )
}
