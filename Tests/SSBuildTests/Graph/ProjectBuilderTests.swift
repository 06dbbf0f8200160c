import Foundation
import SSCompilers
import Testing
@testable import SSBuild

@Suite struct ProjectBuilderTests {
    private func text(_ result: BuildResult, _ name: String) -> String {
        String(decoding: result.assets.first { $0.logicalName == name }?.contents ?? Data(), as: UTF8.self)
    }

    @Test func releaseOrdersLibrariesNumericallyAndPassesMinFilesThrough() {
        let (builder, _) = SampleApp.builder()
        let result = builder.build(.release())
        #expect(!result.hasErrors)
        #expect(text(result, "lib.js") == "/*min*/var early = 2\n;\nvar   keep   =   'as is'\n;\n/*min*/var late = 10\n;\n")
    }

    @Test func releaseBundlesRuntimeTemplatesSharedThenClientModules() throws {
        let (builder, _) = SampleApp.builder()
        let app = text(builder.build(.release(minify: false)), "app.js")
        let order = ["SS.define=function", "pug_stub", "SS.tmpl[\"chat-message\"]", "SS.tmpl[\"chat-panels-welcome\"]",
                     "SS.define(\"shared\",\"calculate\"", "SS.define(\"client\",\"app\"",
                     "SS.define(\"client\",\"aaa\"", "SS.define(\"client\",\"users/online\"", "SS.start();"]
        let positions = try order.map { marker in
            try #require(app.range(of: marker), "missing \(marker)").lowerBound
        }
        #expect(positions == positions.sorted())
    }

    @Test func releaseCSSPutsLibraryStylesFirst() {
        let (builder, _) = SampleApp.builder()
        let css = text(builder.build(.release(minify: false)), "app.css")
        #expect(css == "* { margin: 0 }\n/*styl:app/css/app.styl*/\nx = 1\nbody\n  color red\n")
    }

    @Test func pageGetsStylesheetsThenScriptsThenTemplates() throws {
        let (builder, _) = SampleApp.builder()
        let page = try #require(builder.build(.release()).page)
        #expect(page == """
            doctype html
            html
              head
                <link href="/assets/app.css" rel="stylesheet"><script src="/assets/lib.js" defer></script>\
            <script src="/assets/app.js" defer></script><script type="text/html" id="chat-message">li= text
            </script><script type="text/html" id="chat-panels-welcome">p welcome
            </script>

            """)
    }

    @Test func developmentEmitsOneAssetPerSourceFile() {
        let (builder, _) = SampleApp.builder()
        let result = builder.build(.development())
        #expect(result.assets.map(\.logicalName) == [
            "dev/lib/css/1.reset.css", "dev/app/css/app.css",
            "dev/lib/client/2.early.js", "dev/lib/client/3.vendor.min.js", "dev/lib/client/10.late.js",
            "dev/ss/runtime.js", "dev/ss/templates.js",
            "dev/app/shared/calculate.js", "dev/app/client/app.js", "dev/app/client/aaa.js",
            "dev/app/client/users/online.js", "dev/ss/start.js",
        ])
        #expect(text(result, "dev/lib/client/2.early.js") == "var early = 2\n;\n")
    }

    @Test func developmentPageLeavesTemplateBlocksToTemplatesScript() throws {
        let (builder, _) = SampleApp.builder()
        let result = builder.build(.development())
        let page = try #require(result.page)
        #expect(!page.contains("text/html"))
        let templates = text(result, "dev/ss/templates.js")
        #expect(templates.contains(#"["chat-message","li= text\n"]"#))
        #expect(templates.contains("s.type='text/html'"))
    }

    @Test func unchangedRebuildCompilesNothing() {
        let calls = StubCompilers.Calls()
        let (builder, _) = SampleApp.builder(calls: calls)
        _ = builder.build(.release())
        builder.cache.resetCounters()
        _ = builder.build(.release())
        #expect(builder.cache.misses == 0)
        #expect(calls.count("app/css/app.styl") == 1)
        #expect(calls.count("app/views/chat/message.jade") == 1)
    }

    @Test func changedPartialRecompilesOnlyItsImporter() {
        let calls = StubCompilers.Calls()
        var files = SampleApp.files
        let (first, _) = SampleApp.builder(calls: calls)
        _ = first.build(.release(minify: false))
        // A new builder over changed files that reuses the first one's cache proves the
        // cache, not the snapshot, decides.
        files["app/css/vars.styl"] = "x = 2\n"
        let changed = ProjectBuilder(root: ".", resolver: InMemoryResolver(files: files),
                                     compilers: StubCompilers.make(calls: calls), cache: first.cache)
        let result = changed.build(.release(minify: false))
        #expect(calls.count("app/css/app.styl") == 2)
        #expect(calls.count("app/views/chat/message.jade") == 1)
        #expect(text(result, "app.css").contains("x = 2"))
    }

    @Test func syntaxErrorInClientCodeIsReportedWithItsLocation() {
        let (builder, _) = SampleApp.builder(["app/client/users/online.js": "var a = 1;\n  SYNTAX ERROR\n"])
        let result = builder.build(.release())
        #expect(result.hasErrors)
        #expect(result.page == nil)
        #expect(result.diagnostics.first?.headline == "app/client/users/online.js:2:3: error[JS9999]: syntax error")
    }

    @Test func librariesEndingInALineCommentStayTerminated() {
        #expect(ProjectBuilder.terminated("var a = 1 // note") == "var a = 1 // note\n;\n")
        #expect(ProjectBuilder.terminated("var a = 1;\n\n") == "var a = 1;\n")
        #expect(ProjectBuilder.terminated("") == "\n")
    }

    @Test func missingPageIsAnError() {
        let (builder, _) = SampleApp.builder(["app/views/app.jade": String?.none])
        let result = builder.build(.release())
        #expect(result.diagnostics.map(\.id).contains(.buildMissingFile))
    }

    @Test func pageWithoutSocketStreamTagIsAnError() {
        let (builder, _) = SampleApp.builder(["app/views/app.jade": "html\n  body\n"])
        #expect(builder.build(.release()).diagnostics.map(\.id) == [.buildMissingSocketStreamTag])
    }

    @Test func pageLocalsSpliceTheTagsIntoTheConfiguredLocals() throws {
        let tags = "<link href=\"/a.css\"></script>"
        for (locals, expected) in [("{\"b\":1,\"SocketStream\":\"old\",\"a\":[true]}", ["a", "b"]),
                                   ("{}", []), ("not json", []), ("[1]", [])] {
            let json = ProjectBuilder.pageLocals(locals, socketStream: tags)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect(object["SocketStream"] as? String == tags, "\(locals)")
            #expect(object.keys.filter { $0 != "SocketStream" }.sorted() == expected, "\(locals)")
        }
    }

    @Test func namespaceConflictFailsTheBuild() {
        let (builder, _) = SampleApp.builder(["app/client/users.js": "exports.x = 1\n"])
        let result = builder.build(.release())
        #expect(result.diagnostics.map(\.id) == [.buildNamespaceConflict])
    }
}
