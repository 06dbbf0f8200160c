import Foundation

/// Runs `body` for each index on all cores and returns the results in index order.
/// Each index's slot is written by exactly one worker; the lock only orders the writes.
func parallelMap<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
    // One job (a save) runs on the calling thread: waking a worker costs more than it saves.
    if count <= 1 { return (0..<count).map(body) }
    let box = ResultBox<T>(count: count)
    withoutActuallyEscaping(body) { body in
        let work = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            box.set(index, work.value(index))
        }
    }
    return box.values()
}

private final class ResultBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [T?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func values() -> [T] {
        lock.lock(); defer { lock.unlock() }
        return slots.map { $0! }
    }
}

/// Carries a non-Sendable closure into `concurrentPerform`, whose workers only read it.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// A value behind a lock, for state a class shares between builds.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock(); defer { lock.unlock() }
        return body(&value)
    }
}
