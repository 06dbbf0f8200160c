import Foundation
import SSActions
import Testing

@testable import SSRuntime

let nodePath: String? = {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        let p = "\(dir)/node"
        if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return nil
}()

@Suite(.timeLimit(.minutes(1))) struct RuntimeClientTests {
    @Test func scriptIsES5AndCarriesTheEnvironment() {
        let js = RuntimeClientScript.source(env: "production")
        #expect(js.contains("var ENV = 'production';"))
        #expect(!js.contains("=>"), "no arrow functions")
        #expect(!js.contains("let "), "no let")
        #expect(!js.contains("const "), "no const")
        #expect(!js.contains("`"), "no template literals")
        #expect(RuntimeClientScript.source(env: "x'</script>").contains(#"x\u0027\u003c/script\u003e"#))
    }

    /// The real client in Node against the real server: callbacks and Promises, error codes,
    /// the client timeout, events with channels, the bounded offline queue, and a call resent
    /// after a reconnect that runs exactly once.
    @Test(.enabled(if: nodePath != nil)) func clientAgainstRealServer() async throws {
        let (dir, client, harness) = try ClientHarness.files(ClientHarness.script)
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withRuntimeServer(configuration: testConfiguration { $0.rateLimit = nil }) { (port, _) async throws in
            let output = try await runNode(harness.path, "\(port)", client.path)
            let r = try JSONValue(parsing: output)
            #expect(r["fatal"] == nil, "\(output)")
            #expect(r["earlyOverflow"] == "offline_queue_full")
            #expect(r["early"] == [0, 1, 4, 9, 16])
            #expect(r["modulesRun"] == 1)
            #expect(r["squarePromise"] == 625)
            #expect(r["squareCallback"] == [nil, 625])
            #expect(r["add"] == 5)
            #expect(r["notFound"] == "not_found")
            #expect(r["forbidden"] == "forbidden")
            #expect(r["unauthenticated"] == "unauthenticated")
            #expect(r["timeout"] == "timeout")
            #expect(r["events"] == [[["text": "hi"], nil], ["story", "kids"]])
            #expect(r["silentNotLogged"] == [9, false])
            let once = try #require(r["exactlyOnce"])
            let before = try #require(once["before"]?.doubleValue)
            #expect(Set([once["a"], once["b"]]) == Set([.number(before + 1), .number(before + 2)]))
            #expect(once["after"] == .number(before + 3), "each call ran exactly once: \(once)")
            #expect(r["sessionKept"] == "ann")
            #expect(r["channelsKept"] == ["kids"])
            #expect(r["connects"] == 2)
            #expect(r["disconnects"] == 1)
            #expect(r["initCalls"] == 1)
            #expect(r["devLogged"] == true)
        }
    }
}

extension ClientHarness {
    /// A temporary directory with the development client and a harness script; remove the
    /// directory when done.
    static func files(_ scenario: String) throws -> (directory: URL, client: URL, harness: URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ss-client-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let client = dir.appendingPathComponent("client.js")
        let harness = dir.appendingPathComponent("harness.js")
        try RuntimeClientScript.source(env: "development").write(to: client, atomically: true, encoding: .utf8)
        try scenario.write(to: harness, atomically: true, encoding: .utf8)
        return (dir, client, harness)
    }
}

/// Runs node off the cooperative pool and returns its standard output.
func runNode(_ args: String...) async throws -> String {
    try await withCheckedThrowingContinuation { continuation in
        let process = Process()
        process.executableURL = URL(fileURLWithPath: nodePath ?? "/usr/bin/node")
        process.arguments = args
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.terminationHandler = { _ in
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            continuation.resume(returning: String(decoding: data, as: UTF8.self))
        }
        do {
            try process.run()
        } catch {
            continuation.resume(throwing: error)
        }
    }
}
