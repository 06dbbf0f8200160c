import Foundation
import SSActions

/// The typed configuration of an ssbuild app, as `ConfigLoader` builds it from the
/// built-in preset of the environment, `config/app.{json,yml}`,
/// `config/environments/<env>.{json,yml}` and `SS_*` environment variables.
/// Keys and defaults are listed in `docs/config.md`.
///
/// ```swift
/// let config = try ConfigLoader.load(projectRoot: "/srv/chat", env: "production",
///                                    environment: ProcessInfo.processInfo.environment,
///                                    resolver: DiskResolver())
/// config.port              // 3000
/// config.assets.minify     // true
/// ```
///
/// Adding a section: add a `Codable` struct here and its defaults to `AppConfig+Presets.swift`;
/// unknown-key and type checking come with the decoder.
public struct AppConfig: Codable, Sendable, Equatable {
    /// The environment name (`development`, `staging`, `production` or any `[a-z0-9_-]+`).
    /// Chosen by `--env` or `SS_ENV`; config files cannot set it.
    public var env: String
    /// TCP port of the HTTP/WebSocket server.
    public var port: Int
    /// Address to bind.
    public var host: String
    public var log: LogConfig
    public var assets: AssetsConfig
    public var api: APIConfig
    public var session: SessionConfig
    /// Redis for sessions and pub/sub across processes; nil keeps everything in memory.
    public var redis: RedisConfig?
    public var limiter: LimiterConfig
    public var ssl: SSLConfig
    public var rpc: RPCConfig
    public var views: ViewsConfig
    public var server: ServerConfig

    /// Server log verbosity.
    public struct LogConfig: Codable, Sendable, Equatable {
        /// 0 silent, 1 errors, 2 warnings and start-up, 3 info (requests, RPC calls), 4 debug.
        public var level: Int
    }

    /// Asset pipeline output.
    public struct AssetsConfig: Codable, Sendable, Equatable {
        /// Minify JavaScript and CSS.
        public var minify: Bool
        /// Precompressed siblings written beside each asset in `build`/`release`.
        public var compress: [CompressionFormat]
        /// Emit source maps.
        public var sourceMaps: Bool
        /// Releases whose assets stay in `public/assets/` (this one included); at least 1.
        public var keepReleases: Int
    }

    /// A precompression format.
    public enum CompressionFormat: String, Codable, Sendable, CaseIterable {
        case gzip
        case brotli

        public init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let value = CompressionFormat(rawValue: text) else {
                let names = CompressionFormat.allCases.map(\.rawValue).joined(separator: ", ")
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath, debugDescription: "expected one of \(names), not \"\(text)\""))
            }
            self = value
        }
    }

    /// The HTTP API (`/api/users/online.json`).
    public struct APIConfig: Codable, Sendable, Equatable {
        public var enabled: Bool
        /// URL prefix, starting with `/`.
        public var prefix: String
    }

    /// Browser sessions.
    public struct SessionConfig: Codable, Sendable, Equatable {
        /// Seconds without activity after which a session expires.
        public var idleTimeout: Int
        /// Name of the session cookie.
        public var cookieName: String
    }

    /// Redis connection; present only when configured.
    public struct RedisConfig: Codable, Sendable, Equatable {
        /// `redis://[user:password@]host[:port][/db]` or `unix:///path/to/socket`.
        public var url: String
        /// Prefix of every key and channel.
        public var prefix: String

        public init(url: String = RedisConfig.defaultURL, prefix: String = RedisConfig.defaultPrefix) {
            self.url = url
            self.prefix = prefix
        }

        public static let defaultURL = "redis://127.0.0.1:6379/0"
        public static let defaultPrefix = "ss:"

        /// Both keys are optional in files: `redis: {}` turns Redis on with the defaults.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            url = try container.decodeIfPresent(String.self, forKey: .url) ?? Self.defaultURL
            prefix = try container.decodeIfPresent(String.self, forKey: .prefix) ?? Self.defaultPrefix
        }
    }

    /// Per-connection rate limiting of WebSocket messages (token bucket).
    public struct LimiterConfig: Codable, Sendable, Equatable {
        public var enabled: Bool
        /// Sustained messages per second.
        public var rps: Int
        /// Messages allowed in a burst above the sustained rate.
        public var burst: Int
    }

    /// HTTPS.
    public struct SSLConfig: Codable, Sendable, Equatable {
        public var enabled: Bool
        /// PEM certificate chain path (relative to the project root); required when enabled.
        public var cert: String?
        /// PEM private key path; required when enabled.
        public var key: String?
        /// When set, a plain HTTP listener on this port redirects to HTTPS.
        public var redirectPort: Int?
    }

    /// RPC runtime checks.
    public struct RPCConfig: Codable, Sendable, Equatable {
        /// Check each call's params and result against the action's declared types and
        /// report mismatches to the caller (costs time; on in development).
        public var checkContract: Bool
    }

    /// The app's server code (`app/server/**.swift`), built into a worker process.
    public struct ServerConfig: Codable, Sendable, Equatable {
        /// The actions SDK package (ssbuild's `SDK/` folder) the worker builds against;
        /// `ssbuild new` records it. `SSBUILD_SDK` overrides it; null finds the SDK beside
        /// the running ssbuild.
        public var sdk: String?
        /// Build and run the worker (false: serve pages and the runtime without app actions).
        public var enabled: Bool
    }

    /// View rendering.
    public struct ViewsConfig: Codable, Sendable, Equatable {
        /// Extra locals passed to app.jade, any JSON object.
        public var locals: [String: JSONValue]

        /// `locals` as compact, sorted JSON, for `BuildOptions.pageLocalsJSON`.
        public var localsJSON: String { JSONValue.object(locals).jsonText }
    }
}
