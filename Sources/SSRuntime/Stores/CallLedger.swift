/// Remembers call ids across instances, so that a call resent to another instance (its
/// first instance died, or a load balancer without affinity moved the client) runs at most
/// once. Optional (`RuntimeStores.calls`): without one, each instance's own window
/// de-duplicates resends that come back to it, which is the common case.
///
///     let stores = engine.stores(callWindow: .seconds(120))   // Redis: a key per call
///     switch try await stores.calls!.claim(session: sid, call: "k9x2.7") {
///     case .execute: ...run it, then finish(session:call:reply:)
///     case .replay(let reply): ...send the stored reply
///     case .running: ...another instance has it; wait for its reply
///     }
public protocol CallLedger: Sendable {
    /// Claims a call for this instance, atomically across instances.
    func claim(session: String, call: String) async throws -> CallClaim
    /// Stores the reply of a call this instance claimed, for resends anywhere.
    func finish(session: String, call: String, reply: String) async throws
}

public enum CallClaim: Sendable, Equatable {
    /// Nobody had it: run it.
    case execute
    /// It finished (here or elsewhere): this is its reply frame.
    case replay(String)
    /// Another instance claimed it and has not finished (or died before finishing).
    case running
}
