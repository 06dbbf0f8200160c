// These tests need the compiler too: SSScriptTests must list "SSCompilers" among its
// dependencies in Package.swift. Until it does, the file compiles to nothing.
#if canImport(SSCompilers)
import Foundation
import SSCompilers
import Testing
@testable import SSScript

/// The render functions are what the browser runs for client templates: the same
/// compiled functions must give byte-identical HTML in headless Chromium and in
/// JavaScriptCore at build time.
@Suite struct PugBrowserParityTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static let samples: [(template: String, locals: String)] = [
        ("doctype html\nhtml(lang='en')\n  head\n    title #{title} | #{appName}\n  body.page\n    header#top.navbar\n      a.brand(href='/') #{appName}\n      ul.nav\n        li: a(href='/a') A\n    p &copy; #{year} v#{version}",
         #"{"title":"Chat","appName":"Ünïcode <app>","year":2026,"version":"1.0"}"#),
        ("ul\n  each user, i in users\n    li(class={admin: user.admin}, data-i=i)= user.name\n  else\n    li none",
         #"{"users":[{"name":"Ann \"A\"","admin":true},{"name":"Bo & co","admin":false}]}"#),
        ("mixin card(title, ...tags)\n  .card&attributes(attributes)\n    h3= title\n    each t in tags\n      span.tag= t\n    block\n+card('Hi', 'x', 'y')(style={color: 'red'})\n  p body",
         "{}"),
        ("- var d = new Date(0)\np= d.toISOString()\np= (0.1 + 0.2).toFixed(2) + ' ' + 1e21 + ' ' + [1, [2, 3]]\np= JSON.stringify({a: 'é', b: [1.5, null]})",
         "{}"),
        ("case kind\n  when 'a': p A\n  default: p other #{kind}\nif !missing\n  p #[em no] #{'<b>'} !{'<i>x</i>'}",
         #"{"kind":"zz"}"#),
    ]

    @Test(.enabled(if: chromium != nil, "needs a Chromium binary"))
    func chromiumAndJavaScriptCoreAgree() throws {
        var options = PugOptions()
        options.pretty = true
        var functions: [String] = []
        var expected: [String] = []
        let context = ScriptContext()
        try context.evaluate(PugRuntime.source)
        for (index, sample) in Self.samples.enumerated() {
            let compiled = PugCompiler(options: options).compileClient(SourceFile(path: "s\(index).pug", text: sample.template),
                                                                       resolver: InMemoryResolver())
            #expect(compiled.diagnostics.isEmpty)
            functions.append(compiled.output)
            expected.append(try context.callString(compiled.output, argumentsJSON: [sample.locals]))
        }
        let calls = zip(functions, Self.samples).map { "(" + $0 + ")(" + $1.locals + ")" }.joined(separator: ",\n")
        let page = """
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body><script>
            \(PugRuntime.source)
            var out = [\(calls)];
            document.body.setAttribute('data-out', btoa(unescape(encodeURIComponent(JSON.stringify(out)))));
            </script></body></html>
            """
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pug-parity-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("page.html")
        try page.write(to: file, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.chromium!)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + directory.path + "/profile",
                             "--dump-dom", file.absoluteString]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let dom = String(decoding: data, as: UTF8.self)
        let encoded = try #require(dom.components(separatedBy: "data-out=\"").dropFirst().first?.components(separatedBy: "\"").first)
        let json = try #require(Data(base64Encoded: encoded))
        let browser = try JSONDecoder().decode([String].self, from: json)
        #expect(browser == expected)
        #expect(expected[0].contains("Ünïcode &lt;app&gt;"))
    }
}
#endif
