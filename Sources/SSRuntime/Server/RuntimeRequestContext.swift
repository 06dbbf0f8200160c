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

extension Runtime {
    /// The client's address: the peer's, or for a trusted proxy the last `X-Forwarded-For`
    /// entry that is not a trusted proxy itself (entries further left are client-supplied).
    func clientAddress(_ request: Request, peer: (any RemoteAddressRequestContext)?) -> String? {
        guard let address = peer?.remoteAddress?.ipAddress else { return nil }
        let trusted = configuration.trustedProxies
        guard trusted.contains(address), let forwarded = request.headers[.init("X-Forwarded-For")!] else {
            return address
        }
        let hops = forwarded.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return hops.last { !$0.isEmpty && !trusted.contains($0) } ?? address
    }
}

/// A context that exposes its connection's channel, so the runtime can close it hard.
public protocol ChannelCarryingContext {
    var channel: any Channel { get }
}
