import ArgumentParser
import Foundation
import SSBuild

struct ReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Write fingerprinted, minified, precompressed assets and index.html to public/.",
        discussion: """
            The environment defaults to production. Nothing in public/ changes unless the whole
            build succeeds; the previous release's assets are kept so open pages still load.
            The app's server code (app/server/*.swift) is built too, in release mode, so that
            `ssbuild serve` starts at once and code that does not compile fails the release.
            """)

    @OptionGroup var project: ProjectOptions

    @Flag(inversion: .prefixedNo, help: "Build the app's server code (app/server) for `serve`.")
    var server = true

    func run() throws {
        try ReleaseRunner.run(project: project, defaultEnv: "production", buildServer: server)
    }
}

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the app into public/ for an environment (default: development).",
        discussion: "Like release, with the environment's own settings (development does not minify).")

    @OptionGroup var project: ProjectOptions

    func run() throws {
        try ReleaseRunner.run(project: project, defaultEnv: "development")
    }
}

/// The shared body of `build` and `release`.
enum ReleaseRunner {
    static func run(project: ProjectOptions, defaultEnv: String, buildServer: Bool = false) throws {
        MallocTuning.growHeapsInLargeSteps()
        let clock = ContinuousClock()
        let start = clock.now
        let config = try AppSettings.load(project: project, defaultEnv: defaultEnv)
        if buildServer, config.config.server.enabled {
            let sdk = SDKLocator.locate(for: config.config.server, appRoot: project.rootPath)
            switch WorkerBuilder(appRoot: project.rootPath, sdkPath: sdk, configuration: .release).build() {
            case .noServerCode: break
            case .built(let worker):
                print("  server: \(worker.namespaces.count) namespace(s) built into "
                    + worker.executable.replacingOccurrences(of: project.rootPath + "/", with: ""))
            case .failed(let diagnostics):
                DiagnosticPrinter.print(diagnostics)
                DiagnosticPrinter.fail("release failed: the server code does not build; public/ was not changed")
                throw ExitCode.failure
            }
        }
        let report = ReleaseBuilder(root: project.rootPath, settings: config.release).run()
        DiagnosticPrinter.print(report.diagnostics)
        guard report.succeeded else {
            DiagnosticPrinter.fail("release failed; public/ was not changed")
            throw ExitCode.failure
        }
        print(report.summary(duration: clock.now - start))
    }
}
