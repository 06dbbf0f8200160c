import Foundation
import SSBuild
import SSCompilers

/// Small stand-in compilers, so pipeline tests check ordering, wiring and caching alone.
/// Each marks its output so a test can see which compiler ran on what.
enum StubCompilers {
    /// Counts compiler calls per path, to prove what a rebuild recompiled.
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        func note(_ path: String) { lock.lock(); counts[path, default: 0] += 1; lock.unlock() }
        func count(_ path: String) -> Int { lock.lock(); defer { lock.unlock() }; return counts[path] ?? 0 }
    }

    static func make(calls: Calls = Calls()) -> Compilers {
        Compilers(
            stylesheet: { file, includePaths, resolver in
                calls.note(file.path)
                var out = "/*styl:\(file.path)*/\n"
                var deps = [file.path]
                for line in file.text.split(separator: "\n") {
                    if line.hasPrefix("@import ") {
                        let name = line.dropFirst(8).trimmingCharacters(in: CharacterSet(charactersIn: "'\" "))
                        let path = (includePaths.first ?? ".") + "/" + name + ".styl"
                        out += resolver.readText(path) ?? "/*missing \(path)*/"
                        deps.append(path)
                    } else if line.contains("BROKEN") {
                        return CompileResult(output: "", diagnostics: [
                            .error(DiagnosticID("STY9999"), "broken", in: file, at: file.location(line: 1, column: 1)),
                        ], dependencies: deps)
                    } else {
                        out += line + "\n"
                    }
                }
                return CompileResult(output: out, dependencies: deps)
            },
            template: { file, _ in
                calls.note(file.path)
                return CompileResult(output: "function template(locals){return \(jsonString(file.text))}")
            },
            renderView: { file, localsJSON, _ in
                calls.note("render:" + file.path)
                let locals = (try? JSONSerialization.jsonObject(with: Data(localsJSON.utf8))) as? [String: Any] ?? [:]
                let tags = locals["SocketStream"] as? String ?? ""
                return CompileResult(output: file.text.replacingOccurrences(of: "!= SocketStream", with: tags))
            },
            checkScript: { file in
                guard let range = file.text.range(of: "SYNTAX ERROR") else { return [] }
                let offset = file.text.utf8.distance(from: file.text.startIndex, to: range.lowerBound)
                return [.error(DiagnosticID("JS9999"), "syntax error", in: file, at: file.location(ofOffset: offset))]
            },
            minifyScript: { file in
                calls.note("min:" + file.path)
                let lines = file.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                return CompileResult(output: "/*min*/" + lines.filter { !$0.isEmpty }.joined(separator: " "))
            },
            minifyCSS: { file in
                CompileResult(output: "/*mincss*/" + file.text.replacingOccurrences(of: "\n", with: ""))
            },
            templateRuntime: "var pug_stub=1;"
        )
    }

    static func jsonString(_ s: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [s], options: [.fragmentsAllowed])
        return String(decoding: data, as: UTF8.self).dropFirst().dropLast().description
    }
}

/// A small app as an in-memory file map, for hermetic pipeline tests.
enum SampleApp {
    static let files: [String: String] = [
        "app/client/app.js": "exports.init = function () { return 1 };\n",
        "app/client/users/online.js": "var secret = 2;\nexports.count = function () { return secret };\n",
        "app/client/aaa.js": "exports.first = true;\n",
        "app/shared/calculate.js": "exports.twice = function (n) { return 2 * n };\n",
        "app/css/app.styl": "@import 'vars'\nbody\n  color red\n",
        "app/css/vars.styl": "x = 1\n",
        "app/css/other.styl": "unused = 2\n",
        "app/views/app.jade": "doctype html\nhtml\n  head\n    != SocketStream\n",
        "app/views/chat/message.jade": "li= text\n",
        "app/views/chat/panels/welcome.jade": "p welcome\n",
        "lib/client/10.late.js": "var late = 10\n",
        "lib/client/2.early.js": "var early = 2\n",
        "lib/client/3.vendor.min.js": "var   keep   =   'as is'\n",
        "lib/client/_ignored.js": "ignored()\n",
        "lib/css/1.reset.css": "* { margin: 0 }\n",
    ]

    static func builder(_ overrides: [String: String?] = [:], calls: StubCompilers.Calls = .init())
        -> (ProjectBuilder, InMemoryResolver)
    {
        var map = files
        for (path, text) in overrides { map[path] = text }
        let resolver = InMemoryResolver(files: map)
        return (ProjectBuilder(root: ".", resolver: resolver, compilers: StubCompilers.make(calls: calls)), resolver)
    }
}
