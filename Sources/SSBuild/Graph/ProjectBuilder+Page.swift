import Foundation
import SSCompilers

extension ProjectBuilder {
    /// Renders app.jade with `SocketStream` set to the stylesheet, script and template
    /// tags, in that order (CSS first so the page paints styled).
    func renderPage(_ sources: ProjectSources, assets: [BuiltAsset], templates: [BuiltTemplate],
                    templateRevisions: [Int] = [],
                    options: BuildOptions, assetURL: (BuiltAsset) -> String,
                    diagnostics: inout [Diagnostic]) -> String? {
        guard let page = sources.page else { return nil }
        // Tags and locals are memoized on the assets' identities: rebuilding the JSON of
        // thousands of development tags on every save would dominate small rebuilds.
        // The tags depend on the assets' URLs and kinds (not their contents: development
        // URLs are stable), the templates' HTML and the configured locals.
        let urls = assets.map(assetURL)
        // Development pages get the template blocks from templates.js (see templatesScript).
        let inlined = options.mode == .release ? templates : []
        let templateRevisions = options.mode == .release ? templateRevisions : []
        let identity = Self.signature(zip(urls, assets).map { $0.0.hashValue &+ ($0.1.kind == .script ? 1 : 2) }
            + (templateRevisions.count == inlined.count
                ? templateRevisions  // a template's HTML changes only with its revision
                : inlined.map { $0.id.hashValue ^ ($0.html?.hashValue ?? 0) })
            + [options.pageLocalsJSON.hashValue])
        guard let text = snapshot.readText(page.path) else {
            diagnostics.append(Diagnostic(.error, id: .buildIO, message: "cannot read file", path: page.path))
            return nil
        }
        if !text.contains("SocketStream") {
            diagnostics.append(Diagnostic(
                .error, id: .buildMissingSocketStreamTag,
                message: "app.jade must contain `!= SocketStream` in <head>, where the asset tags go",
                path: page.path))
        }
        let tags = cache.derived("page-tags", revision: identity) {
            Self.socketStreamTags(assets: assets, templates: inlined, assetURL: assetURL)
        }
        // The page is rendered with a marker where the tags go, and the tags spliced in: a
        // new asset list (a file came or went) then renders nothing again. The key covers
        // the page source and its locals; includes are dependencies the cache checks.
        let source = SourceFile(path: page.path, text: text)
        let markedLocals = Self.pageLocals(options.pageLocalsJSON, socketStream: Self.tagsMarker)
        let marked = cached("page:" + page.path, text: text + "\u{0}" + markedLocals, salt: "page") {
            self.compilers.renderView(source, markedLocals, self.snapshot)
        }
        if marked.hasErrors {
            diagnostics += marked.diagnostics
            return nil
        }
        if let spliced = splice(tags, into: marked, page: source) {
            diagnostics += marked.diagnostics
            return spliced
        }
        // The page uses `SocketStream` some other way: render it with the tags themselves.
        let localsJSON: String = cache.derived("page-locals", revision: identity) {
            Self.pageLocals(options.pageLocalsJSON, socketStream: tags)
        }
        let result = cached("page+tags:" + page.path, text: text + "\u{0}" + localsJSON, salt: "page") {
            self.compilers.renderView(source, localsJSON, self.snapshot)
        }
        diagnostics += result.diagnostics
        return result.hasErrors ? nil : result.output
    }

    /// Stands for the tags while the page renders: plain ASCII, so escaping leaves it alone.
    static let tagsMarker = "ssbuild-socketstream-tags-7d1f0c93"

    /// The marked page with `tags` in place of the marker, when that is what rendering
    /// with the tags would give: the page names `SocketStream` once, as `!= SocketStream`
    /// (unescaped), no include names it, and the marker came out exactly once.
    private func splice(_ tags: String, into marked: CompileResult, page: SourceFile) -> String? {
        let output = marked.output
        let text = page.text
        guard let first = output.range(of: Self.tagsMarker),
              output.range(of: Self.tagsMarker, range: first.upperBound..<output.endIndex) == nil,
              let use = text.range(of: "SocketStream"),
              text.range(of: "SocketStream", range: use.upperBound..<text.endIndex) == nil,
              text[..<use.lowerBound].reversed().drop(while: { $0 == " " }).starts(with: "=!")
        else { return nil }
        for path in marked.dependencies where path != page.path {
            if snapshot.readText(path)?.contains("SocketStream") ?? false { return nil }
        }
        return output.replacingCharacters(in: first, with: tags)
    }

    /// The page's locals: `localsJSON` (a JSON object; anything else counts as `{}`) with
    /// `SocketStream` set to `tags`, which is spliced in as a quoted string: in development
    /// it runs to hundreds of kilobytes, which JSONSerialization would be slow to re-escape.
    static func pageLocals(_ localsJSON: String, socketStream tags: String) -> String {
        var base = "{}"
        if let object = (try? JSONSerialization.jsonObject(with: Data(localsJSON.utf8))) as? [String: Any] {
            var others = object
            others["SocketStream"] = nil
            if let data = try? JSONSerialization.data(withJSONObject: others, options: [.sortedKeys]) {
                base = String(decoding: data, as: UTF8.self)
            }
        }
        let head = base.dropLast()  // everything before the closing brace
        return head + (head.count > 1 ? "," : "") + "\"SocketStream\":" + JSONText.quoted(tags) + "}"
    }

    /// The tags `!= SocketStream` expands to.
    static func socketStreamTags(assets: [BuiltAsset], templates: [BuiltTemplate],
                                 assetURL: (BuiltAsset) -> String) -> String {
        var out = ""
        for asset in assets where asset.kind == .stylesheet {
            out += "<link href=\"\(escapeAttribute(assetURL(asset)))\" rel=\"stylesheet\">"
        }
        for asset in assets where asset.kind == .script {
            out += "<script src=\"\(escapeAttribute(assetURL(asset)))\" defer></script>"
        }
        for template in templates.sorted(by: { ByteOrder.precedes($0.id, $1.id) }) {
            guard let html = template.html else { continue }
            let safe = html.replacingOccurrences(of: "</script", with: "<\\/script")
            out += "<script type=\"text/html\" id=\"\(escapeAttribute(template.id))\">\(safe)</script>"
        }
        return out
    }

    static func escapeAttribute(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "<") })
        else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "<": out += "&lt;"
            default: out.append(character)
            }
        }
        return out
    }
}
