import Foundation
import SSCompilers
import SSScript
import Testing
@testable import SSBuild

/// The release of fixtures/apps/golden with the real compilers, compared with a
/// recorded snapshot (re-record on purpose with RECORD_SNAPSHOTS=1), and run in
/// JavaScriptCore to prove the minified bundles still behave.
@Suite struct GoldenReleaseTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let fixture = repo.appendingPathComponent("fixtures/apps/golden").path

    private func release() throws -> (ReleaseBuilder.Report, InMemoryFileSystem.Snapshot) {
        let config = try ConfigLoader.load(projectRoot: Self.fixture, env: "production", environment: [:],
                                           resolver: DiskResolver())
        let fs = InMemoryFileSystem()
        let settings = ReleaseBuilder.Settings(env: "production", minify: true,
                                               compression: config.assets.releaseCompression,
                                               pageLocalsJSON: config.views.localsJSON)
        let builder = ProjectBuilder(root: Self.fixture)
        let report = ReleaseBuilder(root: "/out", settings: settings, builder: builder, fileSystem: fs).run()
        return (report, fs.snapshot(under: "/out/public"))
    }

    /// Text files in full, compressed ones by size and digest.
    static func render(_ snapshot: InMemoryFileSystem.Snapshot) -> String {
        var out = ""
        for path in snapshot.files.keys.sorted() {
            let data = snapshot.files[path] ?? Data()
            if path.hasSuffix(".gz") || path.hasSuffix(".br") {
                out += "== \(path) (\(data.count) bytes, sha256 \(SHA256.hash(data).hex.prefix(16)))\n"
            } else {
                out += "== \(path) (\(data.count) bytes)\n" + String(decoding: data, as: UTF8.self) + "\n"
            }
        }
        return out
    }

    @Test func releaseMatchesTheSnapshot() throws {
        let (report, snapshot) = try release()
        #expect(report.succeeded, "\(report.diagnostics.map { $0.rendered() })")
        let text = Self.render(snapshot)
        let url = Self.repo.appendingPathComponent("Tests/SSBuildTests/Snapshots/golden-release.txt")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            Issue.record("recorded golden-release.txt; run again without RECORD_SNAPSHOTS")
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected)
    }

    @Test func minFilesPassThroughAndLibrariesKeepNumericOrder() throws {
        let (_, snapshot) = try release()
        let lib = try #require(snapshot.files.first { $0.key.hasPrefix("assets/lib-") && $0.key.hasSuffix(".js") })
        let text = String(decoding: lib.value, as: UTF8.self)
        let vendor = try String(contentsOfFile: Self.fixture + "/lib/client/1.vendor.min.js", encoding: .utf8)
        #expect(text.hasPrefix(vendor.trimmingCharacters(in: .newlines)))
        let second = try #require(text.range(of: "second"))
        let tenth = try #require(text.range(of: "tenth"))
        #expect(second.lowerBound < tenth.lowerBound)
    }

    @Test func releasedBundlesRunAndKeepPrivateNamesPrivate() throws {
        let (_, snapshot) = try release()
        let context = ScriptContext()
        _ = try context.evaluate("var window = this;", sourceURL: "setup.js")
        for prefix in ["assets/lib-", "assets/app-"] {
            let asset = try #require(snapshot.files.first { $0.key.hasPrefix(prefix) && $0.key.hasSuffix(".js") })
            _ = try context.evaluate(String(decoding: asset.value, as: UTF8.self), sourceURL: asset.key)
        }
        #expect(try context.evaluate("SS.client.app.init()") == "\"at 007\"")
        #expect(try context.evaluate("typeof prefix") == "\"undefined\"")
        #expect(try context.evaluate("tenth") == "10")
        #expect(try context.evaluate("SS.tmpl['chat-line']({who: 'Ann', text: '<hi>'})")
            == #""<li class=\"line\"><b>Ann</b> says &lt;hi&gt;</li>""#)
    }
}
