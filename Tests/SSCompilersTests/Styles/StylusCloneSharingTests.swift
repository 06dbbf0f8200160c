import Foundation
import Testing

@testable import SSCompilers

/// Copies of function and loop bodies share the nodes evaluation never changes
/// (`StyCloneMode.sharing`). Each stylesheet here changes, in one call, something a
/// shared node would carry into the next call or back into the body; the expected text is
/// node-stylus's.
@Suite struct StylusCloneSharingTests {
    private func expectSharingCSS(
        _ input: String, _ expected: String, prefix: String = "",
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        var options = StylusOptions()
        options.prefix = prefix
        let result = StylusCompiler(options: options).compile(
            SourceFile(path: "/t.styl", text: input), resolver: InMemoryResolver())
        #expect(result.diagnostics.map { $0.rendered() } == [], sourceLocation: sourceLocation)
        #expect(result.output == expected, sourceLocation: sourceLocation)
    }

    @Test func listsChangedInOneCallDoNotReachTheNext() {
        expectSharingCSS(
            "m(a)\n  list = 1 2 3\n  push(list, a)\n  width list\n  l2 = 5 6\n  l2[0] = a\n  height l2\n"
                + ".a\n  m(4)\n.b\n  m(7)\n",
            ".a {\n  width: 1 2 3 4;\n  height: 4 6;\n}\n.b {\n  width: 1 2 3 7;\n  height: 7 6;\n}\n")
    }

    @Test func aReturnedListChangedByTheCallerLeavesTheBodyAlone() {
        expectSharingCSS(
            "f()\n  1 2\ng(x)\n  (x / 16)\n.a\n  l = f()\n  push(l, 3)\n  width l\n  height f()\n"
                + "  top g(32) g(8)\n  left -(g(16))\n  right (g(16) > 0 ? g(16) : 0)\n",
            ".a {\n  width: 1 2 3;\n  height: 1 2;\n  top: 2 0.5;\n  left: -1;\n  right: 1;\n}\n")
    }

    @Test func assignmentsPropertyLookupsConditionsAndLoopsPerCall() {
        expectSharingCSS(
            "m(v)\n  width v\n  height @width\n  x = v * 2\n  margin x\n  if v > 1px\n    padding v\n  else\n"
                + "    padding 0\n.a\n  m(1px)\n.b\n  m(2px)\nfor i in 1 2 3\n  .c-{i}\n    width i\n    y = i\n"
                + "    z-index y\n",
            ".a {\n  width: 1px;\n  height: 1px;\n  margin: 2px;\n  padding: 0;\n}\n"
                + ".b {\n  width: 2px;\n  height: 2px;\n  margin: 4px;\n  padding: 2px;\n}\n"
                + ".c-1 {\n  width: 1;\n  z-index: 1;\n}\n.c-2 {\n  width: 2;\n  z-index: 2;\n}\n"
                + ".c-3 {\n  width: 3;\n  z-index: 3;\n}\n")
    }

    @Test func extendsOfRulesFromTwoCalls() {
        expectSharingCSS(
            "$base\n  color red\nm(n)\n  .x-{n}\n    @extend $base\n    width n\n  &:hover\n    top n\n"
                + ".a\n  m(1)\n  m(2)\n.b\n  @extend .a .x-1\n.c\n  @extend .a:hover\n",
            ".a .x-1,\n.a .x-2,\n.b {\n  color: #f00;\n}\n.a .x-1,\n.b {\n  width: 1;\n}\n"
                + ".a:hover,\n.c {\n  top: 1;\n}\n"
                + ".a .x-2 {\n  width: 2;\n}\n.a:hover,\n.c {\n  top: 2;\n}\n")
    }

    @Test func prefixedSelectorsOfEachCall() {
        let input = "m(sel)\n  {sel}\n    width 1px\n  .k\n    height 2px\n.a\n  m('.s')\n.b\n  m('.t')\n"
        expectSharingCSS(
            input,
            ".pre-a .pre-s {\n  width: 1px;\n}\n.pre-a .pre-k {\n  height: 2px;\n}\n"
                + ".pre-b .pre-t {\n  width: 1px;\n}\n.pre-b .pre-k {\n  height: 2px;\n}\n", prefix: "pre-")
    }

    /// `called-from` and `current-property` are made on lookup from what the call's scope
    /// keeps (scopes are reused by later calls).
    @Test func calledFromAndCurrentPropertyPerCall() {
        expectSharingCSS(
            "f()\n  called-from\ng()\n  f()\nk()\n  g()\nh()\n  current-property\n.a\n  x k()\n  y h()\n"
                + "  z 2px h() 1px\n  w length(called-from)\n",
            ".a {\n  x: g k;\n  y: 'y' __CALL__;\n  z: 2px 'z' 2px __CALL__ 1px 1px;\n  w: 0;\n}\n")
    }

    /// Arguments are bound without copying the parameter when one is given; defaults,
    /// keywords, rest parameters and an explicit null behave as before.
    @Test func argumentsDefaultsKeywordsAndRest() {
        expectSharingCSS(
            "f(a, b = a * 2, c = 3px)\n  a b c\ng(x, rest...)\n  x rest\nh(a = 1, b = 2)\n  a b\n"
                + "m(color = red, size = 1px)\n  border size solid color\n.a\n  w f(1px)\n  x f(1px, 5px)\n"
                + "  y f(b: 4px, a: 2px)\n  z g(1, 2, 3)\n  v h(b: 9)\n  u h()\n  m()\n  m(size: 3px)\n  m(blue)\n",
            ".a {\n  w: a: 2px 3px;;\n  x: a: 5px 3px;;\n  y: a: 4px 3px;;\n  z: x: 2 3;;\n  v: a: 9;;\n  u: a: 2;;\n"
                + "  border: 1px solid #f00;\n  border: 3px solid #f00;\n  border: 1px solid #00f;\n}\n")
        expectSharingCSS("f(a)\n  a\n.a\n  w f(null)\n", ".a {\n  w: ;\n}\n")
    }

    /// `prefix-classes()` rewrites a copy's literal selector segments, which the body and
    /// the other copies share: each owner takes its own copy of them first.
    @Test func prefixClassesLeavesTheBodysLiteralsAlone() {
        expectSharingCSS(
            "m()\n  .item\n    color red\n.b\n  m()\n+prefix-classes('p-')\n  .a\n    m()\n",
            ".b .item {\n  color: #f00;\n}\n.p-a .p-item {\n  color: #f00;\n}\n")
        // node-stylus prints `.c .p-item` for the last rule (its copies carry the prefix
        // applied to an earlier copy); this compiler has always given each call its own.
        expectSharingCSS(
            "m()\n  .item\n    color red\n+prefix-classes('p-')\n  .a\n    m()\n.c\n  m()\n",
            ".p-a .p-item {\n  color: #f00;\n}\n.c .item {\n  color: #f00;\n}\n")
    }

    /// A body copied for a call shares its plain names and operators; everything
    /// evaluation writes is new, and a deep copy shares none of the names.
    @Test func sharingCopiesShareOnlyWhatEvaluationNeverWrites() throws {
        let text = "m(v)\n  width v (v / 2) foo\n  x = v\n  @media only screen\n    top 0\n  &:hover\n    top 1px\n"
        var parser = StyParser(text, filename: "/t")
        let root = try parser.parse()
        let functions = root.nodes.compactMap { ($0 as? StyIdent)?.val as? StyFunction }
        let fn = try #require(functions.first)
        let body = try #require(fn.block)
        let copy = body.cloneBlock(nil, nil, .sharing)
        let deep = body.cloneBlock(nil, nil, .deep)
        let prop = try #require(body.nodes[0] as? StyProperty)
        let copiedProp = try #require(copy.nodes[0] as? StyProperty)
        #expect(copiedProp !== prop && copiedProp.expr !== prop.expr)
        #expect(copiedProp.segments[0] === prop.segments[0])
        let rule = try #require(body.nodes.compactMap { $0 as? StyGroup }.first)
        let copiedRule = try #require(copy.nodes.compactMap { $0 as? StyGroup }.first)
        #expect(copiedRule.nodes[0] !== rule.nodes[0])
        #expect(copiedRule.nodes[0].segments[0] === rule.nodes[0].segments[0])
        for (a, b) in zip(copiedProp.expr.nodes, prop.expr.nodes) {
            // `v`, `foo` and the operator over `v` and a unit are shared; the parenthesised
            // expression holding the operator is new.
            if a is StyExpression { #expect(a !== b) } else { #expect(a === b) }
        }
        let assignment = try #require(body.nodes[1] as? StyIdent)
        #expect(copy.nodes[1] !== assignment)
        let deepProp = try #require(deep.nodes[0] as? StyProperty)
        #expect(deepProp.segments[0] !== prop.segments[0])
        #expect(deepProp.expr.nodes[0] !== prop.expr.nodes[0])
        // A media query's type is a name: a deep copy must not share it (its lookup writes it).
        let media = try #require(body.nodes[2] as? StyMedia)
        let deepMedia = try #require(deep.nodes[2] as? StyMedia)
        let type = try #require(media.query.nodes.first?.type)
        #expect(deepMedia.query.nodes.first?.type !== type)
    }

    /// `looksLikeURL` no longer lowercases the path: it must answer as the version that did.
    @Test func urlTestAnswersAsTheLowercasingVersion() {
        func lowercasing(_ path: String) -> Bool {
            var s = Substring(path.lowercased())
            if s.hasPrefix("url") {
                var t = s.dropFirst(3)
                t = t.drop(while: { $0 == " " || $0 == "\t" })
                if t.hasPrefix("(") { s = t.dropFirst().drop(while: { $0 == " " || $0 == "\t" }) }
            }
            let full = path.lowercased()
            if full.contains("#") || full.contains("//") { return true }
            return s.hasPrefix("#")
        }
        let paths = [
            "a", "#x", "url(#x)", "URL( #x)", "url(a)", "http://x", "HTTPS://X/y.styl", "a//b", "a/b", "x#", "",
            "İstanbul/#", "ÄÖÜ", "url(", "url(  ", "/abs/path", "./rel", "Ω//", "\u{130}",
        ]
        for p in paths { #expect(StyEvaluator.looksLikeURL(p) == lowercasing(p), "\(p)") }
    }

    /// Compiles on several threads share one parse cache and one evaluation cache: every
    /// compile's copies (and what they share) must be its own, so each prints as alone.
    @Test func concurrentCompilesWithSharedCachesMatchScratch() {
        let files = [
            "/s/app.styl":
                "@import 'mixins'\n.a\n  m(1px)\n  +r(480px)\n    color darken(#abc, 10%)\n.b\n  @extend .a\n"
                + "  for i in 1 2 3\n    &-{i}\n      n(i)\n      width (i * 10%)\n",
            "/s/mixins.styl":
                "m(v)\n  width v\n  height @width\n  l = 1 2\n  push(l, v)\n  margin l\n  &:hover\n    top (v * 2)\n"
                + "n(i)\n  x = i + 1\n  z-index x\n  @media only screen and (min-width: 100px)\n    left i\n"
                + "r(bp)\n  @media (max-width: bp)\n    {block}\n",
        ]
        let compile: @Sendable (StylusParseCache?, StylusEvaluationCache?) -> String = {
            sharingCompile(files, $0, $1)
        }
        let scratch = compile(nil, nil)
        #expect(scratch.contains("z-index: 4;"))
        let parses = StylusParseCache()
        let evaluations = StylusEvaluationCache()
        let results = SharingResults()
        DispatchQueue.concurrentPerform(iterations: 24) { i in
            results.record(compile(parses, i % 3 == 0 ? nil : evaluations))
        }
        #expect(results.outputs == [scratch])
    }

    /// The watch-mode caches keep trees across compiles; compiles from them, cold and
    /// warm, print what a compile without them prints.
    @Test func cachedCompilesMatchUncached() {
        let files = [
            "/s/app.styl": "@import 'mixins'\n.a\n  m(1px)\n  m(2px)\n.b\n  for i in 1 2\n    &-{i}\n      n(i)\n",
            "/s/mixins.styl":
                "m(v)\n  width v\n  height @width\n  l = 1 2\n  push(l, v)\n  margin l\n  &:hover\n    top (v * 2)\n"
                + "n(i)\n  x = i + 1\n  z-index x\n  @media only screen\n    left i\n",
        ]
        let compile = { sharingCompile(files, $0, $1) }
        let scratch = compile(nil, nil)
        #expect(scratch.contains("margin: 1 2 2px;"))
        let parses = StylusParseCache()
        let evaluations = StylusEvaluationCache()
        #expect(compile(parses, evaluations) == scratch)
        #expect(compile(parses, evaluations) == scratch)
        #expect(compile(parses, nil) == scratch)
    }
}

/// The output of `/s/app.styl` among `files`, with the given caches.
private func sharingCompile(
    _ files: [String: String], _ parses: StylusParseCache?, _ evaluations: StylusEvaluationCache?
) -> String {
    StylusCompiler().compile(
        SourceFile(path: "/s/app.styl", text: files["/s/app.styl"] ?? ""),
        resolver: InMemoryResolver(files: files), cache: parses, evaluations: evaluations
    ).output
}

private final class SharingResults: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<String> = []
    func record(_ output: String) {
        lock.lock()
        defer { lock.unlock() }
        seen.insert(output)
    }
    var outputs: Set<String> {
        lock.lock()
        defer { lock.unlock() }
        return seen
    }
}
