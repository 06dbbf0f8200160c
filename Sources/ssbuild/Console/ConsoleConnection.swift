import Foundation
import NIOCore
import NIOPosix
import SSActions

/// Sends console requests and waits for their replies.
protocol ConsoleTransport: Sendable {
    /// Sends one message (with an `id`) and returns the text of the reply with that id.
    func request(_ message: JSONValue) async throws(ConsoleConnectionError) -> String
}

/// One WebSocket connection to a runtime's `/_ss/console` (a thin shell over `ConsoleSocket`).
/// A reader loop runs for the connection's life and hands each reply to the request
/// waiting for its id, so a request that timed out never blocks the next one.
///
///     let connection = try await ConsoleConnection.open(try ConsoleEndpointFile.load(root: root), root: root)
///     let reply = try await connection.request(ConsoleRequest.online.message(id: 1))
///     await connection.close()
final class ConsoleConnection: ConsoleTransport {
    private let outgoing: AsyncStream<String>.Continuation
    private let waiters: ReplyWaiters
    private let task: Task<Void, Never>
    let timeout: Duration

    private init(
        outgoing: AsyncStream<String>.Continuation, waiters: ReplyWaiters, task: Task<Void, Never>, timeout: Duration
    ) {
        self.outgoing = outgoing
        self.waiters = waiters
        self.task = task
        self.timeout = timeout
    }

    /// Connects; throws `.serverGone` when nothing listens and `.refused` when the server
    /// turns the token down. `root` only names the app in errors.
    static func open(_ endpoint: ConsoleEndpointFile, root: String, timeout: Duration = .seconds(30))
        async throws(ConsoleConnectionError) -> ConsoleConnection
    {
        let channel: ConsoleSocket.Channel
        do {
            guard
                let upgraded = try await ConsoleSocket.connect(
                    host: endpoint.host, port: endpoint.port, path: endpoint.path)
            else { throw ConsoleConnectionError.refused(port: endpoint.port) }
            channel = upgraded
        } catch let error as ConsoleConnectionError {
            throw error
        } catch {
            throw classify(error, endpoint: endpoint, root: root)
        }
        let (stream, outgoing) = AsyncStream<String>.makeStream()
        let waiters = ReplyWaiters()
        let task = Task {
            try? await ConsoleSocket.pump(channel, outgoing: stream) { text in waiters.deliver(text) }
            waiters.closeAll()
        }
        return ConsoleConnection(outgoing: outgoing, waiters: waiters, task: task, timeout: timeout)
    }

    func request(_ message: JSONValue) async throws(ConsoleConnectionError) -> String {
        let key = (message["id"] ?? .null).jsonText
        let timeout = self.timeout
        let timer = Task { [waiters] in
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            waiters.fail(key, with: .timeout(seconds: Int(timeout.components.seconds)))
        }
        defer { timer.cancel() }
        let result: Result<String, ConsoleConnectionError> = await withCheckedContinuation { continuation in
            guard waiters.add(key, continuation) else {
                continuation.resume(returning: .failure(.closed))
                return
            }
            outgoing.yield(message.jsonText)
        }
        return try result.get()
    }

    /// Stops waiting for the replies in flight (Ctrl-C): they fail with `.interrupted`, and a
    /// reply that comes later is dropped. The connection stays open.
    func interrupt() {
        waiters.failAll(with: .interrupted)
    }

    /// Sends a close frame and waits for the connection to end: for the server's close
    /// frame, or 2 s at most (a stopped server must not keep the console from exiting).
    func close() async {
        outgoing.finish()
        let task = self.task
        let deadline = Task {
            guard (try? await Task.sleep(for: .seconds(2))) != nil else { return }
            task.cancel()
        }
        await task.value
        deadline.cancel()
    }

    var isClosed: Bool { waiters.isClosed }

    /// Refused (nothing listens) or reset during the upgrade (what listens there now is no
    /// longer the server, or it is shutting down): either way the server is gone.
    private static func classify(_ error: any Error, endpoint: ConsoleEndpointFile, root: String)
        -> ConsoleConnectionError
    {
        if error is ConsoleSocket.NoAnswer {
            return .connectFailed(
                "port \(endpoint.port) took the connection but did not answer (is the server stopped?)")
        }
        let gone: Set<Int32> = [ECONNREFUSED, ECONNRESET, EPIPE]
        if let e = error as? NIOConnectionError,
            e.connectionErrors.contains(where: { ($0.error as? IOError).map { gone.contains($0.errnoCode) } ?? false })
        {
            return .serverGone(root: root, port: endpoint.port)
        }
        if let e = error as? IOError, gone.contains(e.errnoCode) {
            return .serverGone(root: root, port: endpoint.port)
        }
        let text = String(describing: error)
        if text.contains("refused") { return .serverGone(root: root, port: endpoint.port) }
        return .connectFailed(text)
    }
}

/// The requests waiting for a reply, by id (the id's JSON text).
private final class ReplyWaiters: @unchecked Sendable {
    typealias Waiter = CheckedContinuation<Result<String, ConsoleConnectionError>, Never>
    // @unchecked: all state is behind `lock`; each continuation is taken out under the lock
    // before it is resumed, so it is resumed exactly once.
    private let lock = NSLock()
    private var waiting: [String: Waiter] = [:]
    private var closed = false

    var isClosed: Bool { lock.withLock { closed } }

    /// False when the connection is already closed.
    func add(_ key: String, _ waiter: Waiter) -> Bool {
        lock.withLock {
            guard !closed else { return false }
            waiting[key] = waiter
            return true
        }
    }

    func deliver(_ text: String) {
        let frame = try? JSONValue(parsing: text)
        let key = (frame?["id"] ?? .null).jsonText
        let waiter: Waiter? = lock.withLock {
            if let w = waiting.removeValue(forKey: key) { return w }
            // An error frame without an id (a message the server could not read) answers
            // the only request in flight, if there is just one.
            if frame?["id"] == nil, waiting.count == 1, let only = waiting.first {
                waiting.removeValue(forKey: only.key)
                return only.value
            }
            return nil
        }
        waiter?.resume(returning: .success(text))
    }

    func fail(_ key: String, with error: ConsoleConnectionError) {
        let waiter = lock.withLock { waiting.removeValue(forKey: key) }
        waiter?.resume(returning: .failure(error))
    }

    func failAll(with error: ConsoleConnectionError, closing: Bool = false) {
        let all: [Waiter] = lock.withLock {
            if closing { closed = true }
            defer { waiting = [:] }
            return Array(waiting.values)
        }
        for w in all { w.resume(returning: .failure(error)) }
    }

    func closeAll() { failAll(with: .closed, closing: true) }
}
