import Testing

@testable import SSCompilers

private func compileStylus(_ files: [String: String], main: String = "/s/app.styl") -> CompileResult {
    StylusCompiler().compile(SourceFile(path: main, text: files[main] ?? ""), resolver: InMemoryResolver(files: files))
}

private func firstError(_ result: CompileResult) -> Diagnostic? {
    result.diagnostics.first { $0.severity == .error }
}

@Suite struct StylusDiagnosticsTests {
    @Test func unbalancedBraceIsParseError() {
        let r = compileStylus(["/s/app.styl": "body {\n  color: red;\n"])
        let d = firstError(r)
        #expect(d?.id == .styParse)
        #expect(d?.path == "/s/app.styl")
    }

    @Test func missingImportNamesFileAndLine() {
        let r = compileStylus(["/s/app.styl": "body\n  color red\n@import 'nope'\n"])
        let d = firstError(r)
        #expect(d?.id == .styImport)
        #expect(d?.headline == "/s/app.styl:3:1: error[STY0003]: failed to locate @import file nope.styl")
    }

    @Test func errorInImportedFilePointsIntoThatFile() {
        let r = compileStylus([
            "/s/app.styl": "@import 'part'\n",
            "/s/part.styl": "a\n  color red\nb\n  width rgba(foo)\n",
        ])
        let d = firstError(r)
        #expect(d?.id == .styArguments)
        #expect(d?.path == "/s/part.styl")
        #expect(d?.range?.start.line == 4)
        #expect(r.dependencies == ["/s/part.styl"])
    }

    @Test func importCycleIsReportedNotLooped() {
        let r = compileStylus([
            "/s/app.styl": "@import 'a'\n",
            "/s/a.styl": "@import 'b'\n",
            "/s/b.styl": "@import 'a'\n",
        ])
        #expect(firstError(r)?.id == .styImportCycle)
        #expect(firstError(r)?.message == "import loop has been found")
    }

    /// Found by fuzzing: an absolute missing import used to recurse between the index and
    /// node_modules lookups forever.
    @Test func missingAbsoluteImportIsAnError() {
        let r = compileStylus(["/s/app.styl": "@import '/nope/x'\n@require '/y.styl'\n"])
        #expect(firstError(r)?.id == .styImport)
    }

    @Test func runawayMixinRecursionHitsDepthLimit() {
        let r = compileStylus(["/s/app.styl": "m()\n  m()\nbody\n  m()\n"])
        #expect(firstError(r)?.id == .styRecursion)
    }

    @Test func runawayFunctionRecursionHitsDepthLimit() {
        let r = compileStylus(["/s/app.styl": "f(n)\n  f(n + 1)\nbody\n  z f(1)\n"])
        #expect(firstError(r)?.id == .styRecursion)
    }

    @Test func userErrorCarriesMessage() {
        let r = compileStylus(["/s/app.styl": "body\n  z error('boom')\n"])
        #expect(firstError(r)?.id == .styUserError)
        #expect(firstError(r)?.message == "boom")
        #expect(firstError(r)?.range?.start.line == 2)
    }

    @Test func missingExtendTarget() {
        let r = compileStylus(["/s/app.styl": ".a\n  @extend .missing\n"])
        #expect(firstError(r)?.id == .styExtend)
        #expect(firstError(r)?.message == "Failed to @extend \".missing\"")
    }

    @Test func requiredArgument() {
        let r = compileStylus(["/s/app.styl": "m(a)\n  width a\nbody\n  m()\n"])
        #expect(firstError(r)?.id == .styArguments)
    }

    @Test func renderedDiagnosticHasCodeFrame() {
        let r = compileStylus(["/s/app.styl": "body\n  color red\n@import 'nope'\n"])
        let text = firstError(r)?.rendered() ?? ""
        #expect(text.contains("> 3 | @import 'nope'"))
    }

    @Test func warnIsAWarning() {
        let r = compileStylus(["/s/app.styl": "body\n  z warn('careful')\n"])
        #expect(r.diagnostics.first?.severity == .warning)
        #expect(r.diagnostics.first?.id == .styWarning)
        #expect(!r.hasErrors)
    }

    @Test func requireImportsOnce() {
        let r = compileStylus([
            "/s/app.styl": "@require 'a'\n@require 'a'\n",
            "/s/a.styl": "a\n  color red\n",
        ])
        #expect(r.output == "a {\n  color: #f00;\n}\n")
    }

    @Test func includePathsAndIndexFiles() {
        var options = StylusOptions()
        options.includePaths = ["/lib"]
        let files = [
            "/s/app.styl": "@import 'kit'\n@import 'grid'\n",
            "/lib/kit/index.styl": "a\n  color red\n",
            "/lib/grid.styl": "b\n  color blue\n",
        ]
        let r = StylusCompiler(options: options).compile(
            SourceFile(path: "/s/app.styl", text: files["/s/app.styl"]!), resolver: InMemoryResolver(files: files))
        #expect(r.output == "a {\n  color: #f00;\n}\nb {\n  color: #00f;\n}\n")
        #expect(r.dependencies == ["/lib/kit/index.styl", "/lib/grid.styl"])
    }

    @Test func includeCSSInlinesCSSFiles() {
        var options = StylusOptions()
        options.includeCSS = true
        let files = ["/s/app.styl": "@import 'x.css'\n", "/s/x.css": ".x { color: red; }\n"]
        let r = StylusCompiler(options: options).compile(
            SourceFile(path: "/s/app.styl", text: files["/s/app.styl"]!), resolver: InMemoryResolver(files: files))
        #expect(r.output == ".x { color: red; }\n\n")
    }

    @Test func prefixOption() {
        var options = StylusOptions()
        options.prefix = "p-"
        let r = StylusCompiler(options: options).compile(
            SourceFile(path: "/s/app.styl", text: ".a\n  color red\n"), resolver: InMemoryResolver())
        #expect(r.output == ".p-a {\n  color: #f00;\n}\n")
    }
}
