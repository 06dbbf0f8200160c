import Foundation
import SSCompilers
import Testing
@testable import SSBuild

@Suite struct ReleaseBuilderTests {
    private func release(_ fs: any FileSystem, files: [String: String] = SampleApp.files) -> ReleaseBuilder.Report {
        let builder = ProjectBuilder(root: ".", resolver: InMemoryResolver(files: files),
                                     compilers: StubCompilers.make())
        return ReleaseBuilder(root: "/app", settings: .init(env: "production"), builder: builder, fileSystem: fs).run()
    }

    /// An independent copy of the app's public/ tree.
    private func copy(_ fs: InMemoryFileSystem) -> InMemoryFileSystem {
        let snapshot = fs.snapshot(under: "/app/public")
        return InMemoryFileSystem(files: Dictionary(uniqueKeysWithValues: snapshot.files.map { ("/app/public/" + $0.key, $0.value) }))
    }

    @Test func writesHashedAssetsManifestAndPage() throws {
        let fs = InMemoryFileSystem()
        let report = release(fs)
        #expect(report.succeeded, "\(report.diagnostics)")
        let files = fs.snapshot(under: "/app/public").files
        let names = files.keys.sorted()
        #expect(report.outputs.map(\.logicalName) == ["app.css", "app.js", "lib.js"])
        for output in report.outputs {
            #expect(names.contains("assets/" + output.file))
            #expect(names.contains("assets/" + output.file + ".gz"))
            #expect(names.contains("assets/" + output.file + ".br"))
        }
        let page = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        for output in report.outputs { #expect(page.contains("/assets/" + output.file)) }
        #expect(names.contains("assets/manifest.json"))
    }

    @Test func sameInputsGiveByteIdenticalOutput() {
        let first = InMemoryFileSystem()
        let second = InMemoryFileSystem()
        #expect(release(first).succeeded)
        #expect(release(second).succeeded)
        #expect(first.snapshot(under: "/app/public") == second.snapshot(under: "/app/public"))
    }

    @Test func buildErrorWritesNothing() {
        let fs = InMemoryFileSystem(files: ["/app/public/index.html": Data("old".utf8)])
        let before = fs.snapshot(under: "/app/public")
        var files = SampleApp.files
        files["app/css/app.styl"] = "BROKEN\n"
        let report = release(fs, files: files)
        #expect(!report.succeeded)
        #expect(report.diagnostics.first?.headline.hasPrefix("app/css/app.styl:1:1: error[STY9999]") == true)
        #expect(fs.snapshot(under: "/app/public") == before)
    }

    @Test func failureAtAnyWriteStepLeavesThePreviousReleaseIntact() {
        // A first release, then a changed second one failing at each step in turn.
        let base = InMemoryFileSystem()
        #expect(release(base).succeeded)
        let before = base.snapshot(under: "/app/public")
        var changed = SampleApp.files
        changed["app/client/aaa.js"] = "exports.first = false;\n"

        let counting = FaultInjectingFileSystem(wrapping: copy(base))
        #expect(release(counting, files: changed).succeeded)
        let steps = counting.mutationCount
        #expect(steps > 3)
        var failures = 0
        for step in 1...steps {
            let copy = copy(base)
            let report = release(FaultInjectingFileSystem(wrapping: copy, failAt: step), files: changed)
            if !report.succeeded {
                failures += 1
                #expect(report.diagnostics.last?.id == .buildReleaseFailed)
                #expect(copy.snapshot(under: "/app/public").files == before.files, "step \(step) changed public/")
            }
        }
        #expect(failures > 0)
    }
}
