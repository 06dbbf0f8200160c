import Foundation
import SSActions
import Testing

@testable import ssbuild

@Suite struct ConsoleReplyTests {
    @Test func resultsPrintAsPrettyJSON() {
        let square = ConsoleRequest.call(method: "app.square", params: [25], user: nil)
        #expect(ConsoleReply(text: #"{"type":"reply","id":1,"result":625}"#).rendered(for: square) == "625")
        #expect(ConsoleReply(text: #"{"type":"reply","id":1,"result":"hi"}"#).rendered(for: square) == #""hi""#)
        #expect(ConsoleReply(text: #"{"type":"reply","id":1,"result":null}"#).rendered(for: square) == "null")
        #expect(
            ConsoleReply(text: #"{"type":"reply","id":1,"result":{"n":[1,{}],"a":[]}}"#).rendered(for: square)
                == """
                {
                  "a": [],
                  "n": [
                    1,
                    {}
                  ]
                }
                """)
    }

    @Test func errorsPrintWithTheirCode() {
        let reply = ConsoleReply(
            text: #"{"type":"reply","id":2,"error":{"code":"not_found","message":"no action 'app.nope'"}}"#)
        #expect(reply == .failure(code: "not_found", message: "no action 'app.nope'"))
        #expect(reply.isError)
        #expect(reply.rendered(for: .online) == "error not_found: no action 'app.nope'")
        #expect(ConsoleReply(text: #"{"type":"error","error":{"code":"bad_message","message":"x"}}"#).isError)
        #expect(ConsoleReply(text: "garbage").rendered(for: .online).hasPrefix("error bad_reply:"))
        #expect(ConsoleReply(text: #"{"type":"pong"}"#).isError)
    }

    @Test func onlineAndTree() {
        #expect(ConsoleReply.result([]).rendered(for: .online) == "[]")
        #expect(ConsoleReply.result(["ann", "bob"]).rendered(for: .online) == "[\n  \"ann\",\n  \"bob\"\n]")
        let tree: JSONValue = ["app": ["square": 1, "announce": 1], "users": ["online": ["list": 1]]]
        #expect(
            ConsoleReply.result(tree).rendered(for: .tree)
                == """
                SS.server
                ├── app
                │   ├── announce
                │   └── square
                └── users
                    └── online
                        └── list
                """)
        #expect(ConsoleReply.result([:]).rendered(for: .tree) == "SS.server (no actions)")
    }

    @Test func endpointFile() throws {
        let endpoint = try ConsoleEndpointFile.parse(#"{"port":3000,"token":"a+b/c"}"#, path: "x")
        #expect(endpoint == ConsoleEndpointFile(port: 3000, token: "a+b/c"))
        #expect(endpoint.url == "ws://127.0.0.1:3000/_ss/console?token=a%2Bb%2Fc")
        #expect(throws: ConsoleConnectionError.badEndpointFile(path: "x", reason: "not JSON")) {
            try ConsoleEndpointFile.parse("{", path: "x")
        }
        #expect(throws: ConsoleConnectionError.badEndpointFile(path: "x", reason: "no valid \"port\"")) {
            try ConsoleEndpointFile.parse(#"{"port":0,"token":"t"}"#, path: "x")
        }
        #expect(throws: ConsoleConnectionError.badEndpointFile(path: "x", reason: "no \"token\"")) {
            try ConsoleEndpointFile.parse(#"{"port":1}"#, path: "x")
        }
        #expect(throws: ConsoleConnectionError.noServer(root: "/nowhere/at/all")) {
            try ConsoleEndpointFile.load(root: "/nowhere/at/all")
        }
        #expect(
            ConsoleConnectionError.noServer(root: "/a").description
                == "error no_server: no running ssbuild watch/serve found for /a (start one first)")
    }
}

/// A transport that records requests and answers from a script.
private final class ConsoleScriptedTransport: ConsoleTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [JSONValue] = []
    private let answer: @Sendable (JSONValue) -> Result<String, ConsoleConnectionError>

    init(answer: @escaping @Sendable (JSONValue) -> Result<String, ConsoleConnectionError>) {
        self.answer = answer
    }

    var messages: [JSONValue] { lock.withLock { sent } }

    func request(_ message: JSONValue) async throws(ConsoleConnectionError) -> String {
        lock.withLock { sent.append(message) }
        return try answer(message).get()
    }
}

@Suite struct ConsoleSessionTests {
    @Test func runsLinesThroughTheTransport() async {
        let transport = ConsoleScriptedTransport { message in
            let id = (message["id"] ?? .null).jsonText
            switch message["method"]?.stringValue {
            case "app.square": return .success(#"{"type":"reply","id":\#(id),"result":625}"#)
            case "app.whoami":
                return .success(#"{"type":"reply","id":\#(id),"result":\#((message["user"] ?? .null).jsonText)}"#)
            default:
                return .success(
                    #"{"type":"reply","id":\#(id),"error":{"code":"not_found","message":"no such action"}}"#)
            }
        }
        var session = ConsoleSession(transport: transport)
        #expect(await session.run("app.square 25") == .output("625"))
        #expect(await session.run("app.nope") == .error("error not_found: no such action"))
        #expect(await session.run("user ann") == .output("calling as ann"))
        #expect(session.prompt == "ss (ann)> ")
        #expect(await session.run("app.whoami") == .output(#""ann""#))
        #expect(await session.run("app.whoami --as bob") == .output(#""bob""#))
        #expect(await session.run("user -") == .output("calling as nobody (no user id)"))
        #expect(await session.run("app.whoami") == .output("null"))
        #expect(await session.run("") == .nothing)
        #expect(await session.run("exit") == .exit)
        #expect(await session.run("help") == .output(ConsoleSession.help))
        #expect(
            await session.run("publish broadcast")
                == .error("publish broadcast\n                 ^ expected an event name (column 18)"))
        #expect(await session.run(arguments: ["app.square", "25"]) == .output("625"))
        // Ids count up; parse errors and local commands send nothing.
        #expect(transport.messages.map { $0["id"] } == [1, 2, 3, 4, 5, 6])
        #expect(transport.messages.map { $0["user"] } == [nil, nil, "ann", "bob", nil, nil])
    }

    @Test func transportErrorsPrintLikeReplyErrors() async {
        let transport = ConsoleScriptedTransport { _ in .failure(.timeout(seconds: 30)) }
        var session = ConsoleSession(transport: transport)
        #expect(await session.run("online") == .error("error timeout: no reply within 30 s"))
    }
}
