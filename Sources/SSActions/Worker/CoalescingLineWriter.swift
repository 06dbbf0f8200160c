import Foundation

/// Writes lines to a file descriptor from any thread. Lines sent while a write is in
/// progress are batched into the next write, so under load a worker pipe takes one system
/// call per batch instead of one per message; order is kept.
///
/// A writer that owns its descriptor (`closesDescriptor`) is the only one that may close
/// it, through `close()`: a descriptor closed behind its back can be reused at once by a new
/// socket, and the next line would go to that socket's peer.
///
///     let out = CoalescingLineWriter(fileDescriptor: 1)
///     out.send(#"{"t":"hello"}"#)
public final class CoalescingLineWriter: @unchecked Sendable {
    private let fd: Int32
    private let closesDescriptor: Bool
    private let lock = NSLock()
    // Guarded by `lock`.
    private var queued: [UInt8] = []
    private var writing = false
    private var failed = false
    private var closing = false
    private var closed = false

    public init(fileDescriptor: Int32, closesDescriptor: Bool = false) {
        fd = fileDescriptor
        self.closesDescriptor = closesDescriptor
    }

    deinit {
        if closesDescriptor, !closed { _ = Foundation.close(fd) }
    }

    /// Queues `line` and a newline; the caller writes the batch if no one else is writing.
    /// After a write error (the reader went away) or `close()`, lines are dropped.
    public func send(_ line: String) {
        lock.lock()
        guard !failed, !closing else {
            lock.unlock()
            return
        }
        queued.append(contentsOf: line.utf8)
        queued.append(0x0A)
        if writing {
            lock.unlock()
            return
        }
        writing = true
        var batch: [UInt8] = []
        while !queued.isEmpty {
            swap(&batch, &queued)
            lock.unlock()
            let ok = writeAll(batch)
            batch.removeAll(keepingCapacity: true)
            lock.lock()
            if !ok {
                failed = true
                queued = []
            }
        }
        writing = false
        let closeNow = takeCloseLocked()
        lock.unlock()
        if closeNow { _ = Foundation.close(fd) }
    }

    /// Stops taking lines and closes the descriptor (when owned) once the lines already
    /// queued are written: right away if no write is in progress, else by that writer.
    public func close() {
        lock.lock()
        closing = true
        let closeNow = takeCloseLocked()
        lock.unlock()
        if closeNow { _ = Foundation.close(fd) }
    }

    /// Whether the descriptor is to be closed now (by the caller, outside the lock).
    private func takeCloseLocked() -> Bool {
        guard closing, closesDescriptor, !writing, !closed else { return false }
        closed = true
        return true
    }

    /// Whether a write failed (the reader went away); later lines are dropped.
    public var isBroken: Bool {
        lock.lock()
        defer { lock.unlock() }
        return failed
    }

    private func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
    }
}
