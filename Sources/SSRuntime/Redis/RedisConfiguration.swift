#if canImport(CHiredis)
import Foundation

/// Where the Redis engine connects and how it behaves when Redis goes away.
///
///     var config = try RedisConfiguration(url: "redis://:secret@127.0.0.1:6379/2")
///     config.keyPrefix = "chat:"
///     let stores = RuntimeStores.redis(configuration: config)
public struct RedisConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// A Unix domain socket to use instead of host and port.
    public var unixSocketPath: String?
    /// ACL user name (Redis 6+); nil sends `AUTH password` alone.
    public var username: String?
    public var password: String?
    /// The logical database (`SELECT`); pub/sub is not per database, the key prefix is.
    public var database: Int
    /// Prepended to every key and pub/sub channel, so several apps can share one Redis.
    public var keyPrefix: String
    public var connectTimeout: Duration
    /// A command without a reply for this long closes its connection (and fails the others
    /// waiting on it), so a hung Redis cannot hang callers.
    public var commandTimeout: Duration
    /// Reconnect delays: the first retry after `reconnectInitialDelay`, doubling up to
    /// `reconnectMaxDelay`, with up to 20% jitter.
    public var reconnectInitialDelay: Duration
    public var reconnectMaxDelay: Duration
    /// How often an idle connection is checked with PING (a hung peer then fails the
    /// PING within `commandTimeout` and the connection is replaced).
    public var healthCheckInterval: Duration

    public init(
        host: String = "127.0.0.1", port: Int = 6379, username: String? = nil, password: String? = nil,
        database: Int = 0, keyPrefix: String = "ss:"
    ) {
        self.host = host
        self.port = port
        self.unixSocketPath = nil
        self.username = username
        self.password = password
        self.database = database
        self.keyPrefix = keyPrefix
        self.connectTimeout = .seconds(2)
        self.commandTimeout = .seconds(5)
        self.reconnectInitialDelay = .milliseconds(50)
        self.reconnectMaxDelay = .seconds(1)
        self.healthCheckInterval = .seconds(5)
    }

    /// Parses `redis://[[user]:password@]host[:port][/db]` or
    /// `unix:///path/to/redis.sock[?db=N&password=P]`. The password may be percent-encoded.
    /// `rediss://` (TLS) is not supported yet.
    ///
    ///     try RedisConfiguration(url: "redis://localhost")            // port 6379, db 0
    ///     try RedisConfiguration(url: "redis://:pw@10.0.0.5:6380/3")
    ///     try RedisConfiguration(url: "unix:///run/redis/redis.sock?db=2")
    public init(url: String, keyPrefix: String = "ss:") throws {
        self.init(keyPrefix: keyPrefix)
        guard let c = URLComponents(string: url) else { throw RedisError.badURL(url) }
        switch c.scheme?.lowercased() {
        case "redis": try parseTCP(c, url)
        case "unix": try parseUnix(c, url)
        case "rediss": throw RedisError.badURL("TLS (rediss://) is not supported yet")
        default: throw RedisError.badURL("expected redis://host:port/db or unix:///path, got \(url)")
        }
    }

    private mutating func parseTCP(_ c: URLComponents, _ url: String) throws {
        guard let host = c.host, !host.isEmpty else { throw RedisError.badURL("no host in \(url)") }
        self.host = host
        if let port = c.port {
            guard (1...65535).contains(port) else { throw RedisError.badURL("bad port in \(url)") }
            self.port = port
        }
        if let user = c.user, !user.isEmpty { self.username = user.removingPercentEncoding ?? user }
        if let pw = c.password, !pw.isEmpty { self.password = pw.removingPercentEncoding ?? pw }
        let path = c.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        if !path.isEmpty { try setDatabase(path, url) }
    }

    private mutating func parseUnix(_ c: URLComponents, _ url: String) throws {
        guard c.path.hasPrefix("/"), c.path.count > 1 else { throw RedisError.badURL("no socket path in \(url)") }
        self.unixSocketPath = c.path
        for item in c.queryItems ?? [] {
            guard let value = item.value, !value.isEmpty else { continue }
            switch item.name {
            case "db": try setDatabase(value, url)
            case "password": self.password = value
            case "user": self.username = value
            default: throw RedisError.badURL("unknown option \(item.name) in \(url)")
            }
        }
    }

    private mutating func setDatabase(_ text: String, _ url: String) throws {
        guard let db = Int(text), db >= 0 else { throw RedisError.badURL("bad database \"\(text)\" in \(url)") }
        self.database = db
    }

    /// The URL without the password, for logs.
    public var redactedURL: String {
        if let unixSocketPath { return "unix://\(unixSocketPath)?db=\(database)" }
        let auth = password == nil ? "" : "\(username ?? ""):***@"
        return "redis://\(auth)\(host):\(port)/\(database)"
    }
}

extension Duration {
    /// Whole milliseconds, the unit Redis scores and TTLs use here.
    var redisMilliseconds: Int64 {
        let (s, atto) = components
        return s * 1000 + atto / 1_000_000_000_000_000
    }
}
#endif
