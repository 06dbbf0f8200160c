import Foundation

/// A fixed set of long-lived threads that run JavaScriptCore work, first come first served.
///
/// JavaScriptCore registers every thread that enters one of its VMs with the garbage
/// collector, which then scans (and suspends) each of them. Calls hopping over a dispatch
/// or OperationQueue pool enter from an ever-changing set of threads; the same calls on a
/// few fixed threads stay as cheap as a synchronous call. The threads end when the pool is
/// released.
///
///     let threads = ScriptThreads(count: 4, name: "ssbuild.shared-code")
///     let value = try await threads.run { try generation.call(path, arguments) }
final class ScriptThreads: Sendable {
    private final class Queue: @unchecked Sendable {
        let condition = NSCondition()
        var jobs: [@Sendable () -> Void] = []
        var head = 0
        var stopped = false

        func next() -> (@Sendable () -> Void)? {
            condition.lock()
            defer { condition.unlock() }
            while head == jobs.count && !stopped { condition.wait() }
            if head == jobs.count { return nil }
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            }
            return job
        }
    }

    private let queue = Queue()

    /// - Parameter stackSize: bytes per thread (JavaScriptCore wants room for deep recursion).
    init(count: Int, name: String, stackSize: Int = 8 << 20) {
        for index in 0..<max(1, count) {
            let queue = self.queue
            let thread = Thread {
                while let job = queue.next() { job() }
            }
            thread.name = "\(name)-\(index)"
            thread.stackSize = stackSize
            thread.start()
        }
    }

    deinit {
        queue.condition.lock()
        queue.stopped = true
        queue.condition.broadcast()
        queue.condition.unlock()
    }

    /// Runs `body` on one of the threads and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            submit { continuation.resume(with: Result { try body() }) }
        }
    }

    private func submit(_ job: @escaping @Sendable () -> Void) {
        queue.condition.lock()
        queue.jobs.append(job)
        queue.condition.signal()
        queue.condition.unlock()
    }
}
