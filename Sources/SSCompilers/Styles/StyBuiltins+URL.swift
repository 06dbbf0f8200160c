import Foundation

/// `embedurl()` (data URIs through the resolver) and the `--resolve-url` rewriting of
/// `url()` in imported files.
extension StyBuiltins {
    struct ParsedURL {
        var href: String
        var proto: String?
        var pathname: String
        var search: String
        var hash: String

        init(_ s: String) {
            href = s
            var rest = Substring(s)
            if let colon = rest.firstIndex(of: ":"),
                rest[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }),
                rest.first?.isLetter == true
            {
                proto = String(rest[...colon]).lowercased()
                rest = rest[rest.index(after: colon)...]
            }
            hash = ""
            if let h = rest.firstIndex(of: "#") {
                hash = String(rest[h...])
                rest = rest[..<h]
            }
            search = ""
            if let q = rest.firstIndex(of: "?") {
                search = String(rest[q...])
                rest = rest[..<q]
            }
            pathname = String(rest)
        }
    }

    static let mimes: [String: String] = [
        ".gif": "image/gif", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
        ".svg": "image/svg+xml", ".webp": "image/webp", ".ttf": "application/x-font-ttf",
        ".eot": "application/vnd.ms-fontobject", ".woff": "application/font-woff", ".woff2": "application/font-woff2",
    ]

    static func urlString(_ node: StyNode?) -> String {
        let printer = StyPrinter(options: StylusOptions())
        printer.isURL = true
        let nodes = (node as? StyExpression)?.nodes ?? (node.map { [$0] } ?? [])
        return nodes.map { printer.visitValue($0) }.joined()
    }

    static func lookupFile(_ ev: StyEvaluator, _ path: String) -> String? {
        if path.hasPrefix("/") && ev.exists(path) { return path }
        for base in ev.paths.reversed() {
            let p = StyEvaluator.nodeJoin(base, path)
            if ev.exists(p) { return p }
        }
        return nil
    }

    static func extname(_ path: String) -> String {
        let e = PathUtil.pathExtension(path)
        return e.isEmpty ? "" : "." + e
    }

    static func embedURL(_ ev: StyEvaluator, _ a: [StyNode?]) throws -> StyNode {
        let url = ParsedURL(urlString(arg(a, 0)))
        let literal = StyLiteral("url(\"" + url.href + "\")")
        guard let mime = mimes[extname(url.pathname).lowercased()], url.proto == nil else { return literal }
        guard let found = lookupFile(ev, url.pathname), let data = ev.resolver.readData(found) else { return literal }
        let enc = arg(a, 1).flatMap { StyOperate.stringOf(StyOperate.unwrap($0).first) }?.lowercased()
        if enc == "utf8" {
            var text = String(decoding: data, as: UTF8.self)
            text = text.replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
            var out = ""
            for ch in text.unicodeScalars {
                if "{}|\\^~[]`\"<>#%".unicodeScalars.contains(ch) {
                    out += "%" + String(ch.value, radix: 16).uppercased()
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
            return StyLiteral(
                "url(\"data:" + mime + ";charset=utf-8," + out.trimmingCharacters(in: .whitespaces) + "\")")
        }
        return StyLiteral("url(\"data:" + mime + ";base64," + data.base64EncodedString() + url.hash + "\")")
    }

    /// `stylus.resolver()`: rewrites relative `url()`s to be relative to the main file.
    static func resolveURL(_ ev: StyEvaluator, _ a: [StyNode?]) throws -> StyNode {
        let url = ParsedURL(urlString(arg(a, 0)))
        let literal = StyLiteral("url(\"" + url.href + "\")")
        if url.proto != nil || url.pathname.isEmpty || url.pathname.hasPrefix("/") { return literal }
        guard let path = lookupFile(ev, url.pathname) else { return literal }
        if ev.options.includeCSS && extname(path) == ".css" { return StyLiteral(url.href) }
        let res = relativePath(from: PathUtil.dirname(ev.filename), to: path) + url.search + url.hash
        return StyLiteral("url(\"" + res + "\")")
    }

    static func relativePath(from: String, to: String) -> String {
        let f = PathUtil.normalize(from)
        let t = PathUtil.normalize(to)
        if f.hasPrefix("/") != t.hasPrefix("/") { return t }
        let fa = f.split(separator: "/").filter { $0 != "." }
        let ta = t.split(separator: "/").filter { $0 != "." }
        var i = 0
        while i < fa.count && i < ta.count && fa[i] == ta[i] { i += 1 }
        let ups = Array(repeating: "..", count: fa.count - i)
        return (ups + ta[i...].map(String.init)).joined(separator: "/")
    }
}
