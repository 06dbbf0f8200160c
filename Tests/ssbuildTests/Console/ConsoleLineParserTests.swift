import SSActions
import Testing

@testable import ssbuild

@Suite struct ConsoleLineParserTests {
    private func expectLine(_ line: String, _ expected: ConsoleLine, sourceLocation: SourceLocation = #_sourceLocation)
    {
        do {
            #expect(try ConsoleLineParser.parse(line) == expected, sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(line): \(error)", sourceLocation: sourceLocation)
        }
    }

    private func expectError(
        _ line: String, column: Int, containing text: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            let parsed = try ConsoleLineParser.parse(line)
            Issue.record("expected an error, parsed \(parsed)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.column == column, sourceLocation: sourceLocation)
            #expect(error.message.contains(text), "\(error.message)", sourceLocation: sourceLocation)
        }
    }

    private func call(_ method: String, _ params: [JSONValue], user: String? = nil) -> ConsoleLine {
        .request(.call(method: method, params: params, user: user))
    }

    @Test func callsTakeJSONOrStringArguments() {
        expectLine("app.square 25", call("app.square", [25]))
        expectLine("  app.square   25  ", call("app.square", [25]))
        expectLine("app.add 1 -2.5", call("app.add", [1, -2.5]))
        expectLine("app.echo hello true null", call("app.echo", ["hello", true, nil]))
        expectLine(#"app.echo "25" "a b\n""#, call("app.echo", ["25", "a b\n"]))
        expectLine("app.echo 'hello world' '42'", call("app.echo", ["hello world", 42]))
        expectLine(#"app.echo {"a": [1, {"b": "}"}]} [1,2]"#, call("app.echo", [["a": [1, ["b": "}"]]], [1, 2]]))
        expectLine("app.now", call("app.now", []))
        expectLine("users.online.list 007", call("users.online.list", ["007"]))
    }

    @Test func asUserAnywhereAmongTheArguments() {
        expectLine("app.whoami --as ann", call("app.whoami", [], user: "ann"))
        expectLine("app.add --as=bob 1 2", call("app.add", [1, 2], user: "bob"))
        expectLine(#"app.echo "--as" x"#, call("app.echo", ["--as", "x"]))
        expectError("app.whoami --as", column: 16, containing: "--as needs a user id")
        expectError("app.echo --verbose", column: 10, containing: "unknown option '--verbose'")
    }

    @Test func publishForms() {
        expectLine(
            #"publish broadcast flash {"m":"hi"}"#,
            .request(.publish(target: .broadcast, event: "flash", payload: ["m": "hi"])))
        expectLine(
            "publish user ann,bob note hello",
            .request(.publish(target: .users(["ann", "bob"]), event: "note", payload: "hello")))
        expectLine(
            "publish channel kids story 3",
            .request(.publish(target: .channels(["kids"]), event: "story", payload: 3)))
        expectLine("publish broadcast ping", .request(.publish(target: .broadcast, event: "ping", payload: nil)))
        expectError("publish", column: 8, containing: "expected broadcast, user or channel")
        expectError("publish everyone flash", column: 9, containing: "not 'everyone'")
        expectError("publish broadcast", column: 18, containing: "expected an event name")
        expectError("publish user", column: 13, containing: "expected a user id")
        expectError("publish channel kids", column: 21, containing: "expected an event name")
        expectError("publish broadcast flash hello world", column: 31, containing: "unexpected 'world'")
    }

    @Test func builtInCommands() {
        expectLine("", .empty)
        expectLine("   ", .empty)
        expectLine("help", .help)
        expectLine("quit", .exit)
        expectLine("exit", .exit)
        expectLine("online", .request(.online))
        expectLine("tree", .request(.tree))
        expectLine("user", .showUser)
        expectLine("user ann", .setUser("ann"))
        expectLine("user -", .setUser(nil))
        expectError("online now", column: 8, containing: "unexpected 'now'")
    }

    @Test func errorsNameTheColumn() {
        expectError("frobnicate 1", column: 1, containing: "unknown command 'frobnicate'")
        expectError("app. 1", column: 1, containing: "not an action name")
        expectError(#"app.echo "abc"#, column: 10, containing: "unterminated string")
        expectError("app.echo 'abc", column: 10, containing: "unterminated '...'")
        expectError(#"app.echo {"a": 1"#, column: 10, containing: "unterminated object")
        expectError("app.echo [1, 2}", column: 15, containing: "unexpected '}'")
        expectError("app.echo {a:1}", column: 11, containing: "invalid JSON")
        expectError(#"app.echo "\q""#, column: 13, containing: "invalid string")
    }

    @Test func oneShotArgumentsAreBareWords() throws {
        #expect(try ConsoleLineParser.parse(arguments: ["app.square", "25"]) == call("app.square", [25]))
        #expect(
            try ConsoleLineParser.parse(arguments: ["publish", "broadcast", "flash", #"{"m": "hi"}"#])
                == .request(.publish(target: .broadcast, event: "flash", payload: ["m": "hi"])))
        #expect(
            try ConsoleLineParser.parse(arguments: ["app.echo", "hello world"]) == call("app.echo", ["hello world"]))
        #expect(throws: ConsoleParseError("expected an event name", column: 18)) {
            try ConsoleLineParser.parse(arguments: ["publish", "broadcast"])
        }
    }

    @Test func parseErrorsRenderACaret() {
        let error = ConsoleParseError("expected an event name", column: 18)
        #expect(
            error.rendered(line: "publish broadcast")
                == "publish broadcast\n                 ^ expected an event name (column 18)")
    }

    @Test func requestsBecomeConsoleMessages() {
        #expect(
            ConsoleRequest.call(method: "app.square", params: [25], user: nil).message(id: 1)
                == ["type": "call", "id": 1, "method": "app.square", "params": [25]])
        #expect(
            ConsoleRequest.call(method: "app.whoami", params: [], user: "ann").message(id: 2)
                == ["type": "call", "id": 2, "method": "app.whoami", "params": [], "user": "ann"])
        #expect(
            ConsoleRequest.publish(target: .users(["ann"]), event: "note", payload: "x").message(id: 3)
                == ["type": "publish", "id": 3, "target": "user", "to": ["ann"], "event": "note", "payload": "x"])
        #expect(
            ConsoleRequest.publish(target: .channels(["kids"]), event: "e", payload: 1).message(id: 4)
                == ["type": "publish", "id": 4, "target": "channel", "to": ["kids"], "event": "e", "payload": 1])
        #expect(
            ConsoleRequest.publish(target: .broadcast, event: "flash", payload: ["m": "hi"]).message(id: 5)
                == ["type": "publish", "id": 5, "target": "broadcast", "event": "flash", "payload": ["m": "hi"]])
        #expect(ConsoleRequest.online.message(id: 6) == ["type": "online", "id": 6])
        #expect(ConsoleRequest.tree.message(id: 7) == ["type": "tree", "id": 7])
    }

    @Test func currentUserAppliesOnlyToCallsWithoutAs() {
        let plain = ConsoleRequest.call(method: "app.whoami", params: [], user: nil)
        #expect(plain.defaultingUser(to: "ann") == .call(method: "app.whoami", params: [], user: "ann"))
        let explicit = ConsoleRequest.call(method: "app.whoami", params: [], user: "bob")
        #expect(explicit.defaultingUser(to: "ann") == explicit)
        #expect(ConsoleRequest.online.defaultingUser(to: "ann") == .online)
    }

    /// No input may crash or hang the parser: every prefix of some tricky lines parses or
    /// fails with a column inside the line (or just past its end).
    @Test func everyPrefixParsesOrFailsWithAColumn() {
        let lines = [
            #"publish user ann,bob note {"a": ["}", "\"", 'x']}"#,
            #"app.echo '{"a":1}' "\u00e9\"" [[[[]]]] --as=ann"#,
            "app.echo ünïcødé 🎉 {\"k\": \"🎉\"}",
        ]
        for line in lines {
            let chars = Array(line)
            for n in 0...chars.count {
                let prefix = String(chars[..<n])
                do {
                    _ = try ConsoleLineParser.parse(prefix)
                } catch {
                    #expect(error.column >= 1 && error.column <= n + 1, "\(prefix): \(error)")
                }
            }
        }
    }
}
