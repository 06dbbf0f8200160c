import Foundation
import SSActions
import Testing

@testable import SSRuntime

private func machine(_ configure: (inout ConnectionStateMachine.Configuration) -> Void = { _ in })
    -> ConnectionStateMachine
{
    var c = ConnectionStateMachine.Configuration()
    configure(&c)
    return ConnectionStateMachine(configuration: c, now: .zero)
}

private func sentTexts(_ actions: [ConnectionStateMachine.Action]) -> [String] {
    actions.compactMap { if case .send(let f) = $0 { return f.text } else { return nil } }
}

@Suite struct ConnectionStateMachineTests {
    @Test func pingIsAnsweredAndCountsAsHeartbeat() {
        var m = machine()
        #expect(m.receive(text: #"{"type":"ping"}"#, now: .seconds(1)) == [.heartbeat, .send(.pong)])
    }

    @Test func callIsDispatchedWithPositionalParams() {
        var m = machine()
        let actions = m.receive(text: #"{"type":"call","id":"a1","method":"app.square","params":[25]}"#, now: .zero)
        #expect(
            actions == [
                .heartbeat, .dispatch(CallRequest(id: "a1", method: "app.square", params: [25], silent: false)),
            ])
        #expect(m.inFlight == [#""a1""#])
        m.callFinished(key: #""a1""#)
        #expect(m.inFlight.isEmpty)
    }

    @Test func aSingleNonArrayParamBecomesOneArgument() {
        var m = machine()
        let actions = m.receive(
            text: #"{"type":"call","id":7,"method":"a.b","params":{"x":1},"silent":true}"#, now: .zero)
        #expect(actions.last == .dispatch(CallRequest(id: 7, method: "a.b", params: [["x": 1]], silent: true)))
    }

    @Test func malformedJSONGetsAnErrorNotADisconnect() {
        var m = machine()
        let texts = sentTexts(m.receive(text: "{not json", now: .zero))
        #expect(texts.count == 1)
        #expect(texts[0].hasPrefix(#"{"type":"error","error":{"code":"bad_message","message":"malformed JSON"#))
        #expect(m.state == .open)
    }

    @Test func unknownTypeAndMissingFieldsAreBadMessages() {
        var m = machine()
        #expect(
            sentTexts(m.receive(text: #"{"type":"zap"}"#, now: .zero))
                == [#"{"type":"error","error":{"code":"bad_message","message":"unknown message type 'zap'"}}"#])
        #expect(sentTexts(m.receive(text: #"[1,2]"#, now: .zero))[0].contains("must be a JSON object"))
        #expect(sentTexts(m.receive(text: #"{"type":"call","method":"a.b"}"#, now: .zero))[0].contains("needs an id"))
        // With a usable id the error is a reply, so the caller's callback is released.
        #expect(
            sentTexts(m.receive(text: #"{"type":"call","id":"q"}"#, now: .zero))
                == [#"{"type":"reply","id":"q","error":{"code":"bad_message","message":"a call needs a method name"}}"#]
        )
        #expect(m.state == .open)
    }

    @Test func oversizeMessageClosesWith1009() {
        var m = machine { $0.maxMessageSize = 10 }
        let actions = m.receive(text: String(repeating: "x", count: 11), now: .zero)
        #expect(actions == [.close(code: 1009, reason: "message exceeds 10 bytes")])
        #expect(m.state == .closed)
        #expect(m.receive(text: #"{"type":"ping"}"#, now: .zero).isEmpty)
    }

    @Test func binaryFramesAreRejectedPolitely() {
        var m = machine()
        #expect(sentTexts(m.receive(binaryCount: 3, now: .zero))[0].contains("binary frames are not supported"))
        #expect(m.state == .open)
    }

    @Test func duplicateInFlightCallIsNotDispatchedTwice() {
        var m = machine()
        let call = #"{"type":"call","id":"d","method":"a.b"}"#
        #expect(m.receive(text: call, now: .zero).count == 2)
        #expect(m.receive(text: call, now: .zero) == [.heartbeat])
    }

    @Test func rateLimiterRefillsWithTheInjectedClock() {
        var m = machine { $0.rateLimit = .init(burst: 2, perSecond: 1) }
        func call(_ id: Int, _ t: Duration) -> [ConnectionStateMachine.Action] {
            let actions = m.receive(text: #"{"type":"call","id":\#(id),"method":"a.b"}"#, now: t)
            m.callFinished(key: "\(id)")
            return actions
        }
        #expect(call(1, .zero).last == .dispatch(CallRequest(id: 1, method: "a.b", params: [], silent: false)))
        #expect(call(2, .zero).count == 2)
        let limited = sentTexts(call(3, .milliseconds(100)))
        #expect(
            limited == [
                #"{"type":"reply","id":3,"error":{"code":"rate_limited","message":"too many calls; slow down","#
                    + #""retryAfter":900}}"#
            ])
        #expect(sentTexts(call(4, .milliseconds(1200))).isEmpty)
    }

    @Test func inFlightCapRejectsExcessCalls() {
        var m = machine {
            $0.maxInFlight = 1
            $0.rateLimit = nil
        }
        _ = m.receive(text: #"{"type":"call","id":1,"method":"a.b"}"#, now: .zero)
        #expect(
            sentTexts(m.receive(text: #"{"type":"call","id":2,"method":"a.b"}"#, now: .zero))[0]
                .contains("too many calls in flight"))
    }

    @Test func silentPeerTimesOut() {
        var m = machine { $0.heartbeatTimeout = .seconds(10) }
        #expect(m.tick(now: .seconds(9)).isEmpty)
        _ = m.receive(text: #"{"type":"ping"}"#, now: .seconds(9))
        #expect(m.tick(now: .seconds(18)).isEmpty)
        #expect(m.tick(now: .seconds(19.5)) == [.close(code: 4000, reason: "heartbeat timeout")])
        #expect(m.tick(now: .seconds(30)).isEmpty)
    }

    @Test func overflowClosesOnce() {
        var m = machine()
        #expect(m.sendQueueOverflowed() == [.close(code: 4001, reason: "send queue overflow")])
        #expect(m.state == .closed)
        #expect(m.sendQueueOverflowed().isEmpty)
    }
}

@Suite struct ProtocolPiecesTests {
    @Test func dedupWindowReplaysFinishedCallsAndExpires() {
        var w = CallDedupWindow(window: .seconds(10), capacity: 100)
        #expect(w.begin("a", now: .zero) == .execute)
        #expect(w.begin("a", now: .seconds(1)) == .running)
        w.finish("a", reply: "R", now: .seconds(2))
        #expect(w.begin("a", now: .seconds(3)) == .replay("R"))
        #expect(w.begin("a", now: .seconds(13)) == .execute)
    }

    @Test func dedupWindowIsBoundedByCapacity() {
        var w = CallDedupWindow(window: .seconds(1000), capacity: 10)
        for i in 0..<100 {
            _ = w.begin("k\(i)", now: .seconds(Double(i)))
            w.finish("k\(i)", reply: "r", now: .seconds(Double(i)))
        }
        w.expire(now: .seconds(100))
        #expect(w.count <= 10)
        #expect(w.begin("k99", now: .seconds(100)) == .replay("r"))
    }

    @Test func dedupWindowIsBoundedByBytes() {
        var w = CallDedupWindow(window: .seconds(1000), capacity: 1000, maxBytes: 100)
        for i in 0..<10 {
            _ = w.begin("k\(i)", now: .seconds(Double(i)))
            w.finish("k\(i)", reply: String(repeating: "r", count: 30), now: .seconds(Double(i)))
        }
        #expect(w.bytes <= 100)
        #expect(w.begin("k9", now: .seconds(10)) == .replay(String(repeating: "r", count: 30)))
        #expect(w.begin("k0", now: .seconds(10)) == .execute, "the oldest reply was forgotten")
    }

    @Test func sendQueuePolicyCountsMessagesAndBytes() {
        let p = SendQueuePolicy(maxMessages: 2, maxBytes: 100)
        #expect(p.admits(messages: 1, queuedBytes: 50, adding: 50))
        #expect(!p.admits(messages: 2, queuedBytes: 0, adding: 1))
        #expect(!p.admits(messages: 0, queuedBytes: 60, adding: 41))
    }

    @Test func framesAreCompactJSON() throws {
        #expect(
            ServerFrame.result(id: "x", result: RawJSON(unchecked: "625")).text
                == #"{"type":"reply","id":"x","result":625}"#)
        #expect(
            ServerFrame.event(name: "flash", payload: RawJSON(unchecked: #"{"a":1}"#), channel: "kids").text
                == #"{"type":"event","name":"flash","payload":{"a":1},"channel":"kids"}"#)
        let initText = ServerFrame.initial(
            InitInfo(
                env: "development", api: ["app": ["square": 1]], userId: nil, channels: [],
                heartbeatInterval: .seconds(25), heartbeatTimeout: .seconds(60), newSession: true)
        ).text
        let parsed = try JSONValue(parsing: initText)
        #expect(parsed["version"] == 1)
        #expect(parsed["heartbeat"]?["interval"] == 25000)
        #expect(parsed["api"] == ["app": ["square": 1]])
    }
}

@Suite struct JSONParserTests {
    @Test(arguments: [
        #"{"a":[1,2.5,-3e2,true,false,null,"x\"\u00e9\ud83d\ude00"]}"#, "  25 ", #""\/\b\f\n\r\t""#, "[]", "{}",
        // Integers take a path of their own up to 15 digits; 16 and more go through strtod.
        "[0,-0,7,-12,100,999999999999999,-999999999999999,1000000000000000,12345678901234567890]",
        #"{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":{"j":[]}}"#,
    ])
    func parsesWhatFoundationParses(_ text: String) throws {
        let mine = try JSONParser.parse(text)
        let theirs = try JSONDecoderShim.decode(text)
        #expect(mine == theirs)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\"}", "01", "1.", "tru", "\"abc", "\"\u{01}\"", "[1]x", "-", "{\"a\":1,}"])
    func rejectsInvalidJSON(_ text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }

    @Test func negativeZeroKeepsItsSign() throws {
        let value = try JSONParser.parse("-0")
        #expect(value.doubleValue?.sign == .minus)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(deep) }
    }

    @Test func randomBytesNeverCrash() {
        var rng = SplitMix(seed: 7)
        let alphabet = Array(#"{}[]",:0123456789.eE+-truefalsn \u\"x"#.utf8)
        for _ in 0..<5000 {
            let n = Int(rng.next() % 40)
            let bytes = (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            _ = try? JSONParser.parse(String(decoding: bytes, as: UTF8.self))
        }
    }
}

private enum JSONDecoderShim {
    static func decode(_ text: String) throws -> JSONValue {
        try Foundation.JSONDecoder().decode(JSONValue.self, from: Foundation.Data(text.utf8))
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
