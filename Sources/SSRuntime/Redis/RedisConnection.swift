#if canImport(CHiredis)
import NIOCore
import NIOPosix

/// One TCP connection to Redis on a SwiftNIO channel. Commands may be sent from any task;
/// they are pipelined (no waiting for one reply before the next request goes out).
/// It does not reconnect: `RedisClient` owns that.
///
///     let c = try await RedisConnection.connect(to: config)
///     let pong = try await c.send(["PING"])
final class RedisConnection: Sendable {
    let channel: any Channel

    private init(channel: any Channel) { self.channel = channel }

    /// Opens the socket and, if configured, authenticates and selects the database.
    /// A subscriber connection (non-nil `onPush`) never selects: pub/sub ignores databases.
    static func connect(
        to config: RedisConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        onPush: (@Sendable (RESPValue) -> Void)? = nil
    ) async throws -> RedisConnection {
        let timeout = TimeAmount.nanoseconds(Int64(max(config.commandTimeout.redisMilliseconds, 1)) * 1_000_000)
        let initializer: @Sendable (any Channel) -> EventLoopFuture<Void> = { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(
                    RedisChannelHandler(commandTimeout: timeout, onPush: onPush))
            }
        }
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.milliseconds(max(config.connectTimeout.redisMilliseconds, 1)))
        let channel: any Channel
        if let path = config.unixSocketPath {
            channel = try await bootstrap.channelInitializer(initializer).connect(unixDomainSocketPath: path).get()
        } else {
            channel = try await bootstrap.channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer(initializer).connect(host: config.host, port: config.port).get()
        }
        let connection = RedisConnection(channel: channel)
        // Connecting to a local port nobody listens on can "succeed" by TCP self-connect when
        // the kernel picks that same port as the source; that is not Redis.
        if let local = channel.localAddress, let remote = channel.remoteAddress, local == remote {
            connection.close()
            throw RedisError.unavailable("self-connect on \(config.host):\(config.port)")
        }
        do {
            if let password = config.password {
                if let user = config.username {
                    _ = try await connection.send(["AUTH", user, password])
                } else {
                    _ = try await connection.send(["AUTH", password])
                }
            }
            if onPush == nil, config.database != 0 {
                _ = try await connection.send(["SELECT", String(config.database)])
            }
        } catch {
            connection.close()
            throw error
        }
        return connection
    }

    /// Sends one command; the future completes with its reply (an error reply fails it).
    func write(_ args: [[UInt8]], replies: Int = 1, flush: Bool = true) -> EventLoopFuture<RESPValue> {
        let promise = channel.eventLoop.makePromise(of: RESPValue.self)
        let command = RedisOutboundCommand(args: args, replies: replies, promise: promise)
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { _ in
            if !command.taken { promise.fail(RedisError.connectionClosed) }
        }
        if flush {
            channel.writeAndFlush(command, promise: written)
        } else {
            channel.write(command, promise: written)
        }
        return promise.futureResult
    }

    /// Sends several commands with one flush; the futures complete in order.
    func pipeline(_ commands: [[[UInt8]]]) -> [EventLoopFuture<RESPValue>] {
        var futures = [EventLoopFuture<RESPValue>]()
        futures.reserveCapacity(commands.count)
        for c in commands { futures.append(write(c, flush: false)) }
        channel.flush()
        return futures
    }

    func send(_ args: [[UInt8]]) async throws -> RESPValue {
        try await write(args).get()
    }

    func send(_ args: [String]) async throws -> RESPValue {
        try await write(args.map { Array($0.utf8) }).get()
    }

    var closeFuture: EventLoopFuture<Void> { channel.closeFuture }
    var isActive: Bool { channel.isActive }

    func close() {
        channel.close(promise: nil)
    }
}
#endif
