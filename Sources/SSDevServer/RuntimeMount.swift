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
        // The seed's levels 0-4: off, errors, calls and pushes (info), their params, debug.
        runtime.logLevel = ActionLogLevel(rawValue: min(4, max(0, config.log.level))) ?? .info
        // Per connection and per client address, for WebSocket calls and the HTTP API.
        runtime.limiter(enabled: config.limiter.enabled, perSecond: Double(config.limiter.rps),
                        burst: config.limiter.burst)
        return runtime
    }

    /// A runtime for the app. Actions come from the app's worker once it is running; until
    /// then every call answers `not_found`. State lives in memory, or in Redis when the
    /// config has a `redis` section or SS_REDIS_URL is set (many instances, one Redis).
    /// `consoleToken` enables `/_ss/console` for `ssbuild console`.
    public static func make(_ config: AppConfig, actions: ActionRegistry = ActionRegistry(), consoleToken: String? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Runtime {
        var runtime = configuration(config)
        runtime.consoleToken = consoleToken
        return Runtime(configuration: runtime, actions: actions, stores: try stores(config, environment: environment))
    }

    /// The stores for the config: Redis when configured, else in memory.
    public static func stores(_ config: AppConfig, environment: [String: String]) throws -> RuntimeStores {
        let url = environment["SS_REDIS_URL"] ?? config.redis?.url
        guard let url else { return .inMemory() }
        let prefix = environment["SS_REDIS_PREFIX"] ?? config.redis?.prefix ?? "ss:"
        #if canImport(CHiredis)
        // Call ids are shared through Redis too: a call a browser resends to another
        // instance (its first one died) still runs once. Two Redis round trips per call.
        return try RedisEngine(url: url, prefix: prefix).stores(
            sessionIdleTimeout: .seconds(config.session.idleTimeout),
            callWindow: RuntimeConfiguration().dedupWindow)
        #else
        throw RuntimeMountError("this ssbuild was built without hiredis; Redis stores are not available")
        #endif
    }

    /// The browser client the page loads after the module runtime (the `SS` object:
    /// `SS.server`, `SS.events`, `SS.socket`).
    public static func clientScript(env: String) -> String {
        RuntimeClientScript.source(env: env)
    }

    /// The TLS settings for `ssl.enabled` (paths relative to the app root), checked now so a
    /// missing or mismatched certificate stops the server before it listens.
    public static func tls(_ config: AppConfig, root: String) throws -> RuntimeTLSConfiguration? {
        guard config.ssl.enabled else { return nil }
        guard let cert = config.ssl.cert, let key = config.ssl.key else {
            throw RuntimeMountError("ssl.enabled needs ssl.cert and ssl.key (PEM files)")
        }
        let absolute = { (path: String) in path.hasPrefix("/") ? path : root + "/" + path }
        let tls = RuntimeTLSConfiguration(certificatePath: absolute(cert), privateKeyPath: absolute(key))
        try tls.validate()
        return tls
    }

    /// The controller that builds and runs the app's server code for `runtime`, or nil when
    /// the config turns server code off. The SDK is found by `SDKLocator`.
    public static func worker(
        _ config: AppConfig, root: String, runtime: Runtime, configuration: WorkerBuilder.Configuration
    ) -> AppWorkerController? {
        guard config.server.enabled else { return nil }
        let sdk = SDKLocator.locate(for: config.server, appRoot: root)
        var options = SharedCodeEngine.Options()
        options.env = config.env
        options.console = { level, text in
            FileHandle.standardError.write(Data("[shared \(level)] \(text)\n".utf8))
        }
        return AppWorkerController(
            builder: WorkerBuilder(appRoot: root, sdkPath: sdk, configuration: configuration), runtime: runtime,
            sharedCode: SharedCodeEngine(root: root, options: options))
    }
}

/// A runtime that cannot be set up as configured.
public struct RuntimeMountError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
