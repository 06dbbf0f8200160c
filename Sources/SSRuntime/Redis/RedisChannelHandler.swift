#if canImport(CHiredis)
import NIOCore

/// One command on its way to Redis: its arguments, how many replies close it (a
/// `SUBSCRIBE a b` gets one confirmation per channel) and the promise those replies fulfil.
///
/// `taken` says whether the handler owns the promise. A write on a channel that already
/// closed never reaches the handler (NIO removed it); the writer then fails the promise
/// itself, and only then, so a promise is never completed twice.
final class RedisOutboundCommand: @unchecked Sendable {
    // `taken` is read and written only on the channel's event loop.
    let args: [[UInt8]]
    let replies: Int
    let promise: EventLoopPromise<RESPValue>
    var taken = false

    init(args: [[UInt8]], replies: Int, promise: EventLoopPromise<RESPValue>) {
        self.args = args
        self.replies = replies
        self.promise = promise
    }
}

/// The RESP codec and request matcher of one Redis connection.
///
/// Replies come back in request order, so pending promises sit in a FIFO; many commands can be
/// in flight at once (pipelining). On a subscriber connection, `message` and `pmessage`
/// arrays are pushes, not replies: they go to `onPush` and never touch the FIFO.
/// Any reader error, close or timeout fails every pending promise: the reader is unusable
/// after an error and a reply could otherwise be matched with the wrong request.
final class RedisChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = RedisOutboundCommand
    typealias OutboundOut = ByteBuffer

    private struct Pending {
        let promise: EventLoopPromise<RESPValue>
        var remaining: Int
        let deadline: NIODeadline
    }

    private let reader = RESPReader()
    private var pending = CircularBuffer<Pending>()
    private var closed = false
    private var timer: Scheduled<Void>?
    private let commandTimeout: TimeAmount
    private let onPush: (@Sendable (RESPValue) -> Void)?

    /// `onPush` non-nil makes this a subscriber connection.
    init(commandTimeout: TimeAmount, onPush: (@Sendable (RESPValue) -> Void)?) {
        self.commandTimeout = commandTimeout
        self.onPush = onPush
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let command = unwrapOutboundIn(data)
        command.taken = true
        guard !closed else {
            command.promise.fail(RedisError.connectionClosed)
            promise?.fail(RedisError.connectionClosed)
            return
        }
        var buffer = context.channel.allocator.buffer(capacity: 64)
        RESPFormatter.format(command.args) { buffer.writeBytes($0) }
        pending.append(
            Pending(
                promise: command.promise, remaining: max(1, command.replies),
                deadline: .now() + commandTimeout))
        armTimer(context: context)
        context.write(wrapOutboundOut(buffer), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        do {
            try buffer.withUnsafeReadableBytes { bytes throws(RedisError) in try reader.feed(bytes) }
            while let reply = try reader.next() {
                try route(reply)
            }
        } catch {
            fail(context: context, with: error)
        }
    }

    private func route(_ reply: RESPValue) throws(RedisError) {
        if let onPush, case .array(let items) = reply, let kind = items.first?.string,
            kind == "message" || kind == "pmessage"
        {
            onPush(reply)
            return
        }
        guard !pending.isEmpty else { throw RedisError.protocolError("reply without a request") }
        if case .error(let message) = reply {
            pending.removeFirst().promise.fail(RedisError.server(message))
            return
        }
        pending[pending.startIndex].remaining -= 1
        if pending[pending.startIndex].remaining == 0 {
            pending.removeFirst().promise.succeed(reply)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(RedisError.connectionClosed)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        failAll(RedisError.connectionClosed)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(context: context, with: error)
    }

    private func fail(context: ChannelHandlerContext, with error: any Error) {
        failAll(error)
        context.close(promise: nil)
    }

    private func failAll(_ error: any Error) {
        closed = true
        timer?.cancel()
        timer = nil
        // Callers see RedisError only; a socket error (reset, refused) means the connection is gone.
        let failure = error as? RedisError ?? .connectionClosed
        while let p = pending.popFirst() { p.promise.fail(failure) }
    }

    /// One timer watches the oldest request; later requests cannot time out before it does
    /// without it having timed out first (replies are in order).
    private func armTimer(context: ChannelHandlerContext) {
        guard timer == nil, let head = pending.first else { return }
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(deadline: head.deadline) {
            let (handler, context) = loopBound.value
            handler.timer = nil
            guard let head = handler.pending.first else { return }
            if head.deadline <= .now() {
                handler.fail(context: context, with: RedisError.timeout)
            } else {
                handler.armTimer(context: context)
            }
        }
    }
}
#endif
