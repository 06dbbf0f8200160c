import Foundation
import SSCompilers
import SSScript
import Testing

@testable import SSBuild

/// `.coffee` files join the same pipeline as `.js`: discovered in app/client, app/shared and
/// lib/client, namespaced into the API tree, bundled, minified in release.
@Suite(.enabled(if: CoffeeScriptCompiler.standard.isAvailable, "needs Debian's coffeescript package"))
struct CoffeeScriptPipelineTests {
    static let files: [String: String] = [
        "app/views/app.jade": "doctype html\nhtml\n  head\n    != SocketStream\n",
        "app/client/app.coffee": "exports.init = -> SS.shared.calculate.circumference(20)\n",
        "app/client/ui/navbar.js": "exports.areas = ['Home'];\n",
        "app/shared/calculate.coffee": CoffeeScriptCompilerTests.calculate,
        "lib/client/1.helpers.coffee": "window.helper = (x) -> x + 1\n",
    ]

    private func pipelineText(_ result: BuildResult, _ name: String) -> String? {
        result.assets.first { $0.logicalName == name }.map { String(decoding: $0.contents, as: UTF8.self) }
    }

    @Test func developmentServesCompiledModulesAsJS() throws {
        let builder = ProjectBuilder(root: ".", resolver: InMemoryResolver(files: Self.files))
        let result = builder.build(.development())
        #expect(!result.hasErrors, "\(result.diagnostics.map { $0.rendered() })")
        let shared = try #require(pipelineText(result, "dev/app/shared/calculate.coffee.js"))
        #expect(shared.hasPrefix("SS.define(\"shared\",\"calculate\","))
        #expect(shared.contains("exports.circumference = function(radius = 1) {"))
        let lib = try #require(pipelineText(result, "dev/lib/client/1.helpers.coffee.js"))
        #expect(lib.contains("window.helper = function(x) {"))
    }

    @Test func releaseBundleRunsInJavaScriptCore() throws {
        let builder = ProjectBuilder(root: ".", resolver: InMemoryResolver(files: Self.files))
        let result = builder.build(.release())
        #expect(!result.hasErrors, "\(result.diagnostics.map { $0.rendered() })")
        let app = try #require(pipelineText(result, "app.js"))
        let context = ScriptContext(timeLimit: 5)
        try context.evaluate("var window = this;", sourceURL: "window.js")
        try context.evaluate(app, sourceURL: "app.js")
        #expect(try context.evaluate("SS.client.app.init()") == String(2 * (355.0 / 113.0) * 20))
        #expect(try context.evaluate("SS.client.ui.navbar.areas") == #"["Home"]"#)
    }

    @Test func sourceMapsLeadBackToCoffeeLines() throws {
        let builder = ProjectBuilder(root: ".", resolver: InMemoryResolver(files: Self.files))
        var options = BuildOptions.development()
        options.sourceMaps = true
        let result = builder.build(options)
        let module = try #require(pipelineText(result, "dev/app/shared/calculate.coffee.js"))
        #expect(module.hasSuffix("//# sourceMappingURL=calculate.coffee.js.map\n"))
        let map = try #require(
            pipelineText(result, "dev/app/shared/calculate.coffee.js.map").flatMap(SourceMap.init(json:)))
        #expect(map.sources == ["app/shared/calculate.coffee"])
        let lines = module.split(separator: "\n", omittingEmptySubsequences: false)
        let piLine = try #require(lines.firstIndex { $0.contains("estimatePi = function") })
        #expect(map.original(line: piLine, column: 0)?.originalLine == 3)

        var release = BuildOptions.release(minify: false)
        release.sourceMaps = true
        let bundle = builder.build(release)
        let appMap = try #require(pipelineText(bundle, "app.js.map").flatMap(SourceMap.init(json:)))
        #expect(appMap.sources.contains("app/shared/calculate.coffee"))
        #expect(appMap.sources.contains("app/client/app.coffee"))
    }

    @Test func coffeeErrorFailsTheBuildWithItsLine() throws {
        var files = Self.files
        files["app/shared/calculate.coffee"] = "exports.f = ->\n  if\n"
        let result = ProjectBuilder(root: ".", resolver: InMemoryResolver(files: files)).build(.development())
        let error = try #require(result.diagnostics.first { $0.id == .coffeeSyntax })
        #expect(error.locationPrefix.hasPrefix("app/shared/calculate.coffee:2:"))
    }
}
