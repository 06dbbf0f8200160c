import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOPosix
import SSActions
import Testing

@testable import SSRuntime

/// The same protocol behaviour with the event-loop fast path (`webSocketFastPath`, the
/// default with a channel-carrying context) and without it (every frame through
/// hummingbird-websocket's async stream).
@Suite(.timeLimit(.minutes(1))) struct FastPathTests {
    static let modes = [true, false]

    private func withServer(
        fastPath: Bool, _ configure: (inout RuntimeConfiguration) -> Void = { _ in },
        _ body: @Sendable (_ port: Int, _ runtime: Runtime) async throws -> Void
    ) async throws {
        let configuration = testConfiguration {
            $0.rateLimit = nil
            $0.webSocketFastPath = fastPath
            configure(&$0)
        }
        try await withRuntimeServer(context: RuntimeRequestContext.self, configuration: configuration, body)
    }

    @Test(arguments: modes) func callsSentBeforeInitAreAllAnsweredOnce(fastPath: Bool) async throws {
        // The calls may all be in flight at once (the held ones are replayed together), so
        // they stay under the per-connection cap of 64 (tested in ConnectionStateMachineTests),
        // which would answer the rest with `rate_limited`: not what this test is about.
        try await withServer(fastPath: fastPath) { (port, _) async throws in
            let ws = try await TestWebSocket.connect(port: port)
            defer { ws.close() }
            // Sent at once, before reading `init`: some reach the stream before the fast path
            // is active, the rest reach the handler while it holds or after.
            for i in 0..<60 {
                try await ws.send(["type": "call", "id": .number(Double(i)), "method": "app.square", "params": [.number(Double(i))]])
            }
            _ = try await ws.next(type: "init")
            var answered = [Int: Int]()
            for _ in 0..<60 {
                let reply = try await ws.next(type: "reply")
                let id = Int(reply["id"]?.doubleValue ?? -1)
                answered[id, default: 0] += 1
                #expect(reply["result"]?.doubleValue == Double(id * id), "\(reply)")
            }
            #expect(answered.count == 60)
            #expect(answered.values.allSatisfy { $0 == 1 })
        }
    }

    @Test(arguments: modes) func fragmentedAndBinaryMessagesStillWork(fastPath: Bool) async throws {
        try await withServer(fastPath: fastPath) { (port, _) async throws in
            let ws = try await TestWebSocket.connect(port: port)
            defer { ws.close() }
            _ = try await ws.next(type: "init")
            let text = Array(#"{"type":"call","id":"f","method":"app.square","params":[12]}"#.utf8)
            try await ws.send(frame: 0x1, Array(text[..<10]), fin: false)
            try await ws.send(frame: 0x0, Array(text[10..<30]), fin: false)
            try await ws.send(frame: 0x0, Array(text[30...]), fin: true)
            #expect(try await ws.next(type: "reply") == ["type": "reply", "id": "f", "result": 144])
            try await ws.send(frame: 0x2, [1, 2, 3])
            #expect(try await ws.next(type: "error")["error"]?["code"] == "bad_message")
            // A whole text frame after them is answered as before.
            #expect(try await ws.call("app.square", [3], id: "after")["result"] == 9)
        }
    }

    /// Reports whether the action's code runs on a NIO event loop thread.
    private enum WhereApp: ActionNamespace {
        static func actions(_ actions: inout Actions) {
            actions.on("onEventLoop") { _ in MultiThreadedEventLoopGroup.currentEventLoop != nil }
        }
    }

    @Test(arguments: modes) func inProcessActionsRunOnTheEventLoopOnlyWhenAskedTo(onEventLoop: Bool) async throws {
        var registry = testRegistry()
        try registry.register(WhereApp.self, namespace: "where")
        let configuration = testConfiguration {
            $0.rateLimit = nil
            $0.inProcessActionsOnEventLoop = onEventLoop
            $0.actionTimeout = .milliseconds(300)
        }
        try await withRuntimeServer(configuration: configuration, actions: registry) { (port, _) async throws in
            let ws = try await TestWebSocket.connect(port: port)
            defer { ws.close() }
            _ = try await ws.next(type: "init")
            #expect(try await ws.call("where.onEventLoop", [], id: "w")["result"] == .bool(onEventLoop))
            // The rest of the protocol is unchanged: results, errors, time limits and pushes.
            #expect(try await ws.call("app.square", [7], id: "s")["result"] == 49)
            #expect(try await ws.call("app.deny", [], id: "d")["error"]?["code"] == "forbidden")
            #expect(try await ws.call("app.slow", [2000], id: "t")["error"]?["code"] == "timeout")
            try await ws.send(["type": "call", "id": "a", "method": "app.announce", "params": ["hi"]])
            let event = try await ws.next(type: "event")
            #expect(event["payload"]?["text"] == "hi")
        }
    }

    @Test func aClientCannotPassForTheMarker() async throws {
        try await withServer(fastPath: true) { (port, _) async throws in
            let ws = try await TestWebSocket.connect(port: port)
            defer { ws.close() }
            _ = try await ws.next(type: "init")
            try await ws.send("\u{1}ss-fast-path-00000000-0000-0000-0000-000000000000")
            #expect(try await ws.next(type: "error")["error"]?["code"] == "bad_message")
            #expect(try await ws.call("app.square", [4])["result"] == 16)
        }
    }

    @Test(arguments: modes) func oversizeAndPingBehaveTheSame(fastPath: Bool) async throws {
        try await withServer(fastPath: fastPath, { $0.maxMessageSize = 1000 }) { (port, _) async throws in
            let ws = try await TestWebSocket.connect(port: port)
            defer { ws.close() }
            _ = try await ws.next(type: "init")
            try await ws.send(frame: 0x9, [7, 7])
            let pong = try await ws.nextFrame()
            #expect(pong.opcode == 0xA)
            #expect(pong.payload == [7, 7])
            try await ws.send(String(repeating: "x", count: 2000))
            #expect(try await ws.closeCode() == 1009)
        }
    }

    @Test(arguments: modes) func pushesAndRepliesInterleaveWithoutLoss(fastPath: Bool) async throws {
        try await withServer(fastPath: fastPath) { (port, runtime) async throws in
            let ws = try await TestWebSocket.connect(port: port)
            defer { ws.close() }
            _ = try await ws.next(type: "init")
            let pusher = Task {
                for i in 0..<300 { try await runtime.publish.broadcast("tick", JSONValue.number(Double(i))) }
            }
            for i in 0..<100 {
                try await ws.send(["type": "call", "id": .number(Double(i)), "method": "app.square", "params": [2]])
            }
            try await pusher.value
            var replies = 0
            var ticks: [Int] = []
            while replies < 100 || ticks.count < 300 {
                let m = try await ws.next()
                if m["type"] == "reply" { replies += 1 }
                if m["type"] == "event" { ticks.append(Int(m["payload"]?.doubleValue ?? -1)) }
            }
            #expect(ticks == Array(0..<300), "pushes arrive once each, in order")
        }
    }
}
