import Foundation
import SSCompilers
import Testing
@testable import SSBuild

/// The watch loop with the real compilers (Stylus, Pug in JavaScriptCore, the JavaScript
/// checker) on a small app: pre-rendered views match the renderer, and patched builds
/// match from-scratch builds after edits of a view, an include and a partial.
@Suite struct StandardPipelineTests {
    static let files: [String: String] = [
        "app/client/app.js": "exports.init = function () { return SS.tmpl['chat-message']; };\n",
        "app/css/app.styl": "@import 'colors'\nbody\n  color c\n",
        "app/css/colors.styl": "c = #123456\n",
        "app/views/app.jade": "doctype html\nhtml\n  head\n    != SocketStream\n  body\n    p Hello\n",
        "app/views/chat/message.jade": "li.message\n  include ../parts/name.jade\n",
        "app/views/chat/notes.jade": ":markdown\n  # Notes\n  *soon*\n",
        "app/views/parts/name.jade": "span.name Ann\n",
    ]

    static var options: BuildOptions {
        var options = BuildOptions.development()
        options.sourceMaps = true
        options.rpcContract = .warn
        return options
    }

    @Test func preRenderedViewsMatchTheRenderer() throws {
        let resolver = InMemoryResolver(files: Self.files)
        let result = ProjectBuilder(root: ".", resolver: resolver).build(Self.options)
        #expect(!result.hasErrors, "\(result.diagnostics.map { $0.rendered() })")
        for template in result.templates {
            let file = SourceFile(path: template.path, text: try #require(Self.files[template.path]))
            let rendered = ViewRenderer(options: ViewOptions.project(resolver)).render(file, localsJSON: "{}",
                                                                                         resolver: resolver)
            #expect(template.html == rendered.output, "\(template.path)")
        }
        let message = result.templates.first { $0.id == "chat-message" }
        #expect(message?.html == "<li class=\"message\"><span class=\"name\">Ann</span></li>")
        #expect(result.templates.first { $0.id == "chat-notes" }?.html?.contains("<h1>Notes</h1>") == true)
    }

    @Test func pageWithTheTagsSplicedInEqualsThePageRenderedWithThem() throws {
        let resolver = InMemoryResolver(files: Self.files)
        let builder = ProjectBuilder(root: ".", resolver: resolver)
        let result = builder.build(Self.options)
        let tags = ProjectBuilder.socketStreamTags(assets: result.assets, templates: [],
                                                   assetURL: { "/assets/" + $0.logicalName })
        let page = SourceFile(path: "app/views/app.jade", text: try #require(Self.files["app/views/app.jade"]))
        let direct = ViewRenderer(options: ViewOptions.project(resolver)).render(
            page, localsJSON: ProjectBuilder.pageLocals("{}", socketStream: tags), resolver: resolver)
        #expect(result.page == direct.output)
        #expect(result.page?.contains(ProjectBuilder.tagsMarker) == false)
    }

    @Test func pageThatUsesSocketStreamOtherwiseIsRenderedWithTheTags() throws {
        var files = Self.files
        files["app/views/app.jade"] =
            "doctype html\nhtml\n  head\n    != SocketStream\n  body\n    p= SocketStream.length\n"
        let result = ProjectBuilder(root: ".", resolver: InMemoryResolver(files: files)).build(Self.options)
        let tags = ProjectBuilder.socketStreamTags(assets: result.assets, templates: [],
                                                   assetURL: { "/assets/" + $0.logicalName })
        #expect(result.page?.contains("<p>\(tags.utf16.count)</p>") == true)
        #expect(result.page?.contains(ProjectBuilder.tagsMarker) == false)
    }

    @Test func patchedBuildsMatchFromScratchBuilds() {
        var current = Self.files
        let resolver = MutableResolver(current)
        let session = DevBuildSession(builder: ProjectBuilder(root: ".", resolver: resolver), options: Self.options)
        _ = session.start()
        let edits: [(String, String)] = [
            ("app/views/parts/name.jade", "span.name Bob\n"),
            ("app/views/chat/message.jade", "li.message.new\n  include ../parts/name.jade\n"),
            ("app/css/colors.styl", "c = #654321\n"),
            ("app/client/app.js", "exports.init = 2;\n"),
            ("app/views/app.jade", "doctype html\nhtml\n  head\n    != SocketStream\n  body\n    p Bye\n"),
        ]
        for (path, text) in edits {
            current[path] = text
            resolver.set(path, text)
            let patched = session.rebuild(after: [FileChange(path: path, kind: .modified)]).result
            let fresh = ProjectBuilder(root: ".", resolver: InMemoryResolver(files: current)).build(Self.options)
            #expect(patched.assets == fresh.assets, "\(path)")
            #expect(patched.page == fresh.page, "\(path)")
            #expect(patched.templates == fresh.templates, "\(path)")
            #expect(patched.diagnostics.map { $0.rendered() } == fresh.diagnostics.map { $0.rendered() }, "\(path)")
        }
        #expect(session.currentBuild?.templates.first { $0.id == "chat-message" }?.html
            == "<li class=\"message new\"><span class=\"name\">Bob</span></li>")
    }
}
