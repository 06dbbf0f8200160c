/// Resolves `extends`, named blocks (replace/append/prepend), `include` and `yield`
/// on loaded trees (pug-linker). Works in place on the shared class-based nodes,
/// exactly as Pug mutates its AST, because block semantics depend on that sharing.
struct PugLinker {
    let files: [SourceFile]
    private var depth = 0
    private var walkDepth = 0
    /// Parsing limits nesting per file; includes multiply it, so walks have a cap too.
    static let maximumWalkDepth = 1_000

    init(files: [SourceFile]) { self.files = files }

    func error(_ message: String, _ node: PugNode, id: DiagnosticID = .pugInvalidStructure) -> PugError {
        PugError(id: id, message: message, path: node.file < files.count ? files[node.file].path : "", offset: node.offset)
    }

    mutating func link(_ ast: PugNode) throws -> PugNode {
        depth += 1
        defer { depth -= 1 }
        if depth > PugLoader.maximumIncludeDepth { throw error("templates extend or include each other too deeply", ast, id: .pugTooDeep) }
        var extendsNode: PugNode? = nil
        if let first = ast.nodes.first {
            let hasExtends = first.kind == .extends
            try checkExtendPosition(ast, hasExtends: hasExtends)
            if hasExtends { extendsNode = ast.nodes.removeFirst() }
        }
        var root = try applyIncludes(ast)
        root.declaredBlocks = findDeclaredBlocks(root)
        guard let extendsNode, let parentAST = extendsNode.loaded else { return root }

        var mixins: [PugNode] = []
        var expectedBlocks: [PugNode] = []
        func addNode(_ node: PugNode) throws {
            if node.kind == .namedBlock {
                expectedBlocks.append(node)
            } else if node.kind == .block {
                for child in node.nodes { try addNode(child) }
            } else if node.kind == .mixin, !node.call {
                mixins.append(node)
            } else {
                throw error("Only named blocks and mixins can appear at the top level of an extending template", node)
            }
        }
        for node in root.nodes { try addNode(node) }
        let parent = try link(parentAST)
        extend(parent.declaredBlocks, root)
        var foundNames = Set<String>()
        walk(parent) { node in if node.kind == .namedBlock { foundNames.insert(node.name) } }
        for expected in expectedBlocks where !foundNames.contains(expected.name) {
            throw error("Unexpected block \(expected.name)", expected)
        }
        for (name, blocks) in root.declaredBlocks { parent.declaredBlocks[name] = blocks }
        parent.nodes = mixins + parent.nodes
        parent.hasExtends = true
        root = parent
        return root
    }

    private func checkExtendPosition(_ ast: PugNode, hasExtends: Bool) throws {
        var legit = hasExtends
        for node in ast.nodes where node.kind == .extends {
            if legit { legit = false; continue }
            throw error("Declaration of template inheritance (\"extends\") should be the first thing in the file. There can only be one extends statement per file.", node)
        }
    }

    private func findDeclaredBlocks(_ ast: PugNode) -> [String: [PugNode]] {
        var definitions: [String: [PugNode]] = [:]
        walk(ast) { node in
            if node.kind == .namedBlock, node.mode == "replace" { definitions[node.name, default: []].append(node) }
        }
        return definitions
    }

    private func flattenParentBlocks(_ blocks: [PugNode], into accumulator: inout [PugNode], depth: Int = 0) {
        // A block that already extends others stands for them: only the blocks at the
        // root of the chain are rewritten (pug-linker does the same).
        for block in blocks {
            if !block.parents.isEmpty, depth < 100 {
                flattenParentBlocks(block.parents, into: &accumulator, depth: depth + 1)
            } else {
                accumulator.append(block)
            }
        }
    }

    private func extend(_ parentBlocks: [String: [PugNode]], _ ast: PugNode) {
        var stack = Set<String>()
        walk(ast, before: { node in
            guard node.kind == .namedBlock else { return true }
            if stack.contains(node.name) {
                node.ignore = true
                return true
            }
            stack.insert(node.name)
            var list: [PugNode] = []
            if let blocks = parentBlocks[node.name] { flattenParentBlocks(blocks, into: &list) }
            if !list.isEmpty {
                node.parents = list
                for parentBlock in list where parentBlock !== node {
                    switch node.mode {
                    case "append": parentBlock.nodes = parentBlock.nodes + node.nodes
                    case "prepend": parentBlock.nodes = node.nodes + parentBlock.nodes
                    default: parentBlock.nodes = node.nodes
                    }
                }
            }
            return true
        }, after: { node in
            if node.kind == .namedBlock, !node.ignore { stack.remove(node.name) }
        })
    }

    private mutating func applyIncludes(_ ast: PugNode) throws -> PugNode {
        try replaceWalk(ast)
        return ast
    }

    /// Replaces raw includes by text and includes by their linked trees, depth first.
    private mutating func replaceWalk(_ node: PugNode) throws {
        walkDepth += 1
        defer { walkDepth -= 1 }
        if walkDepth > Self.maximumWalkDepth { throw error("the template is nested too deeply", node, id: .pugTooDeep) }
        if node.isBlockLike {
            for (i, child) in node.nodes.enumerated() {
                node.nodes[i] = try replacement(child)
            }
        }
        if let block = node.block { node.block = try replacement(block) }
        if let alternate = node.alternate { node.alternate = try replacement(alternate) }
    }

    private mutating func replacement(_ node: PugNode) throws -> PugNode {
        if node.kind == .rawInclude {
            let text = PugNode(.text, file: node.file, offset: node.offset)
            text.val = node.val.replacingOccurrences(of: "\r", with: "")
            return text
        }
        try replaceWalk(node)
        if node.kind == .include, let loaded = node.loaded {
            var child = try link(loaded)
            if child.hasExtends { child = removeBlocks(child) }
            return applyYield(child, node.block)
        }
        return node
    }

    private func removeBlocks(_ ast: PugNode) -> PugNode {
        walk(ast) { node in if node.kind == .namedBlock { node.kind = .block } }
        return ast
    }

    private func applyYield(_ ast: PugNode, _ block: PugNode?) -> PugNode {
        guard let block, !block.nodes.isEmpty else { return ast }
        var replaced = false
        walk(ast) { node in
            if node.kind == .yieldBlock {
                replaced = true
                node.kind = .block
                node.nodes = [block]
            }
        }
        if !replaced { defaultYieldLocation(ast).nodes.append(block) }
        return ast
    }

    private func defaultYieldLocation(_ node: PugNode) -> PugNode {
        var result = node
        for child in node.nodes {
            if child.textOnly { continue }
            if child.kind == .block {
                result = defaultYieldLocation(child)
            } else if let block = child.block, !block.nodes.isEmpty {
                result = defaultYieldLocation(block)
            }
        }
        return result
    }

    /// Pre-order walk; `before` returning false skips the node's children.
    func walk(_ node: PugNode, before: (PugNode) -> Bool, after: (PugNode) -> Void = { _ in }, depth: Int = 0) {
        guard depth < Self.maximumWalkDepth else { return }
        if before(node) {
            for child in node.children { walk(child, before: before, after: after, depth: depth + 1) }
        }
        after(node)
    }

    func walk(_ node: PugNode, _ visit: (PugNode) -> Void) {
        walk(node, before: { visit($0); return true })
    }
}

import Foundation
