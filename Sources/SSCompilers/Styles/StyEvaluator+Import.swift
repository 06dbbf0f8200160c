import Foundation

extension StyEvaluator {
    func visitImport(_ imported: StyImport) throws -> StyNode {
        returnDepth += 1
        let visited = try visit(imported.path)
        returnDepth -= 1
        imported.path = visited
        let pathNode = visited.first
        let kind = imported.once ? "require" : "import"
        if let c = pathNode as? StyCall, c.name == "url" {
            if imported.once { throw StyError("You cannot @require a url", id: .styImport) }
            return imported
        }
        let pathString: String
        switch pathNode {
        case let s as StyString: pathString = s.val
        case let i as StyIdent: pathString = i.name
        case let l as StyLiteral: pathString = l.val
        default: throw StyError("@\(kind) string expected", id: .styImport)
        }
        let name = pathString
        var path = pathString
        if StyEvaluator.looksLikeURL(path) {
            if imported.once { throw StyError("You cannot @require a url", id: .styImport) }
            return imported
        }
        var literal = false
        if path.hasSuffix(".css") || path.contains(".css\"") {
            literal = true
            if !imported.once && !options.includeCSS { return imported }
        }
        if !literal && !path.lowercased().hasSuffix(".styl") { path += ".styl" }
        var found = find(path)
        if found == nil { found = lookupIndex(name) }
        guard let files = found, !files.isEmpty else {
            throw StyError("failed to locate @\(kind) file \(path)", id: .styImport)
        }
        let block = StyBlock(nil, nil)
        for f in files { block.push(try importFile(imported, f, literal: literal)) }
        return block
    }

    static func looksLikeURL(_ path: String) -> Bool {
        var s = Substring(path.lowercased())
        if s.hasPrefix("url") {
            var t = s.dropFirst(3)
            t = t.drop(while: { $0 == " " || $0 == "\t" })
            if t.hasPrefix("(") {
                s = t.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
            }
        }
        // The reference regex is unanchored; any quote/#///http(s):// occurrence counts.
        let full = path.lowercased()
        if full.contains("#") || full.contains("//") { return true }
        return s.hasPrefix("#")
    }

    func importFile(_ node: StyImport, _ file: String, literal: Bool) throws -> StyNode {
        if node.once {
            if requireHistory.contains(file) { return StyNull() }
            requireHistory.insert(file)
            if literal && !options.includeCSS { return node }
        }
        if importStack.contains(file) {
            throw StyError("import loop has been found", id: .styImportCycle)
        }
        if importStack.count > 100 { throw StyError("imports nested too deeply", id: .styImportCycle) }
        guard let str = resolver.readText(file) else {
            throw StyError("failed to read \(file)", id: .styImport)
        }
        if str.utf8.allSatisfy({ StyText.isSpace($0) }) { return StyNull() }
        paths.append(PathUtil.dirname(file))
        importStack.append(file)
        maxSteps += StyEvaluator.stepsPerByte * str.utf8.count
        func makeLiteral() -> StyLiteral {
            StyLiteral(str.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
        }
        if literal && !options.resolveURL { return makeLiteral() }
        sources[file] = str
        var parsed: StyBlock
        do {
            parsed = try parseTree(str, path: file, makeRoot: { StyBlock(nil, nil) })
        } catch var e as StyError {
            if literal && options.includeCSS && options.resolveURL {
                warnings.append("ParseError: \(file):\(e.lineno ?? 1):\(e.column ?? 1). This file included as-is")
                return makeLiteral()
            }
            if e.filename == nil { e.filename = file }
            throw e
        }
        // The reference clones the freshly parsed block; nothing else holds it, so
        // re-parenting it is equivalent.
        let block = parsed
        block.parent = currentBlock
        block.scope = false
        let ret = try visit(block)
        importStack.removeLast()
        if !options.resolveURL { paths.removeLast() }
        return ret
    }

    /// `text` parsed (or copied from the parse cache), registered in the compile's arena.
    func parseTree(_ text: String, path: String, makeRoot: () -> StyBlock) throws -> StyBlock {
        let prefix = options.prefix
        guard let cache = parseCache else {
            let root = makeRoot()
            arena.register(root)
            var parser = StyParser(text, root: root, prefix: prefix, filename: path)
            return try parser.parse()
        }
        return try cache.tree(path: path, text: text, prefix: prefix, arena: arena, makeRoot: makeRoot) { root in
            var parser = StyParser(text, root: root, prefix: prefix, filename: path)
            return try parser.parse()
        }
    }

    // MARK: - Lookup (utils.find / utils.lookupIndex)

    func find(_ path: String) -> [String]? {
        if path.hasPrefix("/") {
            let g = glob(path)
            if !g.isEmpty { return g }
        }
        for base in paths.reversed() {
            let lookup = StyEvaluator.nodeJoin(base, path)
            if lookup == filename { continue }
            let g = glob(lookup)
            if !g.isEmpty { return g }
        }
        return nil
    }

    func exists(_ path: String) -> Bool { resolver.fileExists(path) || resolver.directoryExists(path) }

    /// Node's `path.join`: segments are concatenated even when a later one is absolute.
    static func nodeJoin(_ a: String, _ b: String) -> String { PathUtil.normalize(a + "/" + b) }

    func lookupIndex(_ name: String, depth: Int = 0) -> [String]? {
        if depth > 8 { return nil }
        if let f = find(StyEvaluator.nodeJoin(name, "index.styl")) { return f }
        var base = PathUtil.basename(name)
        if let r = base.range(of: ".styl", options: .caseInsensitive) { base.removeSubrange(r) }
        if let f = find(StyEvaluator.nodeJoin(name, base + ".styl")) { return f }
        if !name.contains("node_modules") {
            return lookupPackage(StyEvaluator.nodeJoin("node_modules", name), depth: depth + 1)
        }
        return nil
    }

    func lookupPackage(_ dir: String, depth: Int) -> [String]? {
        if depth > 8 { return nil }
        var pkg: String?
        for base in paths.reversed() {
            let p = StyEvaluator.nodeJoin(base, StyEvaluator.nodeJoin(dir, "package.json"))
            if p != filename && exists(p) {
                pkg = p
                break
            }
        }
        guard let pkg else {
            if dir.lowercased().hasSuffix(".styl") { return lookupIndex(dir, depth: depth + 1) }
            return lookupPackage(dir + ".styl", depth: depth + 1)
        }
        if let text = resolver.readText(pkg), let data = text.data(using: .utf8),
            let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let main = obj["main"] as? String
        {
            return find(StyEvaluator.nodeJoin(dir, main))
        }
        return lookupIndex(dir, depth: depth + 1)
    }

    /// Glob with `*`, `?` and `**` (any number of directories); files only, sorted by path.
    func glob(_ pattern: String) -> [String] {
        if !pattern.contains("*") && !pattern.contains("?") {
            return exists(pattern) ? [pattern] : []
        }
        let absolute = pattern.hasPrefix("/")
        let parts = pattern.split(separator: "/").map(String.init).filter { $0 != "." }
        var results: [String] = []
        var visited = 0
        func join(_ base: String, _ name: String) -> String {
            base.isEmpty ? name : (base == "/" ? "/" + name : base + "/" + name)
        }
        func walk(_ base: String, _ i: Int) {
            visited += 1
            if visited > 10_000 { return }
            if i == parts.count {
                if resolver.fileExists(base) { results.append(base) }
                return
            }
            let part = parts[i]
            let dir = base.isEmpty ? "." : base
            if part == "**" {
                walk(base, i + 1)
                for e in resolver.contentsOfDirectory(dir) ?? [] where !e.hasPrefix(".") {
                    let p = join(base, e)
                    if resolver.directoryExists(p) { walk(p, i) }
                }
            } else if part.contains("*") || part.contains("?") {
                for e in resolver.contentsOfDirectory(dir) ?? [] where !e.hasPrefix(".") {
                    if StyEvaluator.globMatch(part, e) { walk(join(base, e), i + 1) }
                }
            } else {
                let p = join(base, part)
                if part == ".." || exists(p) { walk(p, i + 1) }
            }
        }
        walk(absolute ? "/" : "", 0)
        var seen = Set<String>()
        return results.filter { seen.insert($0).inserted }.map { PathUtil.normalize($0) }.sorted()
    }

    static func globMatch(_ pattern: String, _ name: String) -> Bool {
        let p = Array(pattern)
        let n = Array(name)
        var memo: [Int: Bool] = [:]
        func m(_ i: Int, _ j: Int) -> Bool {
            let key = i * (n.count + 1) + j
            if let v = memo[key] { return v }
            var r: Bool
            if i == p.count {
                r = j == n.count
            } else if p[i] == "*" {
                r = m(i + 1, j) || (j < n.count && m(i, j + 1))
            } else if j < n.count && (p[i] == "?" || p[i] == n[j]) {
                r = m(i + 1, j + 1)
            } else {
                r = false
            }
            memo[key] = r
            return r
        }
        return m(0, 0)
    }
}
