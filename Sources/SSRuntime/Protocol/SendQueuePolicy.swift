/// Bounds one connection's outgoing queue. A client that reads slower than the server
/// writes fills the queue; the next frame that does not fit disconnects it, so one slow
/// browser can neither grow server memory nor stall a broadcast.
struct SendQueuePolicy: Equatable, Sendable {
    var maxMessages: Int
    var maxBytes: Int

    /// Whether a frame of `bytes` may join a queue holding `messages` frames of `queuedBytes`.
    func admits(messages: Int, queuedBytes: Int, adding bytes: Int) -> Bool {
        messages < maxMessages && queuedBytes + bytes <= maxBytes
    }
}
