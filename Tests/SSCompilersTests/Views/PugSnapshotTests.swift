import Foundation
import Testing
@testable import SSCompilers

/// Whole-template snapshots of the generated JavaScript: a virtual file map with a
/// layout, blocks, includes, mixins and filters in, one `.js` file per case out.
/// Re-record on purpose with `RECORD_SNAPSHOTS=1` (the recording run fails, so the
/// diff gets read).
@Suite struct PugSnapshotTests {
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static let files: [String: String] = [
        "/app/views/layout.pug": """
            doctype html
            html(lang='en')
              head
                block head
                  title= title
              body
                include nav
                block content
            """,
        "/app/views/nav.pug": """
            mixin link(href, text)
              a(href=href class={active: href === current})&attributes(attributes)= text
            nav
              each item in items || []
                +link(item.href, item.text)(data-id=item.id)
            """,
        "/app/views/page.pug": """
            extends layout
            append head
              style.
                body { margin: 0 }
            block content
              main#content.container
                h1 Hello #{user.name}!
                if user.admin
                  p.badge Admin
                else
                  p #[em Regular] user
                case user.plan
                  when 'pro': p Pro
                  default: p Free
                :cdata
                  raw <text>
                - var total = 0
                ul
                  while total < 2
                    li= total++
            """,
    ]

    func compile(_ path: String, pretty: Bool, debug: Bool) -> CompileResult {
        var options = PugOptions()
        options.pretty = pretty
        options.compileDebug = debug
        options.basedir = "/app/views"
        return PugCompiler(options: options).compileClient(SourceFile(path: path, text: Self.files[path] ?? ""),
                                                           resolver: InMemoryResolver(files: Self.files))
    }

    @Test(arguments: [("page-compact", false, false), ("page-pretty", true, false), ("page-debug", false, true)])
    func generatedCodeMatchesSnapshot(name: String, pretty: Bool, debug: Bool) throws {
        let result = compile("/app/views/page.pug", pretty: pretty, debug: debug)
        #expect(result.diagnostics.isEmpty)
        #expect(result.dependencies == ["/app/views/layout.pug", "/app/views/nav.pug"])
        let url = Self.snapshots.appendingPathComponent(name + ".js")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            try FileManager.default.createDirectory(at: Self.snapshots, withIntermediateDirectories: true)
            try Data(result.output.utf8).write(to: url)
            Issue.record("recorded \(name).js; run again without RECORD_SNAPSHOTS")
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(result.output == expected)
    }
}
