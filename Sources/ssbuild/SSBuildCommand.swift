import ArgumentParser
import SSBuild

@main
struct SSBuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ssbuild",
        abstract: "Build, serve and run SocketStream-style real-time apps.",
        version: SSBuildVersion.current
    )
}
