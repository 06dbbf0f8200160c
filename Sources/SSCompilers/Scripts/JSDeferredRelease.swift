import Dispatch

/// Frees large values (syntax trees, scope tables) on a background queue, so the caller
/// does not wait for thousands of small deallocations. A command-line run that exits
/// first skips them altogether.
///
/// ```swift
/// defer { JSDeferredRelease.drop((program, parser)) }
/// ```
enum JSDeferredRelease {
    /// Takes a reference to `value`; the last one goes away on the background queue once
    /// the caller's own copies are gone.
    static func drop<T>(_ value: T) {
        let box = Box(value)
        DispatchQueue.global(qos: .utility).async { box.release() }
    }

    /// Holds the value until `release`; unchecked because nothing reads it concurrently:
    /// only the queue touches it after `drop` returns.
    private final class Box<T>: @unchecked Sendable {
        private var value: T?
        init(_ value: T) { self.value = value }
        func release() { value = nil }
    }
}
