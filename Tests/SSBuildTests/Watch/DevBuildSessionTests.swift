import Foundation
import SSCompilers
import Testing
@testable import SSBuild

/// A resolver whose files tests change between rebuilds, like an editor would.
final class MutableResolver: SourceResolver, @unchecked Sendable {
    private let lock = NSLock()
    private var resolver: InMemoryResolver

    init(_ files: [String: String]) { resolver = InMemoryResolver(files: files) }

    func set(_ path: String, _ text: String?) {
        lock.lock(); resolver.files[path] = text; lock.unlock()
    }

    private var current: InMemoryResolver { lock.lock(); defer { lock.unlock() }; return resolver }
    func readText(_ path: String) -> String? { current.readText(path) }
    func fileExists(_ path: String) -> Bool { current.fileExists(path) }
    func directoryExists(_ path: String) -> Bool { current.directoryExists(path) }
    func contentsOfDirectory(_ path: String) -> [String]? { current.contentsOfDirectory(path) }
}

/// A value tests change from outside a @Sendable closure.
final class LockedValue<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}

@Suite struct DevBuildSessionTests {
    let files = MutableResolver(SampleApp.files)
    let calls = StubCompilers.Calls()
    var session: DevBuildSession {
        DevBuildSession(builder: ProjectBuilder(root: ".", resolver: files, compilers: StubCompilers.make(calls: calls)))
    }

    @Test func stylesheetChangeSwapsCSSOnly() {
        let session = self.session
        #expect(session.start().update == .reload)
        files.set("app/css/vars.styl", "x = 3\n")
        let rebuild = session.rebuild(after: [FileChange(path: "app/css/vars.styl", kind: .modified)])
        #expect(rebuild.update == .css(["dev/app/css/app.css"]))
        #expect(rebuild.recompiled == 1)
        #expect(rebuild.terminalLine.hasPrefix("app/css/vars.styl changed: recompiled 1 node in "))
        #expect(rebuild.terminalLine.hasSuffix("CSS swapped (dev/app/css/app.css)"))
    }

    @Test func clientChangeReloads() {
        let session = self.session
        _ = session.start()
        files.set("app/client/aaa.js", "exports.first = 2;\n")
        #expect(session.rebuild(after: [FileChange(path: "app/client/aaa.js", kind: .modified)]).update == .reload)
    }

    @Test func newClientFileJoinsTheBundleInOrder() {
        let session = self.session
        _ = session.start()
        files.set("app/client/users/away.js", "exports.away = 1;\n")
        let rebuild = session.rebuild(after: [FileChange(path: "app/client/users/away.js", kind: .modified)])
        #expect(rebuild.update == .reload)
        let names = rebuild.result.assets.map(\.logicalName)
        let away = names.firstIndex(of: "dev/app/client/users/away.js")
        let online = names.firstIndex(of: "dev/app/client/users/online.js")
        #expect(away != nil && online != nil && away! < online!)
    }

    @Test func deletedFileLeavesTheBundle() {
        let session = self.session
        _ = session.start()
        files.set("lib/client/2.early.js", nil)
        let rebuild = session.rebuild(after: [FileChange(path: "lib/client/2.early.js", kind: .removed)])
        #expect(!rebuild.result.assets.map(\.logicalName).contains("dev/lib/client/2.early.js"))
    }

    @Test func errorKeepsLastGoodBuildAndRecoveryReloads() {
        let session = self.session
        _ = session.start()
        let good = session.currentBuild?.assets
        files.set("app/css/app.styl", "BROKEN\n")
        let failed = session.rebuild(after: [FileChange(path: "app/css/app.styl", kind: .modified)])
        guard case .errors(let diagnostics) = failed.update else {
            Issue.record("expected errors, got \(failed.update)")
            return
        }
        #expect(diagnostics.first?.headline == "app/css/app.styl:1:1: error[STY9999]: broken")
        #expect(session.currentBuild?.assets == good)
        files.set("app/css/app.styl", "body\n  color blue\n")
        #expect(session.rebuild(after: [FileChange(path: "app/css/app.styl", kind: .modified)]).update == .reload)
    }

    @Test func unrelatedChangeChangesNothing() {
        let session = self.session
        _ = session.start()
        files.set("app/css/other.styl", "unused = 3\n")
        let rebuild = session.rebuild(after: [FileChange(path: "app/css/other.styl", kind: .modified)])
        #expect(rebuild.update == LiveUpdate.none)
        #expect(rebuild.recompiled == 0)
    }

    @Test func configChangeReloadsOptionsAndRebuildsThePage() {
        let locals = LockedValue("{\"who\":\"a\"}")
        files.set("app/views/app.jade", "doctype html\nhtml\n  head\n    != SocketStream\n")
        let session = DevBuildSession(
            builder: ProjectBuilder(root: ".", resolver: files, compilers: StubCompilers.make(calls: calls)),
            reloadOptions: {
                var options = BuildOptions.development()
                options.pageLocalsJSON = locals.value
                return .success(options)
            })
        _ = session.start()
        locals.value = "{\"who\":\"b\"}"
        // Same page source, new locals: the stub renders the same text, so only the
        // reload path proves the options were read again.
        let rebuild = session.rebuild(after: [FileChange(path: "config/app.json", kind: .modified)])
        #expect(!rebuild.result.hasErrors)
        #expect(calls.count("render:app/views/app.jade") == 2)
    }

    @Test func brokenConfigShowsErrorsAndKeepsServing() {
        let session = DevBuildSession(
            builder: ProjectBuilder(root: ".", resolver: files, compilers: StubCompilers.make(calls: calls)),
            reloadOptions: {
                .failure(ConfigError([Diagnostic(.error, id: DiagnosticID("CFG0002"),
                                                              message: "unknown key 'prot'", path: "config/app.json")]))
            })
        _ = session.start()
        let good = session.currentBuild?.page
        let rebuild = session.rebuild(after: [FileChange(path: "config/app.json", kind: .modified)])
        guard case .errors(let diagnostics) = rebuild.update else {
            Issue.record("expected errors, got \(rebuild.update)")
            return
        }
        #expect(diagnostics.first?.headline == "config/app.json: error[CFG0002]: unknown key 'prot'")
        #expect(session.currentBuild?.page == good)
    }

    @Test func atomicSaveWithATemporaryFileRebuildsOnlyTheEditedNode() {
        let session = self.session
        _ = session.start()
        files.set("app/client/aaa.js", "exports.first = 3;\n")
        // Write aside, rename over: the temporary file appears and vanishes in one burst.
        let rebuild = session.rebuild(after: [
            FileChange(path: "app/client/aaa.js.tmp", kind: .removed),
            FileChange(path: "app/client/aaa.js", kind: .modified),
        ])
        #expect(rebuild.update == .reload)
        #expect(rebuild.recompiled == 1)
        let asset = rebuild.result.assets.first { $0.logicalName == "dev/app/client/aaa.js" }
        let text = String(decoding: asset?.contents ?? Data(), as: UTF8.self)
        #expect(text.contains("exports.first = 3;"))
    }

    @Test func deletedFolderRebuildsWithoutItsFiles() {
        let session = self.session
        _ = session.start()
        files.set("app/client/users/online.js", nil)
        let rebuild = session.rebuild(after: [FileChange(path: "app/client/users", kind: .removed)])
        #expect(!rebuild.result.assets.map(\.logicalName).contains("dev/app/client/users/online.js"))
    }

    @Test func editorScratchFilesAreIgnored() {
        #expect(!DevBuildSession.isRelevant("app/css/.app.styl.swp"))
        #expect(!DevBuildSession.isRelevant("app/css/app.styl~"))
        #expect(!DevBuildSession.isRelevant("public/assets/app-0123456789ab.js"))
        #expect(DevBuildSession.isRelevant("app/css/_partial.styl"))
        #expect(DevBuildSession.isRelevant("config/app.json"))
    }
}
