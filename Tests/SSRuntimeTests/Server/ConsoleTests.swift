import Foundation
import SSActions
import Testing

@testable import SSRuntime

@Suite(.timeLimit(.minutes(1))) struct ConsoleTests {
    @Test func consoleCallsPublishesAndListsUsers() async throws {
        let token = ConsoleToken.generate()
        try await withRuntimeServer(configuration: testConfiguration { $0.consoleToken = token }) {
            (port, _) async throws in
            await #expect(throws: TestWebSocket.Refused.self) {
                _ = try await TestWebSocket.connect(port: port, path: "/_ss/console?token=wrong")
            }
            await #expect(throws: TestWebSocket.Refused.self) {
                _ = try await TestWebSocket.connect(
                    port: port, path: "/_ss/console?token=\(token)", origin: "http://127.0.0.1:\(port)")
            }
            let browser = try await TestWebSocket.connect(port: port)
            defer { browser.close() }
            _ = try await browser.next(type: "init")
            _ = try await browser.call("app.login", ["ann"])

            let console = try await TestWebSocket.connect(port: port, path: "/_ss/console?token=\(token)")
            defer { console.close() }
            #expect(try await console.call("app.square", [25])["result"] == 625)
            #expect(try await console.call("secret.data")["error"]?["code"] == "unauthenticated")
            try await console.send(["type": "call", "id": 9, "method": "secret.data", "user": "root"])
            #expect(try await console.next(type: "reply")["result"] == "secret for root")
            try await console.send(["type": "online", "id": 10])
            #expect(try await console.next(type: "reply")["result"] == ["ann"])
            try await console.send([
                "type": "publish", "id": 11, "target": "broadcast", "event": "flash", "payload": ["m": "hi"],
            ])
            #expect(try await console.next(type: "reply")["result"] == true)
            #expect(
                try await browser.next(type: "event") == ["type": "event", "name": "flash", "payload": ["m": "hi"]])
            try await console.send(["type": "tree", "id": 12])
            #expect(try await console.next(type: "reply")["result"]?["app"]?["square"] == 1)
        }
    }

    @Test func consoleIsOffWithoutAToken() async throws {
        try await withRuntimeServer { (port, _) async throws in
            await #expect(throws: TestWebSocket.Refused.self) {
                _ = try await TestWebSocket.connect(port: port, path: "/_ss/console?token=")
            }
        }
    }

    @Test func tokenFileIsOwnerOnly() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ss-console-\(UUID().uuidString).json")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ConsoleToken.write("abc", port: 3000, to: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(
            try JSONValue(parsing: String(contentsOfFile: path, encoding: .utf8)) == ["port": 3000, "token": "abc"])
    }
}
