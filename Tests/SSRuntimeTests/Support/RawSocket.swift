import Foundation
import NIOCore
import NIOPosix

@testable import SSRuntime

/// A TCP connection for tests that speaks bytes, so tests control every frame and header
/// (oversize frames, not reading at all, bad handshakes). A reader task appends incoming
/// bytes to a buffer; `read` polls it with a deadline.
final class RawSocket: @unchecked Sendable {
    private let channel: any Channel
    private let state: Locked<(buffer: ByteBuffer, eof: Bool)>

    private init(channel: any Channel, state: Locked<(buffer: ByteBuffer, eof: Bool)>) {
        self.channel = channel
        self.state = state
    }

    /// Appends every inbound byte to the shared buffer.
    private final class Collector: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let state: Locked<(buffer: ByteBuffer, eof: Bool)>
        init(state: Locked<(buffer: ByteBuffer, eof: Bool)>) { self.state = state }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var chunk = unwrapInboundIn(data)
            state.withLock { $0.buffer.writeBuffer(&chunk) }
        }
        func channelInactive(context: ChannelHandlerContext) {
            state.withLock { $0.eof = true }
        }
        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }

    /// `smallReceiveBuffer` shrinks the kernel buffer, so a client that stops reading backs
    /// up the server quickly. `source` binds the client to a local address first (e.g.
    /// `127.0.0.2`, to play another client address on loopback). `tls` makes the handler
    /// that goes first in the pipeline (a TLS client), for HTTPS tests.
    static func connect(
        port: Int, smallReceiveBuffer: Bool = false, source: String? = nil, tls: ClientTLS? = nil
    ) async throws -> RawSocket {
        let state = Locked((buffer: ByteBuffer(), eof: false))
        var bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        if let source { bootstrap = bootstrap.bind(to: try SocketAddress(ipAddress: source, port: 0)) }
        let channel = try await bootstrap
            .channelOption(ChannelOptions.socketOption(.so_rcvbuf), value: smallReceiveBuffer ? 4096 : 1 << 18)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(try tls()) }
                    try channel.pipeline.syncOperations.addHandler(Collector(state: state))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawSocket(channel: channel, state: state)
    }

    /// Stops reading from the socket, to play a client that never drains its messages.
    func stopReading() async throws {
        try await channel.setOption(ChannelOptions.autoRead, value: false).get()
    }

    /// Resumes reading.
    func startReading() async throws {
        try await channel.setOption(ChannelOptions.autoRead, value: true).get()
        channel.read()
    }

    func write(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes)).get()
    }

    func write(_ text: String) async throws {
        try await write(Array(text.utf8))
    }

    /// Takes bytes from the buffer with `parse`, polling until it returns non-nil or the
    /// deadline passes. `parse` sees the whole buffer and moves its reader index past what
    /// it used.
    func read<T>(timeout: Duration = .seconds(5), _ parse: (inout ByteBuffer) -> T?) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        while true {
            let (value, closed) = state.withLock { s -> (T?, Bool) in
                var view = s.buffer
                let value = parse(&view)
                if value != nil { s.buffer = view }
                return (value, s.eof)
            }
            if let value { return value }
            if closed { throw SocketClosed() }
            if ContinuousClock.now > deadline { throw ReadTimeout() }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Whether the peer closed the TCP connection within `timeout`.
    func waitForEOF(timeout: Duration = .seconds(5)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if state.withLock({ $0.eof }) { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    func close() {
        channel.close(promise: nil)
    }

    /// Makes a client-side TLS handler for one connection.
    typealias ClientTLS = @Sendable () throws -> any ChannelHandler

    struct SocketClosed: Error {}
    struct ReadTimeout: Error {}
}
