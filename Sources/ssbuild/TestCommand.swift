import ArgumentParser
import Foundation
import SSBuild
import SSDevServer

struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the tests of the app's server actions (test/server/**.swift).",
        discussion: """
            Builds the app's server package (.ssbuild/worker) with its tests and runs
            `swift test` in it; arguments after `--` go to `swift test` (e.g. `-- --filter Square`).
            Tests import SSTesting and call actions in-process with ActionTester.
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(parsing: .postTerminator, help: "Arguments passed to `swift test`.")
    var swiftTestArguments: [String] = []

    func run() async throws {
        let config = try AppSettings.load(project: project, defaultEnv: "development")
        let root = project.rootPath
        let sdk = SDKLocator.locate(for: config.config.server, appRoot: root)
        let builder = WorkerBuilder(appRoot: root, sdkPath: sdk)
        guard builder.hasTests else {
            DiagnosticPrinter.fail("\(root)/test/server has no .swift tests")
            throw ExitCode.failure
        }
        switch builder.test(arguments: swiftTestArguments) {
        case .success(let output):
            FileHandle.standardOutput.write(Data(output.text.utf8))
            if output.status != 0 { throw ExitCode(output.status) }
        case .failure(let prepared):
            if case .failed(let diagnostics) = prepared.outcome { DiagnosticPrinter.print(diagnostics) }
            throw ExitCode.failure
        }
    }
}
