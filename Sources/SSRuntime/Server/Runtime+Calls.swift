import Foundation
import SSActions

extension Runtime {
    /// Runs one call: lookup, auth guard, the action with a time limit, and error mapping.
    /// Shared by the WebSocket and the HTTP API, so both give the same codes. A time-limited
    /// in-process action runs on `executor` (nil: the cooperative pool).
    func perform(
        method: String, arguments: ActionArguments, session: ActionSession, backend: any SessionBackend,
        connection: UInt64, transport: ActionTransport, ip: String?, origin: String?, silent: Bool,
        executor: (any TaskExecutor)? = nil
    ) async -> Result<RawJSON, WireError> {
        let started = ContinuousClock.now
        let result: Result<RawJSON, WireError>
        if worker == nil { await awaitExpectedWorker() }
        if let worker {
            result = await performInWorker(
                worker, method: method, arguments: arguments, session: session, backend: backend,
                connection: connection, transport: transport, ip: ip, origin: origin)
        } else {
            result = await performUnlogged(
                method: method, arguments: arguments, session: session, transport: transport, ip: ip, origin: origin,
                executor: executor)
        }
        if logger.level >= .info, !silent || result.isFailure {
            let ms = (ContinuousClock.now - started).seconds * 1000
            let time = String(format: "%.2f ms", ms)
            let params = logger.level >= .detail ? " " + JSONValue.array(arguments.values).jsonText : ""
            switch result {
            case .success:
                logger.info("-> \(method)\(params) (\(transport.rawValue), \(time))")
            case .failure(let e):
                logger.log(
                    e.code == .internal ? .error : .info,
                    "-> \(method)\(params) failed: \(e.code.rawValue): \(e.message) (\(transport.rawValue), \(time))")
            }
        }
        return result
    }

    private func performInWorker(
        _ worker: WorkerHost, method: String, arguments: ActionArguments, session: ActionSession,
        backend: any SessionBackend, connection: UInt64, transport: ActionTransport, ip: String?, origin: String?
    ) async -> Result<RawJSON, WireError> {
        guard worker.knows(method) else { return .failure(WireError(.notFound, "no action '\(method)'")) }
        if worker.requiresAuthentication(method), session.userId == nil {
            let ns = method.split(separator: ".").dropLast().joined(separator: ".")
            return .failure(WireError(.unauthenticated, "'\(ns)' requires a logged-in user"))
        }
        let snapshot = ConnectionHub.Snapshot(
            userId: session.userId, attributes: session.attributes, channels: session.channels.list())
        var result = await worker.call(
            method: method, arguments: arguments, session: session, snapshot: snapshot, backend: backend,
            connection: connection, ip: ip, origin: origin, transport: transport)
        if case .failure(var e) = result, !configuration.isDevelopment {
            e.detail = nil
            result = .failure(e)
        }
        return result
    }

    private func performUnlogged(
        method: String, arguments: ActionArguments, session: ActionSession, transport: ActionTransport,
        ip: String?, origin: String?, executor: (any TaskExecutor)?
    ) async -> Result<RawJSON, WireError> {
        guard let action = actions.lookup(method) else {
            let ns = method.split(separator: ".").dropLast().joined(separator: ".")
            if !ns.isEmpty, actions.hasNamespace(ns) {
                return .failure(
                    WireError(
                        .notFound,
                        "no action '\(method.split(separator: ".").last ?? "")' in '\(ns)' (names are case sensitive)"))
            }
            return .failure(WireError(.notFound, "no action '\(method)'"))
        }
        if action.requiresAuthentication, session.userId == nil {
            return .failure(WireError(.unauthenticated, "'\(action.namespace)' requires a logged-in user"))
        }
        let context = ActionContext(
            method: method, session: session, publish: publish, ip: ip, origin: origin, transport: transport,
            logger: logger)
        do {
            let raw = try await withTimeLimit(configuration.actionTimeout, on: executor) {
                try await action.handler(arguments, context)
            }
            return .success(raw)
        } catch let error as ActionError {
            return .failure(WireError(error.code, error.message))
        } catch is TimeLimitExceeded {
            return .failure(WireError(.timeout, "'\(method)' did not finish in time"))
        } catch let error as any TransientStoreError where error.isTransient {
            let detail = configuration.isDevelopment ? String(describing: error) : nil
            logger.error("\(method) failed: \(String(describing: error))")
            return .failure(WireError(.unavailable, "a store is unavailable; try again", detail: detail))
        } catch {
            let detail = configuration.isDevelopment ? String(describing: error) : nil
            logger.error("\(method) threw: \(String(describing: error))")
            return .failure(WireError(.internal, "internal error in '\(method)'", detail: detail))
        }
    }
}

struct TimeLimitExceeded: Error {}

/// Runs `body`, failing with `TimeLimitExceeded` (and cancelling it) after `limit`.
/// The body runs as its own task so the caller can answer at the limit; the limit is a
/// `CoarseTimer` deadline (10 ms granularity), not a sleeping task.
func withTimeLimit<T: Sendable>(
    _ limit: Duration?, on executor: (any TaskExecutor)? = nil, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    guard let limit else { return try await body() }
    let race = TimeLimitRace<T>()
    // An unstructured task does not inherit the caller's executor preference: pass it on.
    let task = Task(executorPreference: executor) { race.settle(await Result { try await body() }) }
    let token = CoarseTimer.shared.schedule(after: limit) {
        if race.settle(.failure(TimeLimitExceeded())) { task.cancel() }
    }
    defer { CoarseTimer.shared.cancel(token) }
    return try await withTaskCancellationHandler {
        try await race.value()
    } onCancel: {
        task.cancel()
    }
}

/// The first of a body's result and its deadline, for `withTimeLimit`.
private final class TimeLimitRace<T: Sendable>: Sendable {
    private struct State {
        var result: Result<T, any Error>?
        var waiter: CheckedContinuation<T, any Error>?
    }
    private let state = Locked(State())

    /// Records the outcome; false if one was recorded already.
    @discardableResult
    func settle(_ result: Result<T, any Error>) -> Bool {
        let waiter = state.withLock { s -> CheckedContinuation<T, any Error>?? in
            guard s.result == nil else { return .none }
            s.result = result
            defer { s.waiter = nil }
            return .some(s.waiter)
        }
        guard case .some(let continuation) = waiter else { return false }
        continuation?.resume(with: result)
        return true
    }

    func value() async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLock { s -> Result<T, any Error>? in
                if s.result == nil { s.waiter = continuation }
                return s.result
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}

extension Result where Failure == any Error {
    init(_ body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}

extension Result {
    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}
