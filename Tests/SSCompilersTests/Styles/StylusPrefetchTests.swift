import Testing

@testable import SSCompilers

/// The main file's imports are parsed ahead on a second thread (`StyImportPrefetch`); the
/// output and diagnostics must be those of parsing each import where the evaluator meets it.
@Suite struct StylusPrefetchTests {
    static let parts: [(String, String)] = [
        ("vars", "primary = #3a7bd5\npad = 4px\n"),
        ("mixins", "rounded(r = 2px)\n  border-radius r\n$card\n  color primary\n"),
        ("a", ".a\n  @extend $card\n  padding pad\n  rounded()\n  @media (max-width: 480px)\n    padding 0\n"),
        ("b", ".b\n  margin (pad * 2)\n  for i in 1..2\n    &-{i}\n      width (i * 10%)\n"),
        ("c", "pad = 6px\n.c\n  padding pad\n"),
        ("d", ".d\n  padding pad\n  rounded(3px)\n"),
    ]

    private func prefetchCompile(_ main: String, _ files: [String: String]) -> CompileResult {
        StylusCompiler().compile(SourceFile(path: "/s/app.styl", text: main), resolver: InMemoryResolver(files: files))
    }

    private var prefetchFiles: [String: String] {
        var files: [String: String] = [:]
        for (name, text) in Self.parts { files["/s/\(name).styl"] = text }
        return files
    }

    @Test func importsGiveTheOutputOfTheInlinedText() {
        let main = Self.parts.map { "@import '\($0.0)'" }.joined(separator: "\n") + "\n"
        let inlined = Self.parts.map { $0.1 }.joined()
        let imported = prefetchCompile(main, prefetchFiles)
        #expect(imported.diagnostics.isEmpty)
        #expect(imported.output.contains("padding: 6px;"))
        #expect(imported.output == prefetchCompile(inlined, [:]).output)
        #expect(Set(imported.dependencies) == Set(prefetchFiles.keys))
    }

    /// A second import of the same file evaluates a fresh parse (the first tree was evaluated in place).
    @Test func repeatedImportIsParsedAgain() {
        let main = "@import 'vars'\n@import 'mixins'\n@import 'd'\n@import 'c'\n@import 'd'\n"
        let inlined = ["vars", "mixins", "d", "c", "d"].map { n in Self.parts.first { $0.0 == n }?.1 ?? "" }.joined()
        let imported = prefetchCompile(main, prefetchFiles)
        #expect(imported.output.contains("padding: 6px;"))
        #expect(imported.output == prefetchCompile(inlined, [:]).output)
    }

    @Test func parseErrorInAnImportKeepsItsPosition() {
        var files = prefetchFiles
        files["/s/c.styl"] = ".c\n  padding pad\n  color (1 +\n"
        let main = Self.parts.map { "@import '\($0.0)'" }.joined(separator: "\n") + "\n"
        let result = prefetchCompile(main, files)
        #expect(result.hasErrors)
        let rendered = result.diagnostics.first?.rendered() ?? ""
        #expect(rendered.hasPrefix("/s/c.styl:"))
    }

    @Test func missingImportIsReported() {
        let main = "@import 'vars'\n@import 'mixins'\n@import 'a'\n@import 'nope'\n@import 'b'\n"
        let result = prefetchCompile(main, prefetchFiles)
        #expect(result.diagnostics.first?.message.contains("failed to locate @import file nope.styl") == true)
    }
}
