import Foundation
import SSActions

extension Runtime {
    /// Routes every call to `worker` from now on (a hot swap when one was in use). Browsers
    /// get the worker's API tree in an `api` message; their connections and sessions stay.
    /// Returns the previous worker, which finishes its running calls; stop it afterwards.
    @discardableResult
    public func use(worker: WorkerHost) async -> WorkerHost? {
        await worker.ready()
        worker.publisher = { [weak self] message in try await self?.publish.send(message) }
        let old = workerBox.withLock { box -> WorkerHost? in
            let old = box
            box = worker
            return old
        }
        let frame = #"{"type":"api","api":"# + worker.apiTree.jsonText + "}"
        for connection in hub.allConnections { connection.send(frame) }
        logger.info("actions now served by a worker (\(worker.apiTree.objectValue?.count ?? 0) namespaces)")
        workerGate.open()
        return old
    }

    /// Says that actions will come from a worker that is still building: new connections
    /// get their `init`, and calls run, once it is in use (or `workerUnavailable()`).
    public func expectWorker() {
        if worker == nil { workerGate.expect() }
    }

    /// The expected worker will not come (its build failed): stop holding connections.
    public func workerUnavailable() {
        workerGate.open()
    }

    /// Waits while a worker is expected but not yet in use.
    func awaitExpectedWorker() async {
        await workerGate.wait()
    }

    /// The worker in use, if any.
    public var worker: WorkerHost? { workerBox.withLock { $0 } }

    /// The API tree browsers see: the worker's when one is in use.
    var currentAPITree: JSONValue { worker?.apiTree ?? actions.apiTree }
}
