import ArgumentParser
import Foundation
import SSBuild
import SSDevServer

/// The app's configuration for the chosen environment, as commands use it.
struct AppSettings {
    var config: AppConfig

    var env: String { config.env }
    var host: String { config.host }
    var port: Int { config.port }
    var pageLocalsJSON: String { config.views.localsJSON }

    /// The release settings: minify and compress as the environment's config says.
    var release: ReleaseBuilder.Settings {
        var settings = ReleaseBuilder.Settings(env: config.env, minify: config.assets.minify,
                                               compression: config.assets.releaseCompression,
                                               pageLocalsJSON: pageLocalsJSON, keep: config.assets.keepReleases,
                                               sourceMaps: config.assets.sourceMaps)
        settings.options.realtimeScript = RuntimeMount.clientScript(env: config.env)
        settings.options.rpcContract = config.rpc.checkContract ? .error : .off
        return settings
    }

    /// Loads presets < config/app < config/environments/ENV < environment variables.
    /// `--env` wins over SS_ENV; with neither, `defaultEnv`.
    static func load(project: ProjectOptions, defaultEnv: String) throws -> AppSettings {
        var environment = ProcessInfo.processInfo.environment
        if project.env == nil, environment["SS_ENV"] == nil { environment["SS_ENV"] = defaultEnv }
        do {
            let config = try ConfigLoader.load(projectRoot: project.rootPath, env: project.env,
                                               environment: environment, resolver: DiskResolver())
            return AppSettings(config: config)
        } catch {
            DiagnosticPrinter.print(error.diagnostics)
            throw ExitCode.failure
        }
    }
}
