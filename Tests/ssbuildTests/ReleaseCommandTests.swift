import Foundation
import Testing

@Suite struct ReleaseCommandTests {
    private func newApp() throws -> (dir: String, app: String) {
        let dir = try CLIHarness.temporaryDirectory()
        let run = try CLIHarness.run(["new", "demo"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        return (dir, dir + "/demo")
    }

    @Test func releaseWritesHashedCompressedAssets() throws {
        let (dir, app) = try newApp()
        defer { CLIHarness.cleanUp(dir) }
        let run = try CLIHarness.run(["release", "--env", "production", "--no-server"], in: app)
        #expect(run.status == 0, "\(run.stderr)")
        let files = CLIHarness.tree(app + "/public").keys.sorted()
        let js = files.filter { $0.hasPrefix("assets/") && $0.hasSuffix(".js") }
        let css = files.filter { $0.hasPrefix("assets/") && $0.hasSuffix(".css") }
        #expect(js.count == 2)
        #expect(css.count == 1)
        for asset in js + css {
            #expect(files.contains(asset + ".gz"))
            #expect(asset.range(of: #"-[0-9a-f]{12}\.(js|css)$"#, options: .regularExpression) != nil)
        }
        #expect(files.contains("assets/manifest.json"))
        let html = String(decoding: FileManager.default.contents(atPath: app + "/public/index.html") ?? Data(),
                          as: UTF8.self)
        for asset in js + css { #expect(html.contains("/" + asset)) }
        #expect(run.stdout.contains("released 3 assets"))
    }

    @Test func releaseIsDeterministic() throws {
        let (dir, app) = try newApp()
        defer { CLIHarness.cleanUp(dir) }
        #expect(try CLIHarness.run(["release", "--no-server"], in: app).status == 0)
        let first = CLIHarness.tree(app + "/public")
        try FileManager.default.removeItem(atPath: app + "/public/assets")
        try FileManager.default.removeItem(atPath: app + "/public/index.html")
        #expect(try CLIHarness.run(["release", "--no-server"], in: app).status == 0)
        let second = CLIHarness.tree(app + "/public")
        #expect(first.keys.sorted() == second.keys.sorted())
        for (name, data) in first { #expect(second[name] == data, "\(name) differs between runs") }
    }

    @Test func stylesheetErrorFailsAndLeavesPublicUntouched() throws {
        let (dir, app) = try newApp()
        defer { CLIHarness.cleanUp(dir) }
        #expect(try CLIHarness.run(["release", "--no-server"], in: app).status == 0)
        let before = CLIHarness.tree(app + "/public")
        let stylesheet = app + "/app/css/app.styl"
        var text = String(decoding: FileManager.default.contents(atPath: stylesheet) ?? Data(), as: UTF8.self)
        text += "\n.broken\n  color darken(brand, \n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: stylesheet))
        let run = try CLIHarness.run(["release", "--no-server"], in: app)
        #expect(run.status != 0)
        #expect(run.stderr.contains("app/css/app.styl:"))
        #expect(run.stderr.contains("error["))
        #expect(CLIHarness.tree(app + "/public") == before)
    }
}
