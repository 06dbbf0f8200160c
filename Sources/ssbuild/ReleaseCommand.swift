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
            """)

    @OptionGroup var project: ProjectOptions

    func run() throws {
        try ReleaseRunner.run(project: project, defaultEnv: "production")
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
    static func run(project: ProjectOptions, defaultEnv: String) throws {
        let clock = ContinuousClock()
        let start = clock.now
        let config = try AppSettings.load(project: project, defaultEnv: defaultEnv)
        let report = ReleaseBuilder(root: project.rootPath, settings: config.release).run()
        DiagnosticPrinter.print(report.diagnostics)
        guard report.succeeded else {
            DiagnosticPrinter.fail("release failed; public/ was not changed")
            throw ExitCode.failure
        }
        print(report.summary(duration: clock.now - start))
    }
}
