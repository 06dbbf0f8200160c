import Foundation
import Testing

@testable import ssbuild

/// `compile` parses its own arguments when it can (`CompileFastPath`); whatever it accepts
/// must mean the same as through ArgumentParser, and whatever it does not is left to
/// ArgumentParser's messages.
@Suite struct CompileFastPathTests {
    static let accepted: [[String]] = [
        ["a.js"],
        ["--minify", "a.js"],
        ["a.js", "--minify", "b.css"],
        ["--include", "x", "--include=y", "--compress", "--include-css", "--prefix", "p-", "a.styl"],
        ["--hoist-atrules", "--resolve-url", "a.styl", "b.styl"],
        ["--pretty", "--basedir", "views", "--locals", "{\"title\":\"T\"}", "--filters", "f", "--filters=g", "a.pug"],
        ["--prefix=-p", "--basedir=/abs", "a.styl"],
    ]

    @Test(arguments: accepted)
    func acceptsWhatArgumentParserAccepts(arguments: [String]) throws {
        let fast = try #require(CompileFastPath.parse(arguments))
        let parsed = try CompileCommand.parse(arguments)
        #expect(fast == parsed.invocation)
    }

    static let leftToArgumentParser: [[String]] = [
        [], ["--minify"], ["--bogus", "a.js"], ["-m", "a.js"], ["--help"], ["-h"], ["--version"],
        ["--minify", "--minify", "a.js"], ["--minify=yes", "a.js"], ["--prefix", "--minify", "a.js"],
        ["--prefix"], ["--locals", "[1]", "a.pug"], ["--locals", "nope", "a.pug"], ["--", "a.js"], ["-", "a.js"],
        ["--prefix=", "a.styl"],
    ]

    @Test(arguments: leftToArgumentParser)
    func leavesTheRestToArgumentParser(arguments: [String]) {
        #expect(CompileFastPath.parse(arguments) == nil)
    }

    @Test func runsOnlyTheCompileCommand() {
        #expect(CompileFastPath.run(["ssbuild", "tree"]) == nil)
        #expect(CompileFastPath.run(["ssbuild", "compile"]) == nil)
        #expect(CompileFastPath.run(["ssbuild", "compile", "--what", "a.js"]) == nil)
    }

    @Test func unknownOptionsStillGetArgumentParsersError() throws {
        let dir = try CLIHarness.temporaryDirectory()
        defer { CLIHarness.cleanUp(dir) }
        try "var a = 1;\n".write(toFile: dir + "/a.js", atomically: true, encoding: .utf8)
        let unknown = try CLIHarness.run(["compile", "--minfy", "a.js"], in: dir)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("Unknown option '--minfy'"))
        #expect(unknown.stdout.isEmpty)
        let noFile = try CLIHarness.run(["compile", "--minify"], in: dir)
        #expect(noFile.status != 0)
        #expect(noFile.stderr.contains("Missing expected argument"))
        let badLocals = try CLIHarness.run(["compile", "--locals", "[1]", "a.js"], in: dir)
        #expect(badLocals.status != 0)
        #expect(badLocals.stderr.contains("--locals must be a JSON object"))
    }

    @Test func bothPathsCompileAlike() throws {
        let dir = try CLIHarness.temporaryDirectory()
        defer { CLIHarness.cleanUp(dir) }
        try "var answer = 6 * 7;\n".write(toFile: dir + "/a.js", atomically: true, encoding: .utf8)
        try "var broken = ;\n".write(toFile: dir + "/b.js", atomically: true, encoding: .utf8)
        let fast = try CLIHarness.run(["compile", "--minify", "a.js"], in: dir)
        #expect(fast.status == 0)
        #expect(fast.stdout.contains("42"))
        // `--` is not plain to the fast path: ArgumentParser parses this one.
        let slow = try CLIHarness.run(["compile", "--minify", "a.js", "--", "a.js"], in: dir)
        #expect(slow.status == 0)
        #expect(slow.stdout == fast.stdout + fast.stdout)
        let failed = try CLIHarness.run(["compile", "--minify", "b.js", "a.js"], in: dir)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("b.js:1:"))
        #expect(failed.stdout == fast.stdout)
    }
}
