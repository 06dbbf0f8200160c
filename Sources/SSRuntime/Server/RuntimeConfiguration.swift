import Foundation
import SSActions

/// Settings of the real-time runtime. Every field has a default, so `.init()` is a working
/// development setup.
///
///     var config = RuntimeConfiguration(env: "production")
///     config.allowedOrigins = ["https://chat.example.com"]
///     config.apiPrefix = "v1"
public struct RuntimeConfiguration: Sendable {
    /// Rate limit: `burst` calls at once, refilled at `perSecond`.
    public struct RateLimit: Sendable, Equatable {
        public var burst: Int
        public var perSecond: Double
        public init(burst: Int, perSecond: Double) {
            self.burst = burst
            self.perSecond = perSecond
        }
    }

    /// `development`, `staging`, `production` or any name. Error details (`detail`) and
    /// browser console logging happen only in development.
    public var env: String
    /// Origins allowed to open the WebSocket (e.g. `https://app.example.com`). Empty means
    /// same origin as the `Host` header; `"*"` allows any.
    public var allowedOrigins: [String]
    /// Largest accepted WebSocket message or HTTP body, in bytes.
    public var maxMessageSize: Int
    /// Serve the automatic HTTP API (`api.enabled`).
    public var apiEnabled: Bool
    /// Its path prefix without slashes (`api.prefix`).
    public var apiPrefix: String
    /// The WebSocket endpoint path.
    public var webSocketPath: String
    /// How often the browser sends `ping`.
    public var heartbeatInterval: Duration
    /// Silence after which either side drops the connection.
    public var heartbeatTimeout: Duration
    /// 0 off, 1 errors, 2 calls and events (with durations), 3 with params, 4 debug.
    public var logLevel: ActionLogLevel
    /// Where log lines go; standard error by default.
    public var logSink: @Sendable (ActionLogLevel, String) -> Void
    /// Per-connection call rate limit (nil: off).
    public var rateLimit: RateLimit?
    /// Per-client-address HTTP API rate limit (nil: off).
    public var apiRateLimit: RateLimit?
    /// Per-client-address limit shared by the WebSocket calls of all the address's
    /// connections and its HTTP API requests (nil: off). Needs a request context with the
    /// peer address (`RuntimeRequestContext`). Behind a proxy every client has the proxy's
    /// address, so leave it off there (or limit at the proxy).
    public var addressRateLimit: RateLimit?
    /// Peers whose `X-Forwarded-For` is believed (a reverse proxy such as nginx): for them
    /// the client address (`context.ip`, the per-address limits) is the last address in that
    /// header that is not itself a trusted proxy. Loopback by default.
    public var trustedProxies: [String]
    /// Calls running at once per connection.
    public var maxInFlightPerConnection: Int
    /// Send queue bound per connection; overflow disconnects the client (close 4001).
    public var sendQueueMaxMessages: Int
    public var sendQueueMaxBytes: Int
    /// How long call ids are remembered per session to stop double execution.
    public var dedupWindow: Duration
    public var dedupCapacity: Int
    /// An action running longer is answered with `timeout` (nil: no limit).
    public var actionTimeout: Duration?
    /// The session cookie's name.
    public var sessionCookieName: String
    /// Add `Secure` to the session cookie (set it when serving over TLS).
    public var secureCookies: Bool
    /// Enables `/_ss/console` for `ssbuild console` with this shared secret (nil: off).
    public var consoleToken: String?
    /// Take text messages and write frames on the channel's event loop (see
    /// `FastPathFrameHandler`); off: every frame goes through hummingbird-websocket's async
    /// stream and writer. Behaviour is the same either way; the tests run both.
    public var webSocketFastPath = true
    /// Run in-process actions' WebSocket calls on the connection's event loop instead of
    /// the cooperative pool (needs the fast path). Saves a thread hop per call (at 100
    /// connections 14-18% of the server's CPU per call and most context switches; no gain
    /// measured at 1,000 and more), but an action that blocks (a busy loop, a synchronous
    /// read) then stalls every connection of its event loop, and `actionTimeout` cannot
    /// answer until it returns: the node.js trade-off. For embedders whose actions only
    /// await; off by default. Actions in a worker process are not affected (their calls
    /// always run on the event loop: that code never blocks).
    public var inProcessActionsOnEventLoop = false

    public init(
        env: String = "development",
        allowedOrigins: [String] = [],
        maxMessageSize: Int = 1 << 20,
        apiEnabled: Bool = true,
        apiPrefix: String = "api",
        webSocketPath: String = "/_ss/ws",
        heartbeatInterval: Duration = .seconds(25),
        heartbeatTimeout: Duration = .seconds(60),
        logLevel: ActionLogLevel = .info,
        logSink: @escaping @Sendable (ActionLogLevel, String) -> Void = RuntimeConfiguration.standardErrorSink,
        rateLimit: RateLimit? = RateLimit(burst: 200, perSecond: 100),
        apiRateLimit: RateLimit? = nil,
        addressRateLimit: RateLimit? = nil,
        trustedProxies: [String] = ["127.0.0.1", "::1"],
        maxInFlightPerConnection: Int = 64,
        sendQueueMaxMessages: Int = 1024,
        sendQueueMaxBytes: Int = 8 << 20,
        dedupWindow: Duration = .seconds(120),
        dedupCapacity: Int = 1000,
        actionTimeout: Duration? = .seconds(30),
        sessionCookieName: String = "ss_session",
        secureCookies: Bool = false,
        consoleToken: String? = nil
    ) {
        self.consoleToken = consoleToken
        self.env = env
        self.allowedOrigins = allowedOrigins
        self.maxMessageSize = maxMessageSize
        self.apiEnabled = apiEnabled
        self.apiPrefix = apiPrefix
        self.webSocketPath = webSocketPath
        self.heartbeatInterval = heartbeatInterval
        self.heartbeatTimeout = heartbeatTimeout
        self.logLevel = logLevel
        self.logSink = logSink
        self.rateLimit = rateLimit
        self.apiRateLimit = apiRateLimit
        self.addressRateLimit = addressRateLimit
        self.trustedProxies = trustedProxies
        self.maxInFlightPerConnection = maxInFlightPerConnection
        self.sendQueueMaxMessages = sendQueueMaxMessages
        self.sendQueueMaxBytes = sendQueueMaxBytes
        self.dedupWindow = dedupWindow
        self.dedupCapacity = dedupCapacity
        self.actionTimeout = actionTimeout
        self.sessionCookieName = sessionCookieName
        self.secureCookies = secureCookies
    }

    public var isDevelopment: Bool { env == "development" }

    /// Applies the app config's `limiter` section: `burst` calls at once and `perSecond`
    /// sustained, per connection (WebSocket calls) and per client address (WebSocket calls
    /// of all its connections plus HTTP API requests); disabled turns all three limits off.
    ///
    ///     runtime.limiter(enabled: config.limiter.enabled, perSecond: Double(config.limiter.rps),
    ///                     burst: config.limiter.burst)
    public mutating func limiter(enabled: Bool, perSecond: Double, burst: Int) {
        let limit = enabled ? RateLimit(burst: burst, perSecond: perSecond) : nil
        rateLimit = limit
        addressRateLimit = limit
        apiRateLimit = nil
    }

    public static let standardErrorSink: @Sendable (ActionLogLevel, String) -> Void = { level, message in
        let tag: String
        switch level {
        case .error: tag = "error"
        case .debug: tag = "debug"
        default: tag = "ss"
        }
        FileHandleSink.write("[\(tag)] \(message)\n")
    }

    var machineConfiguration: ConnectionStateMachine.Configuration {
        .init(
            maxMessageSize: maxMessageSize,
            rateLimit: rateLimit.map { .init(burst: $0.burst, perSecond: $0.perSecond) },
            maxInFlight: maxInFlightPerConnection,
            heartbeatTimeout: heartbeatTimeout)
    }
}

enum FileHandleSink {
    static func write(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }
}
