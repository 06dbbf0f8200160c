import Foundation
import SSActions
import Testing

@testable import SSRuntime

/// Records interest declarations like an interest-routed engine would count them, and
/// remembers any withdrawal that had no matching declaration (an unbalanced hub).
private final class InterestCounter: InterestRoutedPubSub, Sendable {
    private let state = Locked((counts: [PubSubTopic: Int](), underflows: [PubSubTopic]()))

    func publish(_ message: PublishMessage) async throws {}
    func subscribe() async throws -> PubSubSubscription { fatalError("not used") }
    func subscribeByInterest() async throws -> PubSubSubscription { fatalError("not used") }
    func interestSettled() async {}
    func announceSessionChange(_ sessionId: String) async throws {}
    func onSessionChange(_ handler: @escaping @Sendable (String) -> Void) {}

    func addInterest(_ topics: [PubSubTopic]) {
        state.withLock { s in for t in topics { s.counts[t, default: 0] += 1 } }
    }

    func removeInterest(_ topics: [PubSubTopic]) {
        state.withLock { s in
            for t in topics {
                guard let n = s.counts[t] else {
                    s.underflows.append(t)
                    continue
                }
                s.counts[t] = n > 1 ? n - 1 : nil
            }
        }
    }

    var counts: [PubSubTopic: Int] { state.withLock { $0.counts } }
    var underflows: [PubSubTopic] { state.withLock { $0.underflows } }
}

@Suite struct ConnectionHubInterestTests {
    private func connection(_ id: UInt64, session: String) -> Connection {
        Connection(
            id: id, sessionId: session, ip: nil, origin: nil,
            machine: ConnectionStateMachine(configuration: .init(), now: .zero),
            policy: SendQueuePolicy(maxMessages: 10, maxBytes: 1000), outbound: nil, hardClose: nil,
            closer: { _, _ in })
    }

    private func record(_ id: String, user: String? = nil, channels: [String] = []) -> SessionRecord {
        SessionRecord(id: id, createdAt: .zero, lastSeen: .zero, userId: user, channels: channels)
    }

    @Test func declaresOnePerConnectionAndTopicAndWithdrawsExactly() {
        let engine = InterestCounter()
        let hub = ConnectionHub(dedupWindow: .seconds(60), dedupCapacity: 10, interest: engine)
        let c1 = connection(1, session: "s")
        let c2 = connection(2, session: "s")
        _ = hub.attach(c1, record: record("s", user: "ann", channels: ["kids"]), now: .zero)
        _ = hub.attach(c2, record: record("s", user: "ann", channels: ["kids"]), now: .zero)
        #expect(engine.counts == [.user("ann"): 2, .channel("kids"): 2])

        hub.addChannels(["news", "kids", "news"], session: "s")
        #expect(engine.counts == [.user("ann"): 2, .channel("kids"): 2, .channel("news"): 2])
        hub.removeChannels(["kids", "absent"], session: "s")
        #expect(engine.counts == [.user("ann"): 2, .channel("news"): 2])
        hub.setUser("bob", session: "s")
        #expect(engine.counts == [.user("bob"): 2, .channel("news"): 2])

        // Detaching twice (overflow, then the reader loop) withdraws once.
        hub.detach(c1, now: .zero)
        hub.detach(c1, now: .zero)
        #expect(engine.counts == [.user("bob"): 1, .channel("news"): 1])
        hub.setUser(nil, session: "s")  // logout also leaves the channels
        #expect(engine.counts.isEmpty)
        hub.detach(c2, now: .zero)
        #expect(engine.counts.isEmpty)
        #expect(engine.underflows.isEmpty)
    }

    /// Another instance changed the session in the store; a new connection here brings the
    /// store's state, and the session's older connections here move to it too.
    @Test func attachingWithNewerStoreStateMovesTheOtherConnections() {
        let engine = InterestCounter()
        let hub = ConnectionHub(dedupWindow: .seconds(60), dedupCapacity: 10, interest: engine)
        let c1 = connection(1, session: "s")
        let c2 = connection(2, session: "s")
        _ = hub.attach(c1, record: record("s"), now: .zero)
        #expect(engine.counts.isEmpty)
        _ = hub.attach(c2, record: record("s", user: "ann", channels: ["kids"]), now: .zero)
        #expect(engine.counts == [.user("ann"): 2, .channel("kids"): 2])
        #expect(hub.deliver(PublishMessage(target: .users(["ann"]), event: "e", payload: .null)) == 2)
        hub.detach(c1, now: .zero)
        hub.detach(c2, now: .zero)
        #expect(engine.counts.isEmpty)
        #expect(engine.underflows.isEmpty)
    }
}
