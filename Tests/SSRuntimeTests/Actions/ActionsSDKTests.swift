import Foundation
import SSActions
import Testing

/// The generated app's server file, verbatim: it must keep compiling against the SDK.
private enum GeneratedApp: ActionNamespace {
    static func actions(_ actions: inout Actions) {
        actions.on("square") { (n: Double, context) in n * n }
        actions.on("announce") { (text: String, context) in
            try await context.publish.broadcast("flash", ["text": text])
        }
    }
}

private struct Point: Codable, Equatable {
    var x: Int
    var y: Int
}

private enum Sample: ActionNamespace {
    static func actions(_ actions: inout Actions) {
        actions.on("add") { (a: Int, b: Int, context) in a + b }
        actions.on("norm") { (p: Point, context) in p.x * p.x + p.y * p.y }
        actions.on("whoami") { context in context.userId }
        actions.on("sum") { (xs: [Int], context) in xs.reduce(0, +) }
        actions.on("maybe") { (n: Int?, context) in n ?? -1 }
        actions.on("fail") { (context: ActionContext) async throws -> Int in
            throw ActionError(.forbidden, "no")
        }
    }
}

private struct NullBackend: SessionBackend {
    func setUserId(_ userId: String?, sessionId: String) async throws {}
    func setAttribute(_ key: String, _ value: JSONValue?, sessionId: String) async throws {}
    func subscribe(_ channels: [String], sessionId: String) async throws {}
    func unsubscribe(_ channels: [String], sessionId: String) async throws {}
    func authenticate(using name: String?, params: JSONValue, sessionId: String) async throws -> AuthenticationResult {
        .failure
    }
    func onDisconnect(sessionId: String, _ handler: @escaping @Sendable () async -> Void) {}
}

private func sdkContext(_ method: String, user: String? = nil, publish: Publisher = .discarding) -> ActionContext {
    ActionContext(
        method: method, session: ActionSession(id: "s", userId: user, backend: NullBackend()), publish: publish,
        transport: .test)
}

private func sdkCall(
    _ registry: ActionRegistry, _ method: String, _ args: [JSONValue], lenient: Bool = false, user: String? = nil
) async throws -> String {
    let action = try #require(registry.lookup(method))
    return try await action.handler(ActionArguments(args, lenient: lenient), sdkContext(method, user: user)).text
}

@Suite struct ActionsSDKTests {
    @Test func namespaceComesFromThePath() {
        #expect(ActionRegistry.namespace(forPath: "app/server/app.swift") == "app")
        #expect(ActionRegistry.namespace(forPath: "/home/x/chat/app/server/users/online.swift") == "users.online")
        #expect(ActionRegistry.namespace(forPath: "lib/server/x.swift") == nil)
        #expect(ActionRegistry.namespace(forPath: "app/server/9lives.swift") == nil)
    }

    @Test func generatedAppRegistersAndRuns() async throws {
        var registry = ActionRegistry()
        try registry.register(GeneratedApp.self, path: "app/server/app.swift")
        #expect(registry.methods == ["app.announce", "app.square"])
        #expect(try await sdkCall(registry, "app.square", [25]) == "625")
        #expect(registry.apiTree == ["app": ["announce": 1, "square": 1]])
    }

    @Test func announcePublishesABroadcast() async throws {
        var registry = ActionRegistry()
        try registry.register(GeneratedApp.self, path: "app/server/app.swift")
        let box = MessageBox()
        let publisher = Publisher { await box.add($0) }
        let action = try #require(registry.lookup("app.announce"))
        let out = try await action.handler(ActionArguments(["hi"]), sdkContext("app.announce", publish: publisher))
        #expect(out == .null)
        let sent = await box.messages
        #expect(
            sent == [PublishMessage(target: .broadcast, event: "flash", payload: RawJSON(unchecked: #"{"text":"hi"}"#))]
        )
    }

    @Test func paramsDecodeFromValuePositionalOrObject() async throws {
        var registry = ActionRegistry()
        try registry.register(Sample.self, namespace: "s")
        #expect(try await sdkCall(registry, "s.add", [2, 3]) == "5")
        #expect(try await sdkCall(registry, "s.add", [[2, 3]]) == "5")
        #expect(try await sdkCall(registry, "s.norm", [["x": 3, "y": 4]]) == "25")
        #expect(try await sdkCall(registry, "s.norm", [["x": "3", "y": "4"]], lenient: true) == "25")
        #expect(try await sdkCall(registry, "s.sum", [1, 2, 3]) == "6")
        #expect(try await sdkCall(registry, "s.maybe", []) == "-1")
        #expect(try await sdkCall(registry, "s.whoami", [], user: "u1") == #""u1""#)
        #expect(try await sdkCall(registry, "s.whoami", []) == "null")
    }

    @Test func badParamsNameTheProblem() async throws {
        var registry = ActionRegistry()
        try registry.register(Sample.self, namespace: "s")
        let e1 = await #expect(throws: ActionError.self) { try await sdkCall(registry, "s.norm", [["x": 3]]) }
        #expect(e1?.code == .badParams)
        #expect(e1?.message.contains("'y'") == true)
        let e2 = await #expect(throws: ActionError.self) { try await sdkCall(registry, "s.add", [1, 2, 3]) }
        #expect(e2?.code == .badParams)
        let e3 = await #expect(throws: ActionError.self) { try await sdkCall(registry, "s.add", [1, "x"]) }
        #expect(e3?.message.contains("parameter 2") == true)
        let e4 = await #expect(throws: ActionError.self) { try await sdkCall(registry, "s.add", [1.5, 2]) }
        #expect(e4?.code == .badParams)
    }

    @Test func duplicateMethodNamesBothLocations() throws {
        var registry = ActionRegistry()
        try registry.register(GeneratedApp.self, path: "app/server/app.swift")
        var more = Actions()
        more.on("square", file: "other.swift", line: 7) { (n: Double, _) in n }
        let error = #expect(throws: ActionRegistryError.self) {
            try registry.register(namespace: "app", actions: more, location: "other.swift")
        }
        #expect(error?.message.contains("app.square") == true)
        #expect(error?.message.contains("ActionsSDKTests.swift:") == true)
        #expect(error?.message.contains("other.swift:7") == true)
    }

    @Test func methodMayNotShadowANamespace() throws {
        var registry = ActionRegistry()
        var a = Actions()
        a.on("users") { (_: ActionContext) in 1 }
        try registry.register(namespace: "app", actions: a, location: "app.swift")
        var b = Actions()
        b.on("list") { (_: ActionContext) in 1 }
        #expect(throws: ActionRegistryError.self) {
            try registry.register(namespace: "app.users", actions: b, location: "app/users.swift")
        }
    }

    @Test func rawJSONEncodesScalarsLikeJavaScript() throws {
        #expect(try RawJSON(encoding: 625.0).text == "625")
        #expect(try RawJSON(encoding: 0.5).text == "0.5")
        #expect(try RawJSON(encoding: "a\"b\n\u{1}").text == #""a\"b\n\u0001""#)
        #expect(try RawJSON(encoding: Point(x: 1, y: 2)).text == #"{"x":1,"y":2}"#)
        #expect(try RawJSON(encoding: Optional<Int>.none).text == "null")
        #expect(try JSONValue(parsing: #"{"b":[1,true,null],"a":"x"}"#).jsonText == #"{"a":"x","b":[1,true,null]}"#)
    }
}

private actor MessageBox {
    var messages: [PublishMessage] = []
    func add(_ m: PublishMessage) { messages.append(m) }
}

private enum Members: ActionNamespace {
    static let requiresAuthentication = true
    static func actions(_ actions: inout Actions) {
        actions.on("join") { (room: String, context) in
            try await context.channels.subscribe(room)
            try await context.publish.channel(room, "joined", context.userId)
            context.session.onDisconnect {}
        }
    }
}

@Suite struct ActionTesterTests {
    @Test func callsActionsAndRecordsPublishes() async throws {
        let tester = try ActionTester(GeneratedApp.self, path: "app/server/app.swift")
        #expect(try await tester.call("app.square", 25, as: Double.self) == 625)
        try await tester.call("app.announce", "hi")
        #expect(tester.events(named: "flash") == [["text": "hi"]])
        let missing = await #expect(throws: ActionError.self) { try await tester.call("app.nope") }
        #expect(missing?.code == .notFound)
    }

    @Test func enforcesTheAuthGuardAndTracksTheSession() async throws {
        let tester = try ActionTester(Members.self, path: "app/server/members.swift")
        let denied = await #expect(throws: ActionError.self) { try await tester.call("members.join", "kids") }
        #expect(denied?.code == .unauthenticated)
        tester.login("ann")
        try await tester.call("members.join", "kids")
        #expect(tester.channels == ["kids"])
        #expect(tester.published.first?.target == .channels(["kids"]))
        #expect(tester.events(named: "joined") == ["ann"])
        await tester.disconnect()
    }
}
