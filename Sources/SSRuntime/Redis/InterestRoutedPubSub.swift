#if canImport(CHiredis)
import SSActions

/// Something an instance can have local receivers for: a user's connections or a channel's
/// subscribers.
public enum PubSubTopic: Sendable, Hashable {
    case user(String)
    case channel(String)
}

/// A pub/sub engine that can route by interest instead of sending every instance every
/// message. `PubSub.subscribe()` still receives everything (the protocol's contract);
/// `subscribeByInterest()` receives broadcasts plus messages for the topics declared with
/// `addInterest`, and the engine only listens for those topics while they are declared.
///
/// The runtime's connection hub calls `addInterest` when the first local connection of a
/// user (or the first local subscriber of a channel) appears, and `removeInterest` when the
/// last one goes. Calls are reference counted, so balanced add/remove pairs from several
/// places are fine.
///
///     if let routed = stores.pubsub as? any InterestRoutedPubSub {
///         let sub = try await routed.subscribeByInterest()
///         await routed.addInterest([.user("42"), .channel("kids")])
///     }
public protocol InterestRoutedPubSub: PubSub {
    func subscribeByInterest() async throws -> PubSubSubscription
    /// Declares local receivers for these topics. Returns once the engine listens for them
    /// (for Redis: the subscriber connection confirmed), so a publish that starts after this
    /// returns is delivered. If Redis is down it returns at once and the topics are
    /// subscribed on reconnect.
    func addInterest(_ topics: [PubSubTopic]) async
    /// Withdraws one declaration per topic; non-blocking.
    func removeInterest(_ topics: [PubSubTopic])
}
#endif
