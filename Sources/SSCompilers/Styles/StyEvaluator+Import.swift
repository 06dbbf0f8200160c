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
        if path.hasSuffix(".css") || StyText.find(path, ".css\"") != nil {
            literal = true
            if !imported.once && !options.includeCSS { return imported }
        }
        if !literal && !path.lowercased().hasSuffix(".styl") { path += ".styl" }
        var found: [String]?
        // The import worker already resolved the main file's own imports (the same lookup
        // with the same search paths), sparing a stat per search path.
        if importStack.isEmpty, let prefetch, let file = prefetch.resolvedFile(path, paths: paths) {
            found = [file]
        } else {
            found = find(path)
        }
        if found == nil { found = lookupIndex(name) }
        guard let files = found, !files.isEmpty else {
            throw StyError("failed to locate @\(kind) file \(path)", id: .styImport)
        }
        let block = StyBlock(nil, nil)
        // Only the main file's own imports were prefetched, resolved as at its top level.
        let request = importStack.isEmpty && files.count == 1 ? path : nil
        for f in files { block.push(try importFile(imported, f, literal: literal, request: request)) }
        return block
    }

    /// True for a path with a `#` or a `//` anywhere (the reference's test is unanchored,
    /// so `http://` counts too). The optional `url(` prefix the test allows mattered only
    /// for a leading `#`, which that already finds, and neither character has a case, so
    /// the path is not lowercased (two copies of every imported path).
    static func looksLikeURL(_ path: String) -> Bool {
        StyText.contains(path, UInt8(ascii: "#")) || StyText.find(path, "//") != nil
    }

    func importFile(_ node: StyImport, _ file: String, literal: Bool, request: String? = nil) throws -> StyNode {
        if node.once {
            memo?.didReadRequire(file)
            if requireHistory.contains(file) { return StyNull.shared }
            requireHistory.insert(file)
            memo?.didRequire(file)
            if literal && !options.includeCSS { return node }
        }
        if importStack.contains(file) {
            throw StyError("import loop has been found", id: .styImportCycle)
        }
        if importStack.count > 100 { throw StyError("imports nested too deeply", id: .styImportCycle) }
        guard let str = resolver.readText(file) else {
            throw StyError("failed to read \(file)", id: .styImport)
        }
        if str.utf8.allSatisfy({ StyText.isSpace($0) }) { return StyNull.shared }
        paths.append(PathUtil.dirname(file))
        importStack.append(file)
        maxSteps += StyEvaluator.stepsPerByte * str.utf8.count
        func makeLiteral() -> StyLiteral {
            StyLiteral(str.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
        }
        if literal && !options.resolveURL { return makeLiteral() }
        sources[file] = str
        memo?.recording?.sources.append(file)
        var parsed: StyBlock
        do {
            if let request, let prefetch, let tree = prefetch.take(request, file: file, text: str, into: arena) {
                parsed = tree
            } else {
                parsed = try parseTree(str, path: file, makeRoot: { StyBlock(nil, nil) })
            }
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
        try StyEvaluator.parseTree(
            text, path: path, prefix: options.prefix, cache: parseCache, arena: arena, makeRoot: makeRoot)
    }

    /// `text` parsed (or copied from `cache`), registered in `arena` (also the prefetcher's).
    static func parseTree(
        _ text: String, path: String, prefix: String, cache: StylusParseCache?, arena: StyArena,
        makeRoot: () -> StyBlock
    ) throws -> StyBlock {
        guard let cache else {
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

    /// Starts parsing the main file's top-level imports on another thread
    /// (`StyImportPrefetch`); they are resolved as `visitImport` resolves them there.
    func startPrefetch() {
        // With a parse cache (watch mode) most trees are copies of cached parses, and an
        // import parsed on both threads would count twice in the cache's statistics.
        // Incremental evaluation logs every resolver question a statement asks; the
        // prefetcher would answer some of them on its own.
        guard let base = prefetchResolver, parseCache == nil, memo == nil, !options.resolveURL,
            StyThread.hasSecondProcessor
        else { return }
        var requests: [String] = []
        for node in root.nodes {
            guard let imported = node as? StyImport, let path = StyEvaluator.plainPath(imported.path),
                !StyEvaluator.looksLikeURL(path), !path.hasSuffix(".css"), StyText.find(path, ".css\"") == nil
            else { continue }
            requests.append(path.lowercased().hasSuffix(".styl") ? path : path + ".styl")
        }
        let prefetch = StyImportPrefetch(
            requests: requests, finder: StyImportFinder(paths: paths, filename: filename, resolver: base),
            prefix: options.prefix)
        guard prefetch.requestCount >= StyImportPrefetch.minimumFiles, prefetch.start() else { return }
        self.prefetch = prefetch
        arena.teardownHooks.append { prefetch.finish() }
    }

    /// The text of an import path that is a plain string (no variables or interpolation).
    static func plainPath(_ node: StyNode) -> String? {
        if let s = node as? StyString { return s.val }
        if let e = node as? StyExpression, Swift.type(of: e) == StyExpression.self, e.nodes.count == 1,
            let s = e.nodes[0] as? StyString
        {
            return s.val
        }
        return nil
    }

    func find(_ path: String) -> [String]? { finder.find(path) }

    func exists(_ path: String) -> Bool { finder.exists(path) }

    func glob(_ pattern: String) -> [String] { finder.glob(pattern) }

    var finder: StyImportFinder { StyImportFinder(paths: paths, filename: filename, resolver: resolver) }

    /// Node's `path.join`: segments are concatenated even when a later one is absolute.
    static func nodeJoin(_ a: String, _ b: String) -> String { PathUtil.normalize(a + "/" + b) }

    func lookupIndex(_ name: String, depth: Int = 0) -> [String]? {
        if depth > 8 { return nil }
        if let f = find(StyEvaluator.nodeJoin(name, "index.styl")) { return f }
        var base = PathUtil.basename(name)
        if let r = base.range(of: ".styl", options: .caseInsensitive) { base.removeSubrange(r) }
        if let f = find(StyEvaluator.nodeJoin(name, base + ".styl")) { return f }
        if StyText.find(name, "node_modules") == nil {
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
}
