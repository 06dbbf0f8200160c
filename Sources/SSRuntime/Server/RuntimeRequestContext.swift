import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// A request context for hosts of the runtime that want everything it can do: the peer
/// address (for `context.ip` and the HTTP API rate limit) and the channel (so a client that
/// stops reading can be cut off at once). `BasicWebSocketRequestContext` also works, without
/// those two.
///
///     let router = Router(context: RuntimeRequestContext.self)
///     runtime.register(on: router)
public struct RuntimeRequestContext: RequestContext, WebSocketRequestContext, RemoteAddressRequestContext,
    ChannelCarryingContext
{
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.webSocket = .init()
        self.channel = source.channel
    }

    public var remoteAddress: SocketAddress? { channel.remoteAddress }
}

/// A context that exposes its connection's channel, so the runtime can close it hard.
public protocol ChannelCarryingContext {
    var channel: any Channel { get }
}
