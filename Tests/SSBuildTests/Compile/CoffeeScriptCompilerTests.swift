import Foundation
import SSCompilers
import SSScript
import Testing

@testable import SSBuild

/// The seed's CoffeeScript examples (README "square", "navbar", "calculate"), compiled with
/// Debian's CoffeeScript compiler and run in JavaScriptCore behind the same module registry
/// the browser loads.
@Suite(.enabled(if: CoffeeScriptCompiler.standard.isAvailable, "needs Debian's coffeescript package"))
struct CoffeeScriptCompilerTests {
    static let square = """
        exports.square = (number) ->
          SS.server.app.square number, (response) ->
            console.log "#{number} squared is #{response}"

        """
    static let navbar = """
        areas = ['Home', 'Products', 'Contact Us']

        exports.draw = ->
          areas.forEach (area) ->
            render(area)
            console.log(area + ' has been rendered')

        render = (area) ->
          $('body').append("<li>#{area}</li>")

        """
    static let calculate = """
        exports.circumference = (radius = 1) ->
          2 * estimatePi() * radius

        estimatePi = -> 355/113

        """

    private func coffeeCompile(_ path: String, _ text: String) throws -> String {
        let result = CoffeeScriptCompiler.standard.compile(SourceFile(path: path, text: text))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { $0.rendered() })")
        return result.output
    }

    /// A context with the browser module registry, stubs for what the seed's examples touch
    /// (`console.log`, `$`, `SS.server.app.square`), and the given modules loaded and started.
    private func coffeeContext(_ modules: [(tree: ModuleWrapper.Tree, id: String, js: String)]) throws -> ScriptContext
    {
        let context = ScriptContext(timeLimit: 5)
        try context.evaluate(ClientRuntime.source(env: "test"), sourceURL: "runtime.js")
        try context.evaluate(
            """
            var logged = [], body = [];
            var console = { log: function (m) { logged.push(String(m)) } };
            var $ = function (selector) { return { append: function (html) { body.push(selector + ':' + html) } } };
            SS.server = { app: { square: function (n, cb) { cb(n * n) } } };
            """, sourceURL: "stubs.js")
        for module in modules {
            try context.evaluate(
                ModuleWrapper.wrap(
                    module.js, tree: module.tree,
                    namespace: module.id.split(separator: "/")
                        .map(String.init)), sourceURL: module.id)
        }
        try context.evaluate("SS.start()", sourceURL: "start.js")
        return context
    }

    @Test func squareCallsTheServerAndLogs() throws {
        let js = try coffeeCompile("app/client/app.coffee", Self.square)
        #expect(!js.contains("(function() {"), "bare mode: the module wrapper already scopes the file")
        let context = try coffeeContext([(.client, "app", js)])
        try context.evaluate("SS.client.app.square(25)")
        #expect(try context.evaluate("logged") == #"["25 squared is 625"]"#)
    }

    @Test func navbarKeepsPrivatesPrivate() throws {
        let js = try coffeeCompile("app/client/navbar.coffee", Self.navbar)
        let context = try coffeeContext([(.client, "navbar", js)])
        try context.evaluate("SS.client.navbar.draw()")
        #expect(
            try context.evaluate("body")
                == #"["body:<li>Home</li>","body:<li>Products</li>","body:<li>Contact Us</li>"]"#)
        #expect(try context.evaluate("logged.length") == "3")
        #expect(try context.evaluate("Object.keys(SS.client.navbar)") == #"["draw"]"#)
        #expect(try context.evaluate("typeof areas + typeof render") == #""undefinedundefined""#)
    }

    @Test func calculateGivesTheSeedsAnswers() throws {
        let js = try coffeeCompile("app/shared/calculate.coffee", Self.calculate)
        let context = try coffeeContext([(.shared, "calculate", js)])
        let twenty: Double = try context.call("SS.shared.calculate.circumference", arguments: [20])
        #expect(twenty == 2 * (355.0 / 113.0) * 20)
        #expect(try context.evaluate("SS.shared.calculate.circumference()") == String(2 * (355.0 / 113.0)))
        #expect(try context.evaluate("Object.keys(SS.shared.calculate)") == #"["circumference"]"#)
    }

    @Test func syntaxErrorPointsAtTheCoffeeLine() throws {
        let file = SourceFile(path: "app/shared/broken.coffee", text: "ok = 1\n\nexports.f = (x) ->\n  x +* 2\n")
        let result = CoffeeScriptCompiler.standard.compile(file)
        let error = try #require(result.diagnostics.first)
        #expect(error.id == .coffeeSyntax)
        #expect(error.locationPrefix == "app/shared/broken.coffee:4:6")
        #expect(error.rendered().contains("error[COF0001]: unexpected *"))
        #expect(error.rendered().contains("4 |   x +* 2"))
        #expect(result.output.isEmpty)
    }

    @Test func errorColumnsCountCharactersNotUTF16Units() throws {
        let file = SourceFile(path: "emoji.coffee", text: "x = '🎉🎉' +* 2\n")
        let error = try #require(CoffeeScriptCompiler.standard.compile(file).diagnostics.first)
        #expect(error.locationPrefix == "emoji.coffee:1:11", "the `*` is the 11th character (13th UTF-16 unit)")
    }

    @Test func lineMapPointsBackAtCoffeeLines() throws {
        let result = CoffeeScriptCompiler.standard.compile(
            SourceFile(path: "a.coffee", text: Self.calculate))
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
        let returnLine = try #require(lines.firstIndex { $0.contains("return 2 * estimatePi()") })
        let mapping = try #require(result.lineMap.first { $0.outputLine == returnLine })
        #expect(mapping.sourcePath == "a.coffee")
        #expect(mapping.sourceLine == 2)
    }

    @Test func moduleSourceMapPointsAtCoffeeLines() throws {
        let file = SourceFile(path: "app/shared/calculate.coffee", text: Self.calculate)
        let map = try #require(CoffeeScriptCompiler.standard.moduleSourceMap(file))
        #expect(map.sources == ["app/shared/calculate.coffee"])
        #expect(map.sourcesContent == [Self.calculate])
        let module = ModuleWrapper.wrap(
            try coffeeCompile(file.path, file.text), tree: .shared, namespace: ["calculate"])
        let lines = module.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(map.original(line: 0, column: 0)?.source ?? -1 < 0, "the wrapper's header has no origin")
        let returnLine = try #require(lines.firstIndex { $0.contains("return 2 * estimatePi() * radius") })
        let column = try #require(lines[returnLine].range(of: "estimatePi")).lowerBound.utf16Offset(
            in: lines[returnLine])
        let mapping = try #require(map.original(line: returnLine, column: column))
        #expect(mapping.originalLine == 1)
        #expect(mapping.originalColumn == 6, "estimatePi in `  2 * estimatePi() * radius`")
        let piLine = try #require(lines.firstIndex { $0.contains("estimatePi = function") })
        #expect(map.original(line: piLine, column: 0)?.originalLine == 3)
        #expect(CoffeeScriptCompiler.standard.moduleSourceMap(SourceFile(path: "x.coffee", text: "x = (\n")) == nil)
    }

    @Test func literateCoffeeScript() throws {
        let text = "A literate file: prose, and indented code.\n\n    double = (x) -> x * 2\n\nMore prose.\n"
        let result = CoffeeScriptCompiler.standard.compile(SourceFile(path: "notes.litcoffee", text: text))
        #expect(result.diagnostics.isEmpty)
        #expect(result.output.hasPrefix("// A literate file: prose, and indented code.\n"))
        #expect(result.output.contains("double = function(x) {\n  return x * 2;\n};\n"))
    }

    @Test func missingCompilerNamesThePackage() {
        let compiler = CoffeeScriptCompiler(compilerPath: "/nonexistent/coffeescript.js")
        #expect(!compiler.isAvailable)
        let result = compiler.compile(SourceFile(path: "app/client/app.coffee", text: "x = 1\n"))
        let error = result.diagnostics.first
        #expect(error?.id == .coffeeMissingCompiler)
        #expect(error?.message.contains("install Debian's 'coffeescript' package") == true)
        #expect(error?.path == "app/client/app.coffee")
    }

    @Test func singleFileCompileAndMinify() {
        var options = SingleFileCompiler.Options()
        let resolver = InMemoryResolver(files: ["calc.coffee": Self.calculate])
        let plain = SingleFileCompiler(options: options, resolver: resolver).compile(path: "calc.coffee")
        #expect(plain.output.contains("exports.circumference = function(radius = 1) {"))
        options.minify = true
        let minified = SingleFileCompiler(options: options, resolver: resolver).compile(path: "calc.coffee")
        #expect(!minified.hasErrors)
        #expect(minified.output.count < plain.output.count)
        #expect(minified.output.contains("exports.circumference"))
    }

    @Test func viewFilterCompilesInlineCoffee() {
        let page = SourceFile(path: "app/views/app.jade", text: "script\n  :coffee-script\n    square = (x) -> x * x\n")
        let html = ViewRenderer().render(page, localsJSON: "{}", resolver: InMemoryResolver())
        #expect(html.diagnostics.isEmpty)
        #expect(html.output.contains("<script>(function() {"))
        #expect(html.output.contains("square = function(x) {"))
        let bare = SourceFile(path: "v.jade", text: "script\n  :coffee(bare=true)\n    f = -> 1\n")
        let bareHTML = ViewRenderer().render(bare, localsJSON: "{}", resolver: InMemoryResolver())
        #expect(bareHTML.output.hasPrefix("<script>var f;"))
    }

    @Test func clientTemplatesUseTheFilterToo() {
        let view = SourceFile(path: "app/views/chat/widget.jade", text: "div\n  script\n    :coffee\n      f = -> 1\n")
        let template = Compilers.standard.template(view, InMemoryResolver())
        #expect(template.diagnostics.isEmpty)
        #expect(template.output.contains("f = function() {"))
    }

    @Test func viewFilterErrorNamesTheLine() {
        let page = SourceFile(path: "app/views/app.jade", text: "p hi\nscript\n  :coffee\n    x = 1\n    y = (\n")
        let html = ViewRenderer().render(page, localsJSON: "{}", resolver: InMemoryResolver())
        let error = html.diagnostics.first
        #expect(error?.message.contains("filter \":coffee\" failed: line 2:") == true, "\(html.diagnostics)")
        #expect(error?.locationPrefix.hasPrefix("app/views/app.jade:3") == true)
    }
}
