import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// A text-message WebSocket client on NIO, as thin as it can be: connect and upgrade,
/// then pump strings out and in until either side closes.
///
/// Why not hummingbird-websocket's `WSClient`: it always sends an `Origin` header
/// (`ws://host`), and the runtime's console endpoint refuses every request with an
/// `Origin`, so that browsers can never open it.
///
///     guard let channel = try await ConsoleSocket.connect(host: "127.0.0.1", port: 3000, path: "/_ss/console?token=t")
///     else { /* the server said no (not 101) */ }
///     try await ConsoleSocket.pump(channel, outgoing: lines) { reply in print(reply) }
enum ConsoleSocket {
    typealias Channel = NIOAsyncChannel<WebSocketFrame, WebSocketFrame>

    /// Largest message accepted from the server (a big result, the API tree).
    static let maxMessageSize = 64 << 20

    private enum Upgrade: Sendable {
        case websocket(Channel)
        case declined
    }

    /// The port accepted the connection but did not answer the upgrade in time (a stopped
    /// server, or something that is not HTTP).
    struct NoAnswer: Error, Equatable {}

    /// Connects and upgrades; nil when the server answers the upgrade with anything but 101.
    static func connect(host: String, port: Int, path: String, answerTimeout: TimeAmount = .seconds(10))
        async throws -> Channel?
    {
        let started = ContinuousClock.now
        let upgrade: EventLoopFuture<Upgrade> = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let upgrader = NIOTypedWebSocketClientUpgrader<Upgrade>(
                        maxFrameSize: maxMessageSize,
                        upgradePipelineHandler: { channel, _ in
                            channel.eventLoop.makeCompletedFuture {
                                // Collates fragmented messages, so the pump sees whole ones.
                                try channel.pipeline.syncOperations.addHandler(
                                    NIOWebSocketFrameAggregator(
                                        minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 1 << 16,
                                        maxAccumulatedFrameSize: maxMessageSize))
                                return Upgrade.websocket(try Channel(wrappingChannelSynchronously: channel))
                            }
                        })
                    var headers = HTTPHeaders()
                    headers.add(name: "Host", value: "\(host):\(port)")
                    headers.add(name: "Content-Length", value: "0")
                    let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers)
                    let configuration = NIOTypedHTTPClientUpgradeConfiguration(
                        upgradeRequestHead: head, upgraders: [upgrader],
                        notUpgradingCompletionHandler: { channel in
                            channel.close(promise: nil)
                            return channel.eventLoop.makeCompletedFuture { Upgrade.declined }
                        })
                    var pipeline = NIOUpgradableHTTPClientPipelineConfiguration(upgradeConfiguration: configuration)
                    // Frames the server sends right behind its 101 (the runtime's `init`) arrive in
                    // the same read as the response; the default strategy would drop them.
                    pipeline.leftOverBytesStrategy = .forwardBytes
                    let negotiated = try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(
                        configuration: pipeline)
                    let deadline = channel.eventLoop.scheduleTask(in: answerTimeout) { channel.close(promise: nil) }
                    negotiated.whenComplete { _ in deadline.cancel() }
                    return negotiated
                }
            }
        let outcome: Upgrade
        do {
            outcome = try await upgrade.get()
        } catch {
            let waited = ContinuousClock.now - started
            if waited >= .nanoseconds(answerTimeout.nanoseconds) { throw NoAnswer() }
            throw error
        }
        switch outcome {
        case .websocket(let channel): return channel
        case .declined: return nil
        }
    }

    /// Sends each string of `outgoing` as a text message and hands every text message
    /// received to `onText`; answers pings. Finishing `outgoing` sends a close frame; the
    /// pump returns once the server closes (or the connection drops), and the channel is
    /// closed then.
    static func pump(
        _ channel: Channel, outgoing: AsyncStream<String>, onText: @escaping @Sendable (String) -> Void
    ) async throws {
        try await channel.executeThenClose { inbound, outbound in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await text in outgoing {
                        try await outbound.write(masked(.text, ByteBuffer(string: text)))
                    }
                    if !Task.isCancelled { try await outbound.write(closeFrame()) }
                }
                for try await frame in inbound {
                    switch frame.opcode {
                    case .text:
                        onText(String(buffer: frame.unmaskedData))
                    case .ping:
                        try await outbound.write(masked(.pong, frame.unmaskedData))
                    case .connectionClose:
                        // Echo the close (the server may have started it), then stop reading.
                        try? await outbound.write(closeFrame())
                        group.cancelAll()
                        return
                    default:
                        break
                    }
                }
                group.cancelAll()
            }
        }
    }

    /// Client frames are masked (RFC 6455 §5.3); NIO's encoder applies the key.
    private static func masked(_ opcode: WebSocketOpcode, _ data: ByteBuffer) -> WebSocketFrame {
        WebSocketFrame(fin: true, opcode: opcode, maskKey: .random(), data: data)
    }

    private static func closeFrame() -> WebSocketFrame {
        var data = ByteBuffer()
        data.write(webSocketErrorCode: .normalClosure)
        return masked(.connectionClose, data)
    }
}
