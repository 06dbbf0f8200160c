import Foundation
import Hummingbird
import HummingbirdWebSocket
import SSActions
import Testing

@testable import SSRuntime

@Suite(.timeLimit(.minutes(1))) struct SlowConsumerTests {
    /// A client that stops reading is cut off once its bounded queue overflows, while a
    /// healthy client keeps receiving every event.
    @Test func slowClientIsDisconnectedAndOthersKeepFlowing() async throws {
        let config = testConfiguration {
            $0.sendQueueMaxMessages = 200
            $0.sendQueueMaxBytes = 1 << 20
        }
        try await withRuntimeServer(context: RuntimeRequestContext.self, configuration: config) { port, runtime in
            let slow = try await TestWebSocket.connect(port: port, smallReceiveBuffer: true)
            defer { slow.close() }
            _ = try await slow.next(type: "init")
            try await slow.socket.stopReading()
            let fast = try await TestWebSocket.connect(port: port)
            defer { fast.close() }
            _ = try await fast.next(type: "init")
            #expect(runtime.connectionCount == 2)

            let payload = String(repeating: "p", count: 2000)
            let progress = Locked(0)
            let reader = Task {
                var seen = 0
                while true {
                    let e = try await fast.next(type: "event", timeout: .seconds(20))
                    if e["name"] == "done" { return (seen, e["payload"]) }
                    seen += 1
                    progress.withLock { $0 = seen }
                }
            }
            // Kernel buffers absorb a few MB before the queue fills; publish until the slow
            // client is dropped (at most 40 MB).
            var published = 0
            while runtime.connectionCount > 1, published < 20_000 {
                // Keep the healthy client's backlog far below its bound: it must never overflow.
                while published - progress.withLock({ $0 }) > 50 { try await Task.sleep(for: .milliseconds(1)) }
                try await runtime.publish.broadcast("tick", payload)
                published += 1
            }
            try await runtime.publish.broadcast("done", published)
            let (seen, reported) = try await reader.value
            #expect(seen == published, "the healthy client got every event")
            #expect(reported == .number(Double(published)))
            for _ in 0..<200 where runtime.connectionCount > 1 { try await Task.sleep(for: .milliseconds(20)) }
            #expect(runtime.connectionCount == 1, "the slow client was disconnected")
            // Reading again drains what the kernel buffered, then finds the connection closed.
            try await slow.socket.startReading()
            #expect(await slow.socket.waitForEOF(timeout: .seconds(5)))
        }
    }

    /// Without access to the channel (the basic context) the slow client is still dropped
    /// from routing at once, so it costs no more memory; its socket closes when the kernel
    /// gives up on it.
    @Test func slowClientIsDroppedFromRoutingWithTheBasicContext() async throws {
        let config = testConfiguration {
            $0.sendQueueMaxMessages = 100
            $0.sendQueueMaxBytes = 1 << 20
        }
        try await withRuntimeServer(configuration: config) { (port, runtime) async throws in
            let slow = try await TestWebSocket.connect(port: port, smallReceiveBuffer: true)
            defer { slow.close() }
            _ = try await slow.next(type: "init")
            try await slow.socket.stopReading()
            let payload = String(repeating: "p", count: 2000)
            for i in 0..<3000 where runtime.connectionCount > 0 {
                try await runtime.publish.broadcast("tick", payload)
                if i % 100 == 0 { try await Task.sleep(for: .milliseconds(1)) }
            }
            for _ in 0..<200 where runtime.connectionCount > 0 { try await Task.sleep(for: .milliseconds(20)) }
            #expect(runtime.connectionCount == 0)
        }
    }

    /// The queue is bounded, and exactly one writer drains it at a time.
    @Test func queueBoundAndSingleWriter() {
        let queue = OutboundQueue(policy: SendQueuePolicy(maxMessages: 3, maxBytes: 100))
        #expect(queue.enqueue("a") == .becomeWriter)
        #expect(queue.enqueue("b") == .queued)
        #expect(queue.enqueue("c") == .queued)
        #expect(queue.enqueue("d") == .rejected)
        #expect(queue.next() == "a")
        #expect(queue.enqueue(String(repeating: "x", count: 99)) == .rejected, "bytes bound")
        #expect(queue.enqueue("e") == .queued, "the writer is still draining")
        #expect(queue.next() == "b")
        #expect(queue.next() == "c")
        #expect(queue.next() == "e")
        #expect(queue.next() == nil)
        #expect(queue.enqueue("f") == .becomeWriter, "an idle queue hands the writer role to the caller")
        queue.finish()
        #expect(queue.next() == nil)
        #expect(queue.enqueue("g") == .rejected)
    }
}
