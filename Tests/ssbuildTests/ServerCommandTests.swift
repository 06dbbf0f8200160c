import Foundation
import Testing

/// `ssbuild new` records the SDK, `ssbuild test` runs the generated app's server tests,
/// and `ssbuild serve` builds the server code before it opens the port. Real `swift build`s:
/// about a minute in all on a cold machine.
@Suite(.serialized) struct ServerCommandTests {
    @Test func newRecordsTheSDKAndItsServerTestsPassAndCanFail() throws {
        let dir = try CLIHarness.temporaryDirectory()
        defer { CLIHarness.cleanUp(dir) }
        let new = try CLIHarness.run(["new", "demo"], in: dir)
        #expect(new.status == 0, "\(new.stderr)")
        let config = try String(contentsOfFile: dir + "/demo/config/app.json", encoding: .utf8)
        #expect(config.contains(#""sdk": ""#))
        #expect(FileManager.default.fileExists(atPath: dir + "/demo/test/server/AppTests.swift"))

        let passing = try CLIHarness.run(["test", "--root", dir + "/demo"])
        #expect(passing.status == 0, "\(passing.stdout)\(passing.stderr)")
        #expect(passing.stdout.contains("Test run with 2 tests"))

        let test = dir + "/demo/test/server/AppTests.swift"
        let text = try String(contentsOfFile: test, encoding: .utf8)
        try text.replacingOccurrences(of: "== 625", with: "== 626").write(toFile: test, atomically: true, encoding: .utf8)
        let failing = try CLIHarness.run(["test", "--root", dir + "/demo"])
        #expect(failing.status != 0)
        #expect(failing.stdout.contains("squareMultipliesANumberByItself"))
    }

    @Test func serveRefusesToStartWhenServerCodeDoesNotCompile() throws {
        let dir = try CLIHarness.temporaryDirectory()
        defer { CLIHarness.cleanUp(dir) }
        #expect(try CLIHarness.run(["new", "demo"], in: dir).status == 0)
        let app = dir + "/demo"
        let release = try CLIHarness.run(["release", "--root", app])
        #expect(release.status == 0, "\(release.stderr)")
        #expect(release.stdout.contains("server: 1 namespace(s) built into .ssbuild/worker/.build/release/AppWorker"))
        let source = app + "/app/server/app.swift"
        let text = try String(contentsOfFile: source, encoding: .utf8)
        try text.replacingOccurrences(of: "n * n", with: "n * undefinedName").write(
            toFile: source, atomically: true, encoding: .utf8)
        // The release refuses too, and leaves public/ as it was.
        let before = CLIHarness.tree(app + "/public")
        let failed = try CLIHarness.run(["release", "--root", app])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("error[BLD0011]") || failed.stdout.contains("error[BLD0011]"))
        #expect(CLIHarness.tree(app + "/public") == before)
        let serve = try CLIHarness.run(["serve", "--root", app, "--port", "0"])
        #expect(serve.status != 0)
        #expect(serve.stdout.contains("app/server/app.swift:"))
        #expect(serve.stdout.contains("error[BLD0011]: cannot find 'undefinedName' in scope"))
        #expect(!serve.stdout.contains("LISTENING"))
    }
}
