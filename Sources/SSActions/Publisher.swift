import Foundation

/// Who receives a published event.
public enum PublishTarget: Sendable, Hashable, Codable {
    /// Every connection.
    case broadcast
    /// Every connection (every tab) of each of these users.
    case users([String])
    /// Every connection subscribed to any of these channels (once, even if in several).
    case channels([String])
}

/// One published event: the target, the event name and the payload, encoded once.
public struct PublishMessage: Sendable, Hashable, Codable {
    public var target: PublishTarget
    public var event: String
    public var payload: RawJSON

    public init(target: PublishTarget, event: String, payload: RawJSON) {
        self.target = target
        self.event = event
        self.payload = payload
    }
}

/// Server-side publishing, available to actions as `context.publish` and to the host as
/// `runtime.publish`.
///
///     try await context.publish.broadcast("flash", ["text": "hello"])
///     try await context.publish.user("42", "note", "for every tab of user 42")
///     try await context.publish.channel("kids", "story", ["page": 3])
public struct Publisher: Sendable {
    private let sink: @Sendable (PublishMessage) async throws -> Void

    /// A publisher that hands each message to `sink` (the runtime's pub/sub engine).
    public init(_ sink: @escaping @Sendable (PublishMessage) async throws -> Void) {
        self.sink = sink
    }

    /// Sends an already-built message.
    public func send(_ message: PublishMessage) async throws {
        guard !message.event.isEmpty else { throw ActionError(.badParams, "event name must not be empty") }
        switch message.target {
        case .broadcast: break
        case .users(let ids):
            guard !ids.contains(where: \.isEmpty) else { throw ActionError(.badParams, "user id must not be empty") }
        case .channels(let names):
            guard !names.isEmpty, !names.contains(where: \.isEmpty) else {
                throw ActionError(.badParams, "channel names must not be empty")
            }
        }
        try await sink(message)
    }

    /// To every connected client.
    public func broadcast<T: Encodable>(_ event: String, _ payload: T) async throws {
        try await send(PublishMessage(target: .broadcast, event: event, payload: RawJSON(encoding: payload)))
    }

    /// To every connection of one user.
    public func user<T: Encodable>(_ userId: String, _ event: String, _ payload: T) async throws {
        try await users([userId], event, payload)
    }

    /// To every connection of each listed user.
    public func users<T: Encodable>(_ userIds: [String], _ event: String, _ payload: T) async throws {
        try await send(PublishMessage(target: .users(userIds), event: event, payload: RawJSON(encoding: payload)))
    }

    /// To the subscribers of one channel.
    public func channel<T: Encodable>(_ name: String, _ event: String, _ payload: T) async throws {
        try await channels([name], event, payload)
    }

    /// To the subscribers of any of the channels; a client in several gets the event once.
    public func channels<T: Encodable>(_ names: [String], _ event: String, _ payload: T) async throws {
        try await send(PublishMessage(target: .channels(names), event: event, payload: RawJSON(encoding: payload)))
    }

    /// A publisher that drops everything (for contexts without a runtime).
    public static let discarding = Publisher { _ in }
}
