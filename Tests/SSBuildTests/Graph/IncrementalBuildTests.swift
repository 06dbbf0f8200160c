import Foundation
import SSCompilers
import Testing
@testable import SSBuild

/// Property tests of patched development builds: after every step of a random sequence
/// of edits (and some creations and deletions), the watch session's build must equal a
/// from-scratch build of the same files, byte for byte.
@Suite struct IncrementalBuildTests {
    /// A small deterministic generator (SplitMix64), so a failing sequence can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    }

    static let files: [String: String] = SampleApp.files.merging([
        "app/client/chat/send.js": "exports.go = function () { SS.server.chat.send(1) };\n",
        "app/server/chat.swift": "actions.on(\"send\") { _ in }\n",
        "app/css/_colors.styl": "c = red\n",
        "app/css/app.styl": "@import 'vars'\n@import '_colors'\nbody\n  color red\n",
        "app/views/chat/list.jade": "ul\n  include message\n",
    ]) { _, new in new }

    /// For each editable path, the texts a step may write (errors among them).
    static let variants: [String: [String]] = [
        "app/client/app.js": ["exports.init = 1;\n", "exports.init = 2;\n", "var x = 1;\n  SYNTAX ERROR\n"],
        "app/client/aaa.js": ["exports.first = 3;\n", "SS.server.chat.nope();\n", "exports.first = true;\n"],
        "app/client/chat/send.js": ["exports.go = function () { SS.server.chat.send(2) };\n",
                                    "exports.go = function () { SS.server.chat.other(2) };\n", "SYNTAX ERROR\n"],
        "app/shared/calculate.js": ["exports.twice = 2;\n", "exports.twice = function (n) { return n + n };\n"],
        "app/server/chat.swift": ["actions.on(\"send\") { _ in }\n", "actions.on(\"other\") { _ in }\n"],
        "app/css/vars.styl": ["x = 2\n", "x = 3\n", "BROKEN\n"],
        "app/css/_colors.styl": ["c = blue\n", "c = green\n"],
        "app/css/app.styl": ["@import 'vars'\nbody\n  color blue\n", "@import '_colors'\np\n  margin 0\n",
                             "@import 'vars'\n@import '_colors'\nbody\n  color red\n"],
        "app/css/other.styl": ["unused = 9\n"],
        "app/views/app.jade": ["doctype html\nhtml\n  head\n    != SocketStream\n  body\n",
                               "html\n  body\n", "doctype html\nhtml\n  head\n    != SocketStream\n"],
        "app/views/chat/message.jade": ["li= text\n", "li.new= text\n"],
        "app/views/chat/panels/welcome.jade": ["p welcome back\n", "p welcome\n"],
        "lib/client/2.early.js": ["var early = 3\n", "var early = 2 // end\n", "SYNTAX ERROR\n"],
        "lib/client/3.vendor.min.js": ["var kept = 1\n"],
        "lib/css/1.reset.css": ["* { padding: 0 }\n", "* { margin: 0 }\n"],
    ]

    /// Files a step may create or delete: sources (a structure change: a full build
    /// follows) and files the build ignores (the last build is patched).
    static let optional: [String: String] = [
        "app/client/users/away.js": "exports.away = 1;\n",
        "lib/client/5.middle.js": "var middle = 5\n",
        "app/views/chat/new.jade": "p new\n",
        "lib/css/2.theme.css": "body { color: red }\n",
        "app/client/notes.txt": "not code\n",
        "public/robots.txt": "User-agent: *\n",
    ]

    static func options(sourceMaps: Bool) -> BuildOptions {
        var options = BuildOptions.development()
        options.sourceMaps = sourceMaps
        options.rpcContract = .warn
        options.realtimeScript = "var realtime = 1;\n"
        options.pageLocalsJSON = "{\"title\":\"t\"}"
        return options
    }

    private func expectSameBuild(_ patched: BuildResult, _ fresh: BuildResult, _ step: String) {
        #expect(patched.assets.map(\.logicalName) == fresh.assets.map(\.logicalName), "\(step): asset names")
        for (a, b) in zip(patched.assets, fresh.assets) where a != b {
            let texts = [a, b].map { String(decoding: $0.contents, as: UTF8.self) }
            Issue.record("\(step): asset \(a.logicalName) differs:\n\(texts[0])\n---\n\(texts[1])")
        }
        #expect(patched.page == fresh.page, "\(step): page")
        #expect(patched.templates == fresh.templates, "\(step): templates")
        #expect(patched.diagnostics.map { $0.rendered() } == fresh.diagnostics.map { $0.rendered() },
                "\(step): diagnostics")
        #expect(patched.dependencies == fresh.dependencies, "\(step): dependencies")
        if let digest = patched.pageDigest { #expect(digest == ContentDigest(patched.page ?? ""), "\(step): digest") }
        #expect(patched.assetsDigest == fresh.assetsDigest, "\(step): assets digest")
    }

    private func run(seed: UInt64, steps: Int, sourceMaps: Bool) {
        var generator = Generator(state: seed)
        var current = Self.files
        let resolver = MutableResolver(current)
        let options = Self.options(sourceMaps: sourceMaps)
        let session = DevBuildSession(
            builder: ProjectBuilder(root: ".", resolver: resolver, compilers: StubCompilers.make()), options: options)
        _ = session.start()
        let editable = Self.variants.keys.sorted()
        let optional = Self.optional.keys.sorted()
        for step in 0..<steps {
            var changes: [FileChange] = []
            // Mostly single edits (the patched path), some bursts, a few structure changes.
            let roll = generator.next() % 10
            let count = roll < 7 ? 1 : roll < 9 ? 2 : 0
            for _ in 0..<count {
                let path = generator.pick(editable)
                let text = generator.pick(Self.variants[path] ?? [])
                current[path] = text
                resolver.set(path, text)
                changes.append(FileChange(path: path, kind: .modified))
            }
            if count == 0 {
                let path = generator.pick(optional)
                if current[path] == nil {
                    current[path] = Self.optional[path]
                    resolver.set(path, Self.optional[path])
                    changes.append(FileChange(path: path, kind: .modified))
                } else {
                    current[path] = nil
                    resolver.set(path, nil)
                    changes.append(FileChange(path: path, kind: .removed))
                }
            }
            let patched = session.rebuild(after: changes).result
            let fresh = ProjectBuilder(root: ".", resolver: InMemoryResolver(files: current),
                                       compilers: StubCompilers.make()).build(options)
            expectSameBuild(patched, fresh, "seed \(seed) step \(step) \(changes.map(\.path))")
        }
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func patchedBuildsEqualFromScratchBuilds(seed: UInt64) {
        run(seed: seed, steps: 60, sourceMaps: true)
    }

    @Test func patchedBuildsEqualFromScratchBuildsWithoutSourceMaps() {
        run(seed: 99, steps: 60, sourceMaps: false)
    }

    /// A session over `files` with stub compilers that count their calls.
    static func session() -> (DevBuildSession, MutableResolver, StubCompilers.Calls) {
        let calls = StubCompilers.Calls()
        let resolver = MutableResolver(files)
        let session = DevBuildSession(
            builder: ProjectBuilder(root: ".", resolver: resolver, compilers: StubCompilers.make(calls: calls)),
            options: options(sourceMaps: true))
        return (session, resolver, calls)
    }

    @Test func clientEditRecompilesOneNodeAndKeepsThePage() {
        let (session, resolver, calls) = Self.session()
        let first = session.start()
        resolver.set("app/client/aaa.js", "exports.first = 4;\n")
        let rebuild = session.rebuild(after: [FileChange(path: "app/client/aaa.js", kind: .modified)])
        #expect(rebuild.recompiled == 1)
        #expect(rebuild.update == .reload)
        #expect(calls.count("render:app/views/app.jade") == 1)
        #expect(rebuild.result.page == first.result.page)
        let changed = zip(first.result.assets, rebuild.result.assets).filter { $0 != $1 }.map { $0.1.logicalName }
        #expect(changed == ["dev/app/client/aaa.js", "dev/app/client/aaa.js.map"])
        #expect(rebuild.result.assetsDigest != first.result.assetsDigest)
    }

    @Test func fileTheBuildIgnoresChangesNothing() {
        let (session, resolver, calls) = Self.session()
        let first = session.start()
        resolver.set("app/client/notes.txt", "todo\n")
        let rebuild = session.rebuild(after: [FileChange(path: "app/client/notes.txt", kind: .modified)])
        #expect(rebuild.recompiled == 0)
        #expect(session.builder.cache.hits == 0, "patched, not looked up node by node")
        #expect(rebuild.update == LiveUpdate.none)
        #expect(calls.count("render:app/views/app.jade") == 1)
        #expect(rebuild.result.assets == first.result.assets)
    }

    @Test func viewEditRebuildsTemplatesScriptOnly() {
        let (session, resolver, calls) = Self.session()
        let first = session.start()
        resolver.set("app/views/chat/message.jade", "li.changed= text\n")
        let rebuild = session.rebuild(after: [FileChange(path: "app/views/chat/message.jade", kind: .modified)])
        #expect(calls.count("app/views/chat/message.jade") == 2)
        #expect(calls.count("app/views/chat/panels/welcome.jade") == 1)
        let changed = zip(first.result.assets, rebuild.result.assets).filter { $0 != $1 }.map { $0.1.logicalName }
        #expect(changed == ["dev/ss/templates.js"])
        #expect(rebuild.result.page == first.result.page)
        // Live reload compares digests only: the pieced-together digest must have changed.
        #expect(rebuild.update == .reload)
    }

    @Test func assetFieldsStayConsistentWhenSet() {
        var asset = BuiltAsset(logicalName: "a.js", kind: .script, contents: Data("a".utf8), sources: ["a"])
        let copy = asset
        asset.contents = Data("b".utf8)
        asset.logicalName = "b.js"
        #expect(asset.digest == ContentDigest("b"))
        #expect(copy.digest == ContentDigest("a") && copy.logicalName == "a.js")
        #expect(asset != copy)
        #expect(asset == BuiltAsset(logicalName: "b.js", kind: .script, contents: Data("b".utf8), sources: ["a"]))
    }

    @Test func pageIncludeEditRendersThePageAgain() {
        let (session, resolver, calls) = Self.session()
        _ = session.start()
        resolver.set("app/views/app.jade", "doctype html\nhtml\n  head\n    != SocketStream\n  body\n")
        let rebuild = session.rebuild(after: [FileChange(path: "app/views/app.jade", kind: .modified)])
        #expect(calls.count("render:app/views/app.jade") == 2)
        #expect(rebuild.result.page?.hasSuffix("  body\n") == true)
        #expect(rebuild.update == .reload)
    }
}
