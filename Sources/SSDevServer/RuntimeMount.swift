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
    /// then every call answers `not_found`. State lives in memory, or in Redis when the
    /// config has a `redis` section or SS_REDIS_URL is set (many instances, one Redis).
    public static func make(_ config: AppConfig, actions: ActionRegistry = ActionRegistry(),
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Runtime {
        Runtime(configuration: configuration(config), actions: actions,
                stores: try stores(config, environment: environment))
    }

    /// The stores for the config: Redis when configured, else in memory.
    public static func stores(_ config: AppConfig, environment: [String: String]) throws -> RuntimeStores {
        let url = environment["SS_REDIS_URL"] ?? config.redis?.url
        guard let url else { return .inMemory() }
        let prefix = environment["SS_REDIS_PREFIX"] ?? config.redis?.prefix ?? "ss:"
        #if canImport(CHiredis)
        return try RuntimeStores.redis(url: url, prefix: prefix,
                                       sessionIdleTimeout: .seconds(config.session.idleTimeout))
        #else
        throw RuntimeMountError("this ssbuild was built without hiredis; Redis stores are not available")
        #endif
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

/// A runtime that cannot be set up as configured.
public struct RuntimeMountError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
