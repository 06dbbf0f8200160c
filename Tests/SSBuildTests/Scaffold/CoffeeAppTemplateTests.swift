import Foundation
import SSCompilers
import SSScript
import Testing

@testable import SSBuild

/// `ssbuild new --coffee`: the same app as the JavaScript template, with `.coffee` client
/// and shared code that builds and behaves the same.
@Suite(.enabled(if: CoffeeScriptCompiler.standard.isAvailable, "needs Debian's coffeescript package"))
struct CoffeeAppTemplateTests {
    private func scaffoldBuild(_ language: AppTemplate.Language) throws -> (files: [String], appJS: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ss-new-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try AppGenerator().generate(at: dir + "/demo", language: language)
        let result = ProjectBuilder(root: dir + "/demo").build(.release(minify: false))
        #expect(!result.hasErrors, "\(result.diagnostics.map { $0.rendered() })")
        let app = result.assets.first { $0.logicalName == "app.js" }.map {
            String(decoding: $0.contents, as: UTF8.self)
        }
        return (files.sorted(), try #require(app))
    }

    /// Runs the bundle with a document that is still loading, so nothing touches the DOM.
    private func scaffoldContext(_ appJS: String) throws -> ScriptContext {
        let context = ScriptContext(timeLimit: 5)
        try context.evaluate(
            """
            var window = this, loaded = [];
            var dom = { ready: function (fn) { loaded.push(fn) } };
            """, sourceURL: "stubs.js")
        try context.evaluate(appJS, sourceURL: "app.js")
        return context
    }

    @Test func writesCoffeeFilesForClientAndShared() throws {
        let files = AppTemplate.files(name: "demo", language: .coffeeScript).map(\.path)
        #expect(files.contains("app/client/app.coffee"))
        #expect(files.contains("app/client/ui/messages.coffee"))
        #expect(files.contains("app/shared/calculate.coffee"))
        #expect(files.contains("lib/client/1.dom.js"))
        #expect(!files.contains { $0.hasPrefix("app/") && $0.hasSuffix(".js") })
        let readme = AppTemplate.files(name: "demo", language: .coffeeScript).first { $0.path == "README.md" }
        #expect(readme?.contents.contains("app/client/ui/messages.coffee") == true)
    }

    @Test func coffeeAppBuildsAndMatchesTheJavaScriptApp() throws {
        let coffee = try scaffoldBuild(.coffeeScript)
        let js = try scaffoldBuild(.javaScript)
        #expect(coffee.files.map { $0.replacingOccurrences(of: ".coffee", with: ".js") } == js.files)
        let coffeeContext = try scaffoldContext(coffee.appJS)
        let jsContext = try scaffoldContext(js.appJS)
        for probe in [
            "Object.keys(SS.client.app).concat(Object.keys(SS.client.ui.messages), Object.keys(SS.shared.calculate))",
            "[SS.shared.calculate.circumference(10), SS.shared.calculate.square(12), loaded.length]",
        ] {
            let fromCoffee = try coffeeContext.evaluate(probe)
            #expect(fromCoffee == (try jsContext.evaluate(probe)), "\(probe)")
            #expect(fromCoffee != nil && fromCoffee != "[]")
        }
    }
}
