import Foundation

/// Holds back new connections' `init` and early calls while the app's worker is still
/// building, so a page that loads during a cold start sees the full `SS.server` tree instead
/// of an empty one. Opened when a worker is in use, or when its build failed (the dev
/// overlay then shows why), or after `limit`.
final class WorkerGate: Sendable {
    private struct State {
        var expecting = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Locked(State())

    /// Makes `wait` hold until `open` (a worker build started).
    func expect() {
        state.withLock { $0.expecting = true }
    }

    /// Releases everyone waiting, now and later.
    func open() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.expecting = false
            defer { s.waiters = [] }
            return s.waiters
        }
        for w in waiters { w.resume() }
    }

    var isExpecting: Bool { state.withLock { $0.expecting } }

    /// Returns once the gate is open, or after `limit`.
    func wait(limit: Duration = .seconds(120)) async {
        guard isExpecting else { return }
        let timer = Task {
            try? await Task.sleep(for: limit)
            if !Task.isCancelled { self.open() }
        }
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s -> Bool in
                guard s.expecting else { return true }
                s.waiters.append(c)
                return false
            }
            if now { c.resume() }
        }
        timer.cancel()
    }
}
