import Foundation
import Testing

@Suite struct NewCommandTests {
    @Test func generatesTheLayout() throws {
        let dir = try CLIHarness.temporaryDirectory()
        defer { CLIHarness.cleanUp(dir) }
        let run = try CLIHarness.run(["new", "demo"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let files = CLIHarness.tree(dir + "/demo").keys.sorted()
        for expected in ["app/client/app.js", "app/shared/calculate.js", "app/server/app.swift", "app/css/app.styl",
                         "app/views/app.jade", "app/views/chat/panels/welcome.jade", "lib/client/1.dom.js",
                         "lib/css/1.reset.css", "config/app.json"] {
            #expect(files.contains(expected), "missing \(expected)")
        }
    }

    @Test func refusesANonEmptyFolder() throws {
        let dir = try CLIHarness.temporaryDirectory()
        defer { CLIHarness.cleanUp(dir) }
        try FileManager.default.createDirectory(atPath: dir + "/demo", withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: dir + "/demo/notes.txt"))
        let run = try CLIHarness.run(["new", "demo"], in: dir)
        #expect(run.status != 0)
        #expect(run.stderr.contains("'demo' exists and is not empty"))
        #expect(CLIHarness.tree(dir + "/demo").keys.sorted() == ["notes.txt"])
    }
}

@Suite struct NewCoffeeCommandTests {
    @Test func generatesACoffeeScriptApp() throws {
        let dir = try CLIHarness.temporaryDirectory()
        defer { CLIHarness.cleanUp(dir) }
        let run = try CLIHarness.run(["new", "--coffee", "demo"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let tree = CLIHarness.tree(dir + "/demo")
        for expected in ["app/client/app.coffee", "app/client/ui/messages.coffee", "app/shared/calculate.coffee",
                         "app/server/app.swift", "app/views/app.jade", "lib/client/1.dom.js"] {
            #expect(tree.keys.contains(expected), "missing \(expected)")
        }
        #expect(!tree.keys.contains("app/client/app.js"))
        let calculate = tree["app/shared/calculate.coffee"].map { String(decoding: $0, as: UTF8.self) }
        #expect(calculate?.contains("exports.circumference = (radius) ->") == true)
    }
}
