import NIOCore
import NIOWebSocket

/// Takes a runtime connection's text messages off the event loop, ahead of
/// hummingbird-websocket's async stream, and writes the connection's frames straight to the
/// channel. A call then costs no stream hand-offs and no resumption of a per-connection
/// reader task (bench/ws/results.md, sitting 5).
///
/// Only complete, unextended text frames within the size limit are taken; everything else
/// (ping, pong, close, fragments, binary, oversized frames) goes on down the pipeline, where
/// hummingbird-websocket and the runtime's reader loop handle it as before.
///
/// The hand-over is ordered: the handler starts by holding the frames it would take and
/// sends a marker message down the pipeline. When the reader loop reaches the marker, every
/// message that arrived before the handler has been handled, and `activate` replays the held
/// frames and takes every later one at once.
final class FastPathFrameHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    /// The marker's text: not JSON, and unique per connection, so no client can forge it.
    let marker: String
    private let maxMessageSize: Int
    private var context: ChannelHandlerContext?
    private var held: [WebSocketFrame] = []
    private var connection: Connection?
    private var onText: ((String) -> Void)?
    private var passingFragments = false
    private var closing = false
    private var inReadBurst = false
    private var needsFlush = false

    init(maxMessageSize: Int, marker: String) {
        self.maxMessageSize = maxMessageSize
        self.marker = marker
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        var buffer = context.channel.allocator.buffer(capacity: marker.utf8.count)
        buffer.writeString(marker)
        context.fireChannelRead(wrapInboundOut(WebSocketFrame(fin: true, opcode: .text, data: buffer)))
        context.fireChannelReadComplete()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        connection = nil
        onText = nil
    }

    /// Starts taking messages: the held ones first, in order. On the event loop.
    func activate(connection: Connection, onText: @escaping (String) -> Void) {
        self.connection = connection
        self.onText = onText
        let replay = held
        held = []
        inReadBurst = true
        for frame in replay { onText(String(buffer: frame.unmaskedData)) }
        inReadBurst = false
        flushIfNeeded()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard takes(frame) else {
            context.fireChannelRead(data)
            return
        }
        inReadBurst = true
        if let onText {
            onText(String(buffer: frame.unmaskedData))
        } else {
            held.append(frame)
        }
    }

    /// Whether the frame is one this handler answers; tracks fragments and the close.
    private func takes(_ frame: WebSocketFrame) -> Bool {
        if closing { return false }
        switch frame.opcode {
        case .connectionClose:
            closing = true
            return false
        case .continuation:
            if frame.fin { passingFragments = false }
            return false
        case .text, .binary:
            if passingFragments || !frame.fin {
                passingFragments = true
                return false
            }
            return frame.opcode == .text && frame.reservedBits.isEmpty && frame.length <= maxMessageSize
        default:
            return false
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        inReadBurst = false
        flushIfNeeded()
        context.fireChannelReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable, let connection { drain(connection) }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        connection?.queue.finish()
        connection = nil
        onText = nil
        held = []
        context.fireChannelInactive()
    }

    /// Writes the connection's queued frames while the socket takes them. On the event loop,
    /// by the queue's one writer: stopping while the socket is full keeps the writer role, and
    /// writability resumes it, so the queue's bound still measures an unread client.
    func drain(_ connection: Connection) {
        guard let context, context.channel.isActive else {
            connection.queue.finish()
            _ = connection.queue.next()
            return
        }
        while context.channel.isWritable {
            guard let text = connection.queue.next() else { break }
            if text == Connection.closeMarker {
                flushIfNeeded(force: true)
                connection.reachedQueuedClose()
                return
            }
            var buffer = context.channel.allocator.buffer(capacity: text.utf8.count)
            buffer.writeString(text)
            context.write(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .text, data: buffer)), promise: nil)
            needsFlush = true
        }
        if !inReadBurst { flushIfNeeded() }
    }

    private func flushIfNeeded(force: Bool = false) {
        guard needsFlush, let context else { return }
        if inReadBurst, !force { return }
        needsFlush = false
        context.flush()
    }
}

/// The fast path's handler and its event loop, for the connection's senders on any thread.
struct FastPathLink: @unchecked Sendable {
    let eventLoop: any EventLoop
    /// Touched only on `eventLoop` (hence unchecked).
    let handler: FastPathFrameHandler
    /// Runs tasks on `eventLoop`: for the runtime's own code around a worker call, which
    /// never blocks, so a call's reply needs no hop back to the loop.
    let executor: EventLoopTaskExecutor

    /// Drains now when on the loop, else schedules it there.
    func drain(_ connection: Connection) {
        if eventLoop.inEventLoop {
            handler.drain(connection)
        } else {
            eventLoop.execute { handler.drain(connection) }
        }
    }
}

/// A task executor that runs jobs on one NIO event loop. Only for code that never blocks:
/// everything else on that loop waits while a job runs.
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
