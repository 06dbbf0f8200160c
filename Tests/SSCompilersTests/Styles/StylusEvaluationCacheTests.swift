import Testing

@testable import SSCompilers

/// Incremental evaluation (`StylusEvaluationCache`): every compile with the caches must
/// print exactly what a compile without them prints, whatever was edited in between.
@Suite struct StylusEvaluationCacheTests {
    static let base: [String: String] = [
        "/s/app.styl": "@import 'vars'\n@import 'mixins'\n@import 'a'\n@import 'b'\n@import 'c'\n\nbody\n  color text\n",
        "/s/vars.styl": "primary = #3a7bd5\npad = 4px\ntext = #333\nsizes = 1px 2px\n",
        "/s/mixins.styl":
            "rounded(r = 2px)\n  border-radius r\n  &:hover\n    border-radius (r * 2)\n$card\n  color primary\n"
            + "respond(bp)\n  @media (max-width: bp)\n    {block}\n",
        "/s/a.styl": ".a\n  @extend $card\n  padding pad\n  rounded()\n  @media (max-width: 480px)\n    padding 0\n",
        "/s/b.styl": ".b\n  margin (pad * 2)\n  for i in 1..2\n    &-{i}\n      width (i * 10%)\n",
        "/s/c.styl": "c-color = lighten(primary, 10%)\n.c\n  color c-color\n  +respond(600px)\n    display none\n",
    ]

    private struct Caches {
        let parses = StylusParseCache()
        let evaluations = StylusEvaluationCache()
    }

    private func evalCompile(
        _ files: [String: String], _ caches: Caches?, options: StylusOptions = StylusOptions()
    ) -> CompileResult {
        StylusCompiler(options: options).compile(
            SourceFile(path: "/s/app.styl", text: files["/s/app.styl"] ?? ""),
            resolver: InMemoryResolver(files: files), cache: caches?.parses, evaluations: caches?.evaluations)
    }

    /// Compiles with and without caches and expects the same output and messages.
    private func expectSameAsScratch(
        _ files: [String: String], _ caches: Caches, options: StylusOptions = StylusOptions(),
        _ note: String = ""
    ) {
        let scratch = evalCompile(files, nil, options: options)
        let cached = evalCompile(files, caches, options: options)
        #expect(cached.output == scratch.output, "\(note)")
        #expect(cached.diagnostics.map { $0.rendered() } == scratch.diagnostics.map { $0.rendered() }, "\(note)")
        #expect(cached.lineMap == scratch.lineMap, "\(note)")
    }

    @Test func unchangedStylesheetIsReusedWhole() {
        let caches = Caches()
        expectSameAsScratch(Self.base, caches)
        #expect(caches.evaluations.evaluatedStatements == 6)
        #expect(caches.evaluations.count == 6)
        expectSameAsScratch(Self.base, caches)
        #expect(caches.evaluations.reusedStatements == 6)
        #expect(caches.evaluations.evaluatedStatements == 6)
    }

    @Test func editedPartialIsEvaluatedAgainAndTheRestReused() {
        let caches = Caches()
        expectSameAsScratch(Self.base, caches)
        var edited = Self.base
        edited["/s/b.styl"] = ".b\n  margin (pad * 3)\n"
        expectSameAsScratch(edited, caches)
        // vars, mixins, a, c and the body rule reused; b evaluated again.
        #expect(caches.evaluations.reusedStatements == 5)
        #expect(caches.evaluations.evaluatedStatements == 7)
    }

    @Test func changedVariableReachesItsReaders() {
        let caches = Caches()
        expectSameAsScratch(Self.base, caches)
        var edited = Self.base
        edited["/s/vars.styl"] = "primary = #f00\npad = 4px\ntext = #333\nsizes = 1px 2px\n"
        expectSameAsScratch(edited, caches)
        let out = evalCompile(edited, caches).output
        #expect(out.contains("color: #f00;"))
        // b reads only pad: reused; mixins, a ($card extends primary), c read primary.
        #expect(caches.evaluations.reusedStatements >= 2)
    }

    @Test func editAppendedToMixinsKeepsTheMixinsTokens() {
        let caches = Caches()
        expectSameAsScratch(Self.base, caches)
        var edited = Self.base
        edited["/s/mixins.styl"] = (Self.base["/s/mixins.styl"] ?? "") + "\n.extra\n  width 1px\n"
        expectSameAsScratch(edited, caches)
        // Only mixins.styl is evaluated again: the functions it binds have the same digest.
        #expect(caches.evaluations.evaluatedStatements == 7)
    }

    @Test func inPlaceChangeOfAGlobalFallsBack() {
        let caches = Caches()
        var files = Self.base
        files["/s/app.styl"] = "@import 'vars'\n@import 'a'\n@import 'push'\n"
        files["/s/a.styl"] = ".a\n  margin sizes\n"
        files["/s/push.styl"] = ".p\n  margin sizes\n"
        expectSameAsScratch(files, caches)
        // vars and a are reused, then push changes the list a's rule printed in place.
        var edited = files
        edited["/s/push.styl"] = "push(sizes, 4px)\n.p\n  margin sizes\n"
        expectSameAsScratch(edited, caches)
        let out = evalCompile(edited, nil).output
        #expect(out.contains(".a {\n  margin: 1px 2px 4px;"))
        #expect(caches.evaluations.fallbacks == 1)
        // The next compile does not reuse (and checks again).
        let reused = caches.evaluations.reusedStatements
        expectSameAsScratch(edited, caches)
        #expect(caches.evaluations.reusedStatements == reused)
        #expect(caches.evaluations.fallbacks == 1)
    }

    @Test func selectorExistsTurnsReuseOff() {
        let caches = Caches()
        var files = Self.base
        files["/s/c.styl"] = ".c\n  if selector-exists('.a')\n    color red\n"
        expectSameAsScratch(files, caches)
        var edited = files
        edited["/s/a.styl"] = ".z\n  color blue\n"
        expectSameAsScratch(edited, caches)
        #expect(!evalCompile(edited, nil).output.contains("color: #f00;"))
    }

    @Test func rootLoopStopsReuseAfterIt() {
        let caches = Caches()
        var files = Self.base
        files["/s/app.styl"] = "@import 'vars'\nfor s in sizes\n  .m-{s}\n    margin s\n@import 'a'\n"
        files["/s/a.styl"] = ".a\n  padding pad\n"
        expectSameAsScratch(files, caches)
        expectSameAsScratch(files, caches)
        #expect(caches.evaluations.reusedStatements == 1)
    }

    @Test func resolveURLCompilesWithoutReuse() {
        let caches = Caches()
        var options = StylusOptions()
        options.resolveURL = true
        expectSameAsScratch(Self.base, caches, options: options)
        #expect(caches.evaluations.count == 0)
    }

    @Test func requireIsTrackedAcrossStatements() {
        let caches = Caches()
        var files = Self.base
        files["/s/app.styl"] = "@require 'vars'\n@import 'a'\n@require 'vars'\n@require 'b'\n"
        expectSameAsScratch(files, caches)
        var edited = files
        edited["/s/app.styl"] = "@import 'a'\n@require 'vars'\n@require 'b'\n"
        edited["/s/a.styl"] = "pad = 9px\n.a\n  padding pad\n"
        expectSameAsScratch(edited, caches)
        expectSameAsScratch(files, caches)
    }

    @Test func newFileChangesResolution() {
        let caches = Caches()
        var files = Self.base
        files["/s/app.styl"] = "@import 'vars'\n@import 'x'\n"
        files["/s/x/index.styl"] = ".x\n  color primary\n"
        expectSameAsScratch(files, caches)
        var edited = files
        edited["/s/x.styl"] = ".x\n  color text\n"
        expectSameAsScratch(edited, caches)
        #expect(evalCompile(edited, caches).output.contains("color: #333;"))
    }

    @Test func errorsAreTheSame() {
        let caches = Caches()
        expectSameAsScratch(Self.base, caches)
        var edited = Self.base
        edited["/s/c.styl"] = ".c\n  @extend .missing\n"
        expectSameAsScratch(edited, caches)
        edited["/s/b.styl"] = ".b\n  width unit(1, 2, 3, 4)\n"
        expectSameAsScratch(edited, caches)
        expectSameAsScratch(Self.base, caches)
    }

    @Test func extendFromALaterPartialReachesTheStoredText() {
        let caches = Caches()
        var files: [String: String] = [
            "/s/app.styl": "@import 'a'\n@import 'b'\n",
            "/s/a.styl": ".a\n  color red\n",
            "/s/b.styl": ".b\n  @extend .a\n",
        ]
        expectSameAsScratch(files, caches)
        files["/s/b.styl"] = ".c\n  @extend .a\n"
        expectSameAsScratch(files, caches)
        #expect(evalCompile(files, caches).output == ".a,\n.c {\n  color: #f00;\n}\n")
        files["/s/b.styl"] = ".c\n  width 1px\n"
        expectSameAsScratch(files, caches)
        #expect(evalCompile(files, caches).output == ".a {\n  color: #f00;\n}\n.c {\n  width: 1px;\n}\n")
    }

    @Test func rootMediaCommentsAndPlaceholdersPrintAsFromScratch() {
        let caches = Caches()
        var files = Self.base
        files["/s/app.styl"] =
            "/* head */\n@import 'vars'\n@media print\n  .p\n    color red\n@import 'mixins'\n// line\n"
            + "$unused\n  color blue\n@import 'a'\n/* tail */\n@import 'b'\n"
        expectSameAsScratch(files, caches)
        files["/s/b.styl"] = ".b\n  margin 2px\n  /* inside */\n"
        expectSameAsScratch(files, caches)
        files["/s/a.styl"] = ".a\n  padding 1px\n"
        expectSameAsScratch(files, caches)
        var compressed = StylusOptions()
        compressed.compress = true
        expectSameAsScratch(files, caches, options: compressed)
        expectSameAsScratch(files, caches, options: compressed)
    }

    @Test func reusedStatementsWithoutExtendAreNotNormalisedAgain() {
        let caches = Caches()
        var files = Self.base
        expectSameAsScratch(files, caches)
        files["/s/c.styl"] = ".c\n  margin 3px\n"
        expectSameAsScratch(files, caches)
        // vars, a (its @extend of $card replayed), b and the body rule; mixins got
        // selectors from a's @extend, so it is normalised.
        #expect(caches.evaluations.lastSkipped == 4)
        #expect(caches.evaluations.normalizeRedos == 0)
        // An @extend of a skipped statement's selector: the compile starts over without skipping.
        files["/s/c.styl"] = ".c\n  @extend .b\n"
        expectSameAsScratch(files, caches)
        #expect(caches.evaluations.normalizeRedos == 1)
        #expect(evalCompile(files, caches).output.contains(".b,\n.c {"))
        files["/s/c.styl"] = ".c\n  margin 4px\n"
        expectSameAsScratch(files, caches)
        #expect(!evalCompile(files, caches).output.contains(".b,\n.c {"))
    }

    @Test func extendOfAPlaceholderWithNestedRulesIsNotReplayed() {
        let caches = Caches()
        var files = Self.base
        expectSameAsScratch(files, caches)
        files["/s/mixins.styl"] = "$card\n  color primary\n  &:hover\n    color red\n"
        files["/s/c.styl"] = ".c\n  margin 3px\n"
        expectSameAsScratch(files, caches)
        files["/s/c.styl"] = ".c\n  margin 4px\n"
        expectSameAsScratch(files, caches)
        // vars, b and the body rule; a's @extend reaches a placeholder with a nested rule.
        #expect(caches.evaluations.lastSkipped == 3)
        #expect(evalCompile(files, caches).output.contains(".a:hover {\n  color: #f00;"))
    }

    @Test func extendThroughANestedPrefixOfASkippedStatementStartsOver() {
        let caches = Caches()
        var files: [String: String] = [
            "/s/app.styl": "@import 'a'\n@import 'b'\n",
            "/s/a.styl": ".w\n  .in\n    color red\n",
            "/s/b.styl": ".b\n  width 1px\n",
        ]
        expectSameAsScratch(files, caches)
        files["/s/b.styl"] = ".b\n  width 2px\n"
        expectSameAsScratch(files, caches)
        #expect(caches.evaluations.lastSkipped == 1)
        files["/s/b.styl"] = ".w\n  .z\n    @extend .in\n"
        expectSameAsScratch(files, caches)
        #expect(caches.evaluations.normalizeRedos == 1)
        #expect(evalCompile(files, caches).output.contains(".w .in,\n.w .z {"))
    }

    // MARK: - Property test: random edits

    /// A seeded generator, so a failure replays.
    private struct Rand {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476C_E5B9_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    /// Statements a partial can hold: variables, mixins and functions used by later
    /// partials, @extend, media, loops, keyframes, in-place changes, requires.
    private static func statement(_ r: inout Rand, file: Int, inPlace: Bool, nested: Bool = false) -> String {
        let n = r.below(5)
        let v = r.below(4)
        var kind = r.below(nested ? 26 : 22)
        if (kind == 12 || kind == 17) && !inPlace { kind = 11 }
        switch kind {
        case 16: return "h\(v) = {a: \(n)px, b: red}\n"
        case 17: return "h\(v).a = \(n + 1)px\n.hm\(file)\n  width h\(v).a\n"
        case 18: return ".h\(file)-\(n)\n  width h\(v).a\n  color h\(v).b\n"
        case 19: return "define('d\(v)', \(n)px)\n.d\(file)\n  width d\(v)\n"
        case 20: return "if v\(v) > 2px\n  .if\(file)-\(n)\n    color red\nelse\n  .el\(file)\n    color blue\n"
        case 21: return ".s\(file)-\(n)\n  &:hover\n    content selector()\n"
        case 22: return ".w\(v)\n  .in\(n)\n    color red\n"
        case 23: return ".w\(v)\n  .z\(file)\n    @extend .in\(n)\n"
        case 25: return "$ph\(v)\n  color red\n  &:hover\n    color blue\n"
        case 24: return ".y\(file)\n  @extend .r\(r.below(4))-\(n), .w\(v) .in\(n) !optional\n"
        case 0: return "v\(v) = \(n + 1)px\n"
        case 1: return "v\(v) = lighten(#3a7bd5, \(n * 10)%)\n"
        case 2: return "m\(v)(a = \(n)px)\n  margin a\n  &:hover\n    padding a\n"
        case 3: return "f\(v)(x)\n  x * \(n + 2)\n"
        case 4: return ".r\(file)-\(n)\n  width v\(v)\n  m\(v)()\n"
        case 5: return ".r\(file)-\(n)\n  height f\(v)(3px)\n  color v\(v)\n"
        case 6: return "$ph\(v)\n  color #\(n)\(n)\(n)\n"
        case 7: return ".e\(file)-\(n)\n  @extend $ph\(v)\n  width \(n)px\n"
        case 8: return ".q\(file)-\(n)\n  width 1px\n  @media (min-width: \(n * 100)px)\n    width 2px\n"
        case 9: return "@media print\n  .pr\(file)\n    display none\n"
        case 10: return "for i in 1..\(n + 1)\n  .l\(file)-{i}\n    width (i * v\(v))\n"
        case 11: return "list\(v) = 1px 2px\n"
        case 12: return "push(list\(v), \(n)px)\n.pl\(file)\n  margin list\(v)\n"
        case 13: return "@keyframes k\(file)-\(n)\n  from\n    opacity 0\n  to\n    opacity 1\n"
        case 14: return ".x\(file)\n  @extend .r\(r.below(4))-\(n) !optional\n  top 0\n"
        default: return ".u\(file)-\(n)\n  color unknown\(v)\n  width v\(v) is defined ? 1px : 2px\n"
        }
    }

    private static func partial(_ r: inout Rand, file: Int, inPlace: Bool, nested: Bool = false) -> String {
        var text = ""
        for _ in 0..<(1 + r.below(4)) { text += statement(&r, file: file, inPlace: inPlace, nested: nested) }
        if r.below(8) == 0 { text += "@import 'p\(r.below(6))'\n" }
        if r.below(4) == 0 { text += "/* note \(file) */\n" }
        return text
    }

    private static func main(_ r: inout Rand, count: Int) -> String {
        var text = "// main\n"
        for i in 0..<count where r.below(6) != 0 { text += "@import 'p\(i)'\n" }
        if r.below(3) == 0 { text += ".root\n  width 1px\n" }
        if r.below(3) == 0 { text += "@media print\n  .mp\n    color red\n" }
        if r.below(5) == 0 { text += "@require 'p0'\n" }
        return text
    }

    /// Seeds 1-16 edit without in-place changes (`push`, `h.a = v`), so statements must be
    /// reused; 17-24 mix them in; 25-36 add `@extend` of nested and prefixed selectors,
    /// which reach statements left as evaluated (`StyNormalizer.skippable`).
    @Test(arguments: Array(1...36) as [UInt64])
    func randomEditsMatchScratch(seed: UInt64) {
        var r = Rand(state: seed)
        let inPlace = seed > 16 && seed <= 24
        let nested = seed > 24
        let count = 6
        var files: [String: String] = ["/s/app.styl": Self.main(&r, count: count)]
        for i in 0..<count {
            files["/s/p\(i).styl"] =
                "v0 = 1px\nv1 = 2px\nv2 = 3px\nv3 = 4px\n" + Self.partial(&r, file: i, inPlace: inPlace, nested: nested)
        }
        let caches = Caches()
        var clean = 0
        for step in 0..<50 {
            expectSameAsScratch(files, caches, "seed \(seed) step \(step)")
            if !evalCompile(files, nil).hasErrors { clean += 1 }
            switch r.below(10) {
            case 0: files["/s/app.styl"] = Self.main(&r, count: count)
            case 1, 2:
                files["/s/p\(r.below(count)).styl"] = Self.partial(&r, file: step, inPlace: inPlace, nested: nested)
            default:
                let i = r.below(count)
                files["/s/p\(i).styl", default: ""] += Self.statement(&r, file: step, inPlace: inPlace, nested: nested)
            }
        }
        // (A stylesheet that fails early every time has little to reuse.)
        if !inPlace && clean > 1 { #expect(caches.evaluations.reusedStatements > 0) }
    }
}
