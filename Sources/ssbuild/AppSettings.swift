import ArgumentParser
import Foundation
import SSBuild

/// The settings a command needs, read from the app's config for the chosen environment.
struct AppSettings {
    var env: String
    var minify: Bool
    var compression: ReleaseCompression
    var pageLocalsJSON: String
    var host: String
    var port: Int

    static func load(project: ProjectOptions, defaultEnv: String) throws -> AppSettings {
        let env = project.env ?? ProcessInfo.processInfo.environment["SS_ENV"] ?? defaultEnv
        let development = env == "development"
        return AppSettings(env: env, minify: !development,
                           compression: development ? .none : ReleaseCompression(),
                           pageLocalsJSON: "{}", host: "127.0.0.1", port: 3000)
    }
}
