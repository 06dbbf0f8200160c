import Testing

@testable import SSCompilers

@Suite struct StylusParseCacheTests {
    static let files: [String: String] = [
        "/s/app.styl": "@import 'vars'\n@import 'mixins'\n@import 'a'\n@import 'b'\n",
        "/s/vars.styl": "primary = #3a7bd5\npad = 4px\n",
        "/s/mixins.styl": "rounded(r = 2px)\n  border-radius r\n$card\n  color primary\n",
        "/s/a.styl": ".a\n  @extend $card\n  padding pad\n  rounded()\n  @media (max-width: 480px)\n    padding 0\n",
        "/s/b.styl": ".b\n  margin (pad * 2)\n  for i in 1..2\n    &-{i}\n      width (i * 10%)\n",
    ]

    private func cacheCompile(_ files: [String: String], _ cache: StylusParseCache?) -> CompileResult {
        StylusCompiler().compile(
            SourceFile(path: "/s/app.styl", text: files["/s/app.styl"] ?? ""),
            resolver: InMemoryResolver(files: files), cache: cache)
    }

    @Test func warmCacheGivesTheSameOutput() {
        let cache = StylusParseCache()
        let plain = cacheCompile(Self.files, nil)
        let cold = cacheCompile(Self.files, cache)
        let warm = cacheCompile(Self.files, cache)
        #expect(plain.output.contains("border-radius: 2px;"))
        #expect(cold.output == plain.output)
        #expect(warm.output == plain.output)
        #expect(cache.count == 5)
        #expect(cache.misses == 5)
        #expect(cache.hits == 5)
    }

    @Test func editedPartialIsParsedAgain() {
        let cache = StylusParseCache()
        _ = cacheCompile(Self.files, cache)
        var edited = Self.files
        edited["/s/vars.styl"] = "primary = #f00\npad = 8px\n"
        let result = cacheCompile(edited, cache)
        #expect(result.output == cacheCompile(edited, nil).output)
        #expect(result.output.contains("padding: 8px;"))
        #expect(result.output.contains("color: #f00;"))
        #expect(cache.misses == 6)
    }

    @Test func prefixIsPartOfTheKey() {
        let cache = StylusParseCache()
        let files = ["/s/app.styl": ".x\n  color red\n"]
        _ = cacheCompile(files, cache)
        var options = StylusOptions()
        options.prefix = "p-"
        let prefixed = StylusCompiler(options: options).compile(
            SourceFile(path: "/s/app.styl", text: files["/s/app.styl"] ?? ""),
            resolver: InMemoryResolver(files: files), cache: cache)
        #expect(prefixed.output == ".p-x {\n  color: #f00;\n}\n")
    }

    /// Cached trees hold no reference cycle, so dropping the cache frees them.
    @Test func droppedCacheFreesItsTrees() throws {
        weak var weakRoot: StyBlock?
        weak var weakGroupBlock: StyBlock?
        let text = Self.files["/s/a.styl"] ?? ""
        do {
            let cache = StylusParseCache()
            let arena = StyArena()
            let copy = try cache.tree(
                path: "/s/a.styl", text: text, prefix: "", arena: arena, makeRoot: { StyBlock(nil, nil) }
            ) { root in
                var parser = StyParser(text, root: root, filename: "/s/a.styl")
                return try parser.parse()
            }
            #expect(copy.nodes.first is StyGroup)
            arena.teardown()
            let root = cache.pristine("/s/a.styl")
            weakRoot = root
            weakGroupBlock = (root?.nodes.first as? StyGroup)?.block
            #expect(weakGroupBlock != nil)
        }
        #expect(weakRoot == nil)
        #expect(weakGroupBlock == nil)
    }

    @Test func parseErrorsAreReportedEveryTime() {
        let cache = StylusParseCache()
        var files = Self.files
        files["/s/b.styl"] = ".b\n  color: (\n"
        #expect(cacheCompile(files, cache).hasErrors)
        #expect(cacheCompile(files, cache).hasErrors)
        #expect(cacheCompile(Self.files, cache).hasErrors == false)
    }
}
