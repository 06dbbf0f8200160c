import Foundation

/// Writes lines to a file descriptor from any thread. Lines sent while a write is in
/// progress are batched into the next write, so under load a worker pipe takes one system
/// call per batch instead of one per message; order is kept.
///
///     let out = CoalescingLineWriter(fileDescriptor: 1)
///     out.send(#"{"t":"hello"}"#)
public final class CoalescingLineWriter: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    // Guarded by `lock`.
    private var queued: [UInt8] = []
    private var writing = false
    private var failed = false

    public init(fileDescriptor: Int32) {
        fd = fileDescriptor
    }

    /// Queues `line` and a newline; the caller writes the batch if no one else is writing.
    /// After a write error (the reader went away) lines are dropped.
    public func send(_ line: String) {
        lock.lock()
        guard !failed else {
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
        lock.unlock()
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
