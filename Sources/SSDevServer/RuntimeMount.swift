import Foundation
import SSActions
import SSBuild
import SSRuntime

/// Builds the real-time runtime a server mounts next to its pages, from the app config.
public enum RuntimeMount {
    /// The runtime configuration for an app: API switch and prefix, session cookie, log
    /// level, and same-origin WebSockets unless the config lists other origins.
    public static func configuration(_ config: AppConfig) -> RuntimeConfiguration {
        var runtime = RuntimeConfiguration(env: config.env)
        runtime.apiEnabled = config.api.enabled
        runtime.apiPrefix = config.api.prefix.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        runtime.sessionCookieName = config.session.cookieName
        runtime.secureCookies = config.ssl.enabled
        if !config.limiter.enabled { runtime.rateLimit = nil }
        return runtime
    }

    /// A runtime for the app. Actions come from the app's worker once it is running; until
    /// then every call answers `not_found`.
    public static func make(_ config: AppConfig, actions: ActionRegistry = ActionRegistry()) -> Runtime {
        Runtime(configuration: configuration(config), actions: actions)
    }

    /// The browser client the page loads after the module runtime, or "" while pages
    /// should not connect. Apps' Swift actions run in a supervised worker process; until
    /// `watch`/`serve` start that worker, a page that connected would call into an empty
    /// API tree (`SS.server.app` undefined), so the client is not bundled yet.
    public static func clientScript(env: String) -> String {
        bundlesClient ? RuntimeClientScript.source(env: env) : ""
    }

    /// Whether pages get the real-time client (see `clientScript`).
    public static let bundlesClient = false
}
