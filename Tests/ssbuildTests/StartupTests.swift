import Foundation
import Testing

/// JavaScriptCore is opened on first use (Sources/JavaScriptCoreLoader): commands that run
/// no JavaScript do not load it, and the ones that do still work. The dynamic loader's own
/// trace (`LD_DEBUG=files`) says which shared objects a run opened.
@Suite struct StartupTests {
    private static func loadedObjects(_ arguments: [String], in directory: String) throws -> (CLIHarness.Run, String) {
        let run = try CLIHarness.run(arguments, in: directory, environment: ["LD_DEBUG": "files"])
        return (run, run.stderr)
    }

    @Test func minifyingJavaScriptDoesNotLoadJavaScriptCore() throws {
        let dir = try CLIHarness.temporaryDirectory()
        defer { CLIHarness.cleanUp(dir) }
        try "var answer = 6 * 7;\n".write(toFile: dir + "/a.js", atomically: true, encoding: .utf8)
        let (run, trace) = try Self.loadedObjects(["compile", "--minify", "a.js"], in: dir)
        #expect(run.status == 0)
        #expect(run.stdout.contains("42"))
        #expect(trace.contains("libswiftCore"), "the trace lists what was loaded")
        #expect(!trace.contains("javascriptcoregtk"))
    }

    @Test func renderingAViewLoadsJavaScriptCoreOnDemand() throws {
        let dir = try CLIHarness.temporaryDirectory()
        defer { CLIHarness.cleanUp(dir) }
        try "div\n  p= 6 * 7\n".write(toFile: dir + "/a.pug", atomically: true, encoding: .utf8)
        let (run, trace) = try Self.loadedObjects(["compile", "a.pug"], in: dir)
        #expect(run.status == 0)
        #expect(run.stdout.contains("<p>42</p>"))
        #expect(trace.contains("javascriptcoregtk"))
    }
}
