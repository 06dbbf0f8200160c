import Foundation
import SSCompilers
import Testing

@testable import SSBuild

/// The seed's CoffeeScript examples (square, navbar, calculate) built into a release bundle
/// and run in headless Chromium: the real browser runs the compiled, namespaced, minified
/// code. `SS.server.app.square` and `$` are small stand-ins (the server side is covered by
/// the runtime's tests).
@Suite(
    .enabled(
        if: CoffeeScriptCompiler.standard.isAvailable && HeadlessChromium.isAvailable,
        "needs Debian's coffeescript and chromium packages"))
struct CoffeeScriptBrowserTests {
    static let files: [String: String] = [
        "app/views/app.jade": "doctype html\nhtml\n  head\n    != SocketStream\n",
        "app/client/app.coffee": CoffeeScriptCompilerTests.square,
        "app/client/navbar.coffee": CoffeeScriptCompilerTests.navbar,
        "app/shared/calculate.coffee": CoffeeScriptCompilerTests.calculate,
        "lib/client/1.jquery-lite.js": """
        // Just enough of jQuery for the seed's navbar example.
        window.$ = function (selector) {
          var node = document.querySelector(selector);
          return { append: function (html) { node.insertAdjacentHTML('beforeend', html); } };
        };

        """,
    ]

    @Test func seedExamplesRunInChromium() throws {
        let result = ProjectBuilder(root: ".", resolver: InMemoryResolver(files: Self.files)).build(.release())
        #expect(!result.hasErrors, "\(result.diagnostics.map { $0.rendered() })")
        let script = { (name: String) -> String in
            let text = result.assets.first { $0.logicalName == name }.map {
                String(decoding: $0.contents, as: UTF8.self)
            }
            return (text ?? "").replacingOccurrences(of: "</script", with: "<\\/script")
        }
        #expect(script("app.js").count > 100)
        let html = """
            <!doctype html><html><head><meta charset="utf-8"></head><body><ul id="out"></ul><script>
            var logged = [];
            console.log = function (m) { logged.push(String(m)); };
            var SS = { server: { app: { square: function (n, cb) { cb(n * n); } } } };
            </script><script>\(script("lib.js"))</script><script>\(script("app.js"))</script><script>
            SS.client.navbar.draw();
            SS.client.app.square(25);
            document.getElementById('out').insertAdjacentHTML('afterend', '<p id="report">' + JSON.stringify({
              logged: logged, circumference: SS.shared.calculate.circumference(20),
              api: Object.keys(SS.client.navbar).concat(Object.keys(SS.shared.calculate))
            }) + '</p>');
            </script></body></html>
            """
        let body = try HeadlessChromium.body(ofPage: html)
        #expect(body.contains("<li>Home</li><li>Products</li><li>Contact Us</li>"), "\(body.prefix(400))")
        let report = try #require(
            body.range(of: "<p id=\"report\">").flatMap { start in
                body[start.upperBound...].range(of: "</p>").map { String(body[start.upperBound..<$0.lowerBound]) }
            })
        #expect(
            report
                == #"{"logged":["Home has been rendered","Products has been rendered","Contact Us has been rendered","#
                + #""25 squared is 625"],"circumference":125.6637168141593,"api":["draw","circumference"]}"#)
    }
}
