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
        return old
    }

    /// The worker in use, if any.
    public var worker: WorkerHost? { workerBox.withLock { $0 } }

    /// The API tree browsers see: the worker's when one is in use.
    var currentAPITree: JSONValue { worker?.apiTree ?? actions.apiTree }
}
