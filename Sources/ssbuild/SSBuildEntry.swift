import ArgumentParser
import Foundation

/// The process entry: `compile` through its own small parser when it can
/// (`CompileFastPath`), everything else through ArgumentParser's async main.
///
/// ```sh
/// ssbuild compile --minify lib.js   # synchronous: no command tree, no concurrency runtime
/// ssbuild watch                     # SSBuildCommand.main() on the main actor, as before
/// ```
@main
enum SSBuildEntry {
    static func main() {
        if let status = CompileFastPath.run(CommandLine.arguments) { exit(status) }
        // What an `async` `@main` does: run the command as a main-actor task while the main
        // queue is drained, and exit with 0 when it returns (it exits by itself on errors).
        Task { @MainActor in
            await SSBuildCommand.main()
            exit(0)
        }
        dispatchMain()
    }
}
