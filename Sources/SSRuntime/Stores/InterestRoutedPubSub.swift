import SSActions

/// Something an instance can have local receivers for: a user's connections or a channel's
/// subscribers.
public enum PubSubTopic: Sendable, Hashable {
    case user(String)
    case channel(String)

    /// The topics of one connection: its user (if logged in) and its channels.
    ///
    ///     PubSubTopic.topics(user: "42", channels: ["kids"])   // [.user("42"), .channel("kids")]
    public static func topics(user: String?, channels: [String]) -> [PubSubTopic] {
        (user.map { [PubSubTopic.user($0)] } ?? []) + channels.map { .channel($0) }
    }
}

/// A pub/sub engine that can route by interest instead of sending every instance every
/// message. `PubSub.subscribe()` still receives everything (the protocol's contract);
/// `subscribeByInterest()` receives broadcasts plus messages for the topics declared with
/// `addInterest`, and the engine only listens for those topics while they are declared.
///
/// The runtime uses it when the store set's engine offers it (the Redis engine does): its
/// connection hub makes one declaration per connection for the connection's user and
/// channels on attach, withdraws it on detach, and adjusts it on login, logout, subscribe
/// and unsubscribe. A change that must not miss a publish made right after it (a channel
/// subscribe, a login, a new connection before `init`) awaits `interestSettled()` first.
///
///     if let routed = stores.pubsub as? any InterestRoutedPubSub {
///         let sub = try await routed.subscribeByInterest()
///         routed.addInterest([.user("42"), .channel("kids")])
///         await routed.interestSettled()
///     }
public protocol InterestRoutedPubSub: PubSub {
    func subscribeByInterest() async throws -> PubSubSubscription
    /// Declares one more local receiver for each topic. Non-blocking.
    func addInterest(_ topics: [PubSubTopic])
    /// Withdraws one declaration per topic. Non-blocking.
    func removeInterest(_ topics: [PubSubTopic])
    /// Returns once the engine acts on every declaration made before the call (for Redis:
    /// the subscriber connection processed the SUBSCRIBEs), or at once if Redis is down (the
    /// topics are subscribed on reconnect).
    func interestSettled() async

    /// Tells the other instances that a session changed in the session store (login, logout,
    /// channels, attributes), so those with connections of that session re-read it: with a
    /// load balancer without affinity, two tabs of one session can sit on two instances.
    func announceSessionChange(_ sessionId: String) async throws
    /// Runs `handler` with the id of each session another instance announced (not this
    /// one's own announcements). Set once, before `subscribeByInterest`.
    func onSessionChange(_ handler: @escaping @Sendable (String) -> Void)
}
