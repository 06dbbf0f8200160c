import SSCompilers
import Testing

@testable import SSBuild

@Suite struct SwiftBuildOutputTests {
    let source = "import SSActions\n\nenum App: ActionNamespace {\n    static let x = nn\n}\n"

    @Test func errorsThroughTheLinkPointAtTheAppFile() throws {
        let output = """
            [3/5] Compiling AppWorker app.swift
            /srv/demo/.ssbuild/worker/Sources/AppWorker/server/app.swift:4:20: error: cannot find 'nn' in scope
            /srv/demo/.ssbuild/worker/Sources/AppWorker/server/app.swift:4:20: error: cannot find 'nn' in scope
            error: fatalError
            """
        let found = SwiftBuildOutput.diagnostics(output, appRoot: "/srv/demo") { path in
            path == "/srv/demo/app/server/app.swift" ? source : nil
        }
        #expect(found.count == 1)
        let d = try #require(found.first)
        #expect(d.id == .buildServerCompile)
        #expect(d.headline == "app/server/app.swift:4:20: error[BLD0011]: cannot find 'nn' in scope")
        #expect(d.rendered().contains("> 4 |     static let x = nn"))
    }

    @Test func realPathsAndNotes() throws {
        let output = """
            /srv/demo/app/server/app.swift:3:6: warning: unused
            /srv/demo/app/server/app.swift:4:5: error: bad thing
            /srv/demo/app/server/app.swift:3:1: note: declared here
            """
        let found = SwiftBuildOutput.diagnostics(output, appRoot: "/srv/demo") { _ in source }
        #expect(found.map(\.severity) == [.warning, .error])
        #expect(found[1].notes == ["note: declared here (app/server/app.swift:3:1)"])
    }

    @Test func appPathMapping() {
        #expect(SwiftBuildOutput.appPath("/x/.ssbuild/worker/Sources/AppWorker/server/a/b.swift", appRoot: "/x")
            == "app/server/a/b.swift")
        #expect(SwiftBuildOutput.appPath("/x/.ssbuild/worker/Tests/AppWorkerTests/t.swift", appRoot: "/x")
            == "test/server/t.swift")
        #expect(SwiftBuildOutput.appPath("/elsewhere/a.swift", appRoot: "/x") == "/elsewhere/a.swift")
    }

    @Test func linesThatAreNotDiagnosticsAreIgnored() {
        let found = SwiftBuildOutput.diagnostics("Building for debugging...\nerror: x\na.c:1:2: error: c file", appRoot: "/x") { _ in nil }
        #expect(found.isEmpty)
    }
}
