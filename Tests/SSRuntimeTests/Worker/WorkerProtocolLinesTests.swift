import Foundation
import SSActions
import Testing

/// The worker protocol's hand-written lines say exactly what the generic encoder says.
@Suite struct WorkerProtocolLinesTests {
    private static let strings = ["", "a", "é\"q\\", "line\nbreak", "\u{2028}", "tab\t", "𝄞", "x/y"]

    @Test(arguments: 0..<40) func callLineEqualsTheGenericLine(seed: Int) {
        var rng = SplitMix(seed: UInt64(seed))
        func pick() -> String { Self.strings[Int(rng.next() % UInt64(Self.strings.count))] }
        let args: [JSONValue] = (0..<Int(rng.next() % 4)).map { i in
            [.string(pick()), .number(Double(i) * 1.5), .null, ["k": .string(pick())], [.bool(true)]][i % 5]
        }
        let attributes: [String: JSONValue] = Dictionary(
            uniqueKeysWithValues: (0..<Int(rng.next() % 3)).map { ("a\($0)" + pick(), .string(pick())) })
        let channels = (0..<Int(rng.next() % 3)).map { _ in pick() }
        let user: String? = rng.next() % 2 == 0 ? nil : pick()
        let ip: String? = rng.next() % 2 == 0 ? nil : "127.0.0.1"
        let origin: String? = rng.next() % 2 == 0 ? nil : pick()
        let lenient = rng.next() % 2 == 0
        let method = "app." + pick()
        let sessionId = "s" + pick()
        let generic = WorkerProtocol.line([
            "t": "call", "n": .number(Double(seed + 1)), "method": .string(method), "args": .array(args),
            "lenient": .bool(lenient),
            "session": [
                "id": .string(sessionId), "user": user.map(JSONValue.string) ?? .null,
                "attributes": .object(attributes), "channels": .array(channels.map(JSONValue.string)),
            ],
            "conn": .number(Double(seed * 7)), "ip": ip.map(JSONValue.string) ?? .null,
            "origin": origin.map(JSONValue.string) ?? .null, "transport": "websocket",
        ])
        let direct = WorkerProtocol.callLine(
            n: seed + 1, method: method, args: args, lenient: lenient, sessionId: sessionId, userId: user,
            attributes: attributes, channels: channels, connection: UInt64(seed * 7), ip: ip, origin: origin,
            transport: "websocket")
        #expect(direct == generic)
    }

    @Test func resultLinesRoundTripAndMatchTheGenericLine() throws {
        for (n, text) in [(1, "625"), (42, #"{"a":[1,2,{"b":null}],"c":"x,\"t\":\"result\"}"}"#), (7, #""s""#)] {
            let raw = RawJSON(unchecked: text)
            let line = try #require(WorkerProtocol.resultLine(n: n, raw: raw))
            #expect(line == WorkerProtocol.line(["t": "result", "n": .number(Double(n)), "result": try raw.value()]))
            let parsed = try #require(WorkerProtocol.parseResultLine(line))
            #expect(parsed.n == n)
            #expect(parsed.result == text)
        }
        #expect(WorkerProtocol.resultLine(n: 1, raw: RawJSON(unchecked: "\"a\nb\"")) == nil)
    }

    @Test func otherLinesAreNotTakenForResults() {
        for line in [
            #"{"error":{"code":"internal","message":"x"},"n":1,"t":"result"}"#,
            #"{"n":1,"t":"result"}"#, #"{"n":x,"result":1,"t":"result"}"#, #"{"n":1,"result":,"t":"result"}"#,
            #"{"call":1,"n":2,"op":"sub","t":"op"}"#, "",
        ] {
            #expect(WorkerProtocol.parseResultLine(line) == nil, "\(line)")
        }
    }

    @Test func stringsAreEscapedWithOrWithoutTheWholeCopy() {
        let cases: [(String, String)] = [
            ("abc", #""abc""#), ("é𝄞", #""é𝄞""#), ("a\"b", #""a\"b""#), ("back\\slash", #""back\\slash""#),
            ("\u{2028}x\u{2029}", #""\u2028x\u2029""#), ("…", #""…""#), ("nl\n", #""nl\n""#),
            ("\u{1}", #""\u0001""#), ("", #""""#),
        ]
        for (input, expected) in cases {
            var out = ""
            JSONValue.write(string: input, into: &out)
            #expect(out == expected, "\(input)")
        }
    }
}
