import Foundation
import NIOCore
import NIOWebSocket

extension Runtime {
    /// Puts a `FastPathFrameHandler` behind the channel's WebSocket frame decoder. Nil (the
    /// connection then uses the async stream alone) when it is off, when the host's request
    /// context carries no channel, or when the pipeline is not the one expected.
    func installFastPath(on channel: (any Channel)?) async -> FastPathLink? {
        guard configuration.webSocketFastPath, let channel else { return nil }
        let marker = "\u{1}ss-fast-path-" + UUID().uuidString
        let maxMessageSize = configuration.maxMessageSize
        let installed = channel.eventLoop.submit { () -> FastPathLink in
            let handler = FastPathFrameHandler(maxMessageSize: maxMessageSize, marker: marker)
            let operations = channel.pipeline.syncOperations
            let decoder = try operations.context(handlerType: ByteToMessageHandler<WebSocketFrameDecoder>.self)
            try operations.addHandler(handler, position: .after(decoder.handler))
            return FastPathLink(
                eventLoop: channel.eventLoop, handler: handler, executor: EventLoopTaskExecutor(channel.eventLoop))
        }
        do {
            return try await installed.get()
        } catch {
            logger.debug("WebSocket fast path not installed: \(error)")
            return nil
        }
    }

    /// The reader loop reached the marker: from now on the handler takes text messages on
    /// the event loop.
    func activate(_ link: FastPathLink, for connection: Connection) {
        link.eventLoop.execute { [self] in
            link.handler.activate(connection: connection) { [self] text in
                receiveOnEventLoop(text, connection: connection)
            }
        }
    }

    /// One text message taken by the fast path, on the channel's event loop.
    private func receiveOnEventLoop(_ text: String, connection: Connection) {
        let now = clock.now
        let actions = connection.withMachine { $0.receive(text: text, now: now) }
        guard let close = perform(actions, on: connection, now: now) else { return }
        logger.info("closing connection \(connection.id): \(close.reason)")
        Task { await connection.close(code: close.code, reason: close.reason) }
    }
}
