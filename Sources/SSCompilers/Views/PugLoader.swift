import Foundation

/// Loads a template and everything it includes or extends through the resolver
/// (pug-load), then applies filters (pug-filters). Each include is parsed afresh,
/// because the linker rewrites the trees it links.
final class PugLoader {
    let resolver: any SourceResolver
    let options: PugOptions
    /// Every file read, by index; nodes refer to their file by this index.
    private(set) var files: [SourceFile] = []
    private var indexByPath: [String: Int] = [:]
    private var loading: [String] = []
    /// Errors in included or extended files (and missing files), recorded so that one
    /// compile reports all of them; the offending node is dropped.
    private(set) var errors: [PugError] = []
    static let maximumIncludeDepth = 64

    init(resolver: any SourceResolver, options: PugOptions) {
        self.resolver = resolver
        self.options = options
    }

    /// Pug's input normalisation: no BOM, `\n` line ends.
    static func normalize(_ text: String) -> String {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if PugJS.contains(text, byte: 13) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return text
    }

    func register(_ file: SourceFile) -> Int {
        if let index = indexByPath[file.path] { return index }
        files.append(file)
        indexByPath[file.path] = files.count - 1
        return files.count - 1
    }

    /// Parses `file` and, recursively, the files it names.
    func load(_ file: SourceFile) throws -> PugNode {
        let normalized = SourceFile(path: file.path, text: Self.normalize(file.text))
        let index = register(normalized)
        if loading.count >= Self.maximumIncludeDepth {
            throw PugError(id: .pugTooDeep, message: "includes are nested more than \(Self.maximumIncludeDepth) deep",
                           path: file.path, offset: 0)
        }
        loading.append(file.path)
        defer { loading.removeLast() }
        var lexer = PugLexer(bytes: Array(normalized.text.utf8), path: normalized.path)
        let tokens = Self.stripComments(try lexer.tokenize())
        var parser = PugParser(tokens: tokens, file: index, path: normalized.path)
        let ast = try parser.parse()
        try loadReferences(in: ast, from: normalized)
        return ast
    }

    /// Drops unbuffered `//-` comments and their indented text before parsing, as
    /// pug-strip-comments does, so they can sit anywhere (between `if` and `else`,
    /// at the top of an extending template, inside `case`).
    static func stripComments(_ tokens: [PugToken]) -> [PugToken] {
        var out: [PugToken] = []
        out.reserveCapacity(tokens.count)
        var inComment = false
        var inPipelessText = false
        for token in tokens {
            switch token.kind {
            case .comment:
                inComment = !token.buffer
                if !inComment { out.append(token) }
            case .startPipelessText:
                if inComment { inPipelessText = true } else { out.append(token) }
            case .endPipelessText:
                if inComment {
                    inPipelessText = false
                    inComment = false
                } else {
                    out.append(token)
                }
            case .text:
                if !inComment { out.append(token) }
            default:
                if inPipelessText { continue }
                inComment = false
                out.append(token)
            }
        }
        return out
    }

    private func loadReferences(in node: PugNode, from file: SourceFile) throws {
        do {
            try loadReference(node, from: file)
        } catch let error as PugError where error.id != .pugTooDeep {
            errors.append(error)
            node.kind = .block
            node.nodes = []
            node.block = nil
            node.loaded = nil
            return
        }
        for child in node.children { try loadReferences(in: child, from: file) }
    }

    private func loadReference(_ node: PugNode, from file: SourceFile) throws {
        switch node.kind {
        case .include, .extends:
            let path = try resolve(node.path, from: file, node: node, template: true)
            guard let text = resolver.readText(path) else {
                throw PugError(id: .pugMissingFile, message: "cannot read \(node.kind == .extends ? "extended" : "included") file \"\(path)\"",
                               path: file.path, offset: node.offset)
            }
            if loading.contains(path) {
                throw PugError(id: .pugCycle, message: "include/extends cycle: " + (loading + [path]).joined(separator: " -> "),
                               path: file.path, offset: node.offset)
            }
            node.loaded = try load(SourceFile(path: path, text: text))
            node.loadedFile = indexByPath[path] ?? -1
        case .rawInclude:
            let path = try resolve(node.path, from: file, node: node, template: false)
            guard let text = resolver.readText(path) else {
                throw PugError(id: .pugMissingFile, message: "cannot read included file \"\(path)\"", path: file.path, offset: node.offset)
            }
            node.loadedFile = register(SourceFile(path: path, text: text))
            node.val = text
        default:
            break
        }
    }

    private func resolve(_ raw: String, from file: SourceFile, node: PugNode, template: Bool) throws -> String {
        var path = raw
        if template, PathUtil.pathExtension(path).isEmpty { path += ".pug" }
        if path.hasPrefix("/") {
            guard let basedir = options.basedir else {
                throw PugError(id: .pugMissingFile, message: "the \"basedir\" option is required to use includes and extends with \"absolute\" paths",
                               path: file.path, offset: node.offset)
            }
            return PathUtil.join(basedir, String(path.dropFirst()))
        }
        return PathUtil.join(PathUtil.dirname(file.path), path)
    }
}
