/// One attribute of a tag or mixin call: `name=value` where value is JavaScript
/// source (`'text'` for class/id shorthands, `true` for a bare `input(checked)`).
struct PugAttribute {
    var name: String
    var val: String
    var mustEscape: Bool
}

/// A node of the Pug syntax tree. It is a class because the linker works the way
/// Pug's does: `extends` rewrites named blocks in place, shared between templates.
final class PugNode {
    enum Kind {
        case block, namedBlock, tag, interpolatedTag, text, code, conditional, caseNode, when
        case each, eachOf, whileLoop, mixin, mixinBlock, yieldBlock, comment, blockComment
        case doctype, filter, include, rawInclude, extends
    }

    var kind: Kind
    /// Where the node starts: the file (index into the compile's file table) and byte offset.
    var file: Int
    var offset: Int

    /// Children of a block; the body of tags, mixins, loops and so on is `block`.
    var nodes: [PugNode] = []
    var block: PugNode? = nil
    /// Conditional alternate (`else`) or each's `else` block.
    var alternate: PugNode? = nil

    /// Tag/mixin/filter/block name.
    var name = ""
    /// Named block mode: replace, append or prepend.
    var mode = "replace"
    /// Text value, code, condition, case/each/while expression, comment or doctype value.
    var val = ""
    var attrs: [PugAttribute] = []
    var attributeBlocks: [String] = []
    var selfClosing = false
    var isInline = false
    var textOnly = false
    var isHtml = false
    var buffer = false
    var mustEscape = true
    /// Mixin: true for `+name` calls, false for definitions.
    var call = false
    var args: String? = nil
    var key: String? = nil
    /// Each/eachOf loop variable.
    var item = ""
    /// Include/extends path as written, and the loaded template.
    var path = ""
    var filters: [PugNode] = []
    var loaded: PugNode? = nil
    var loadedFile: Int = -1
    /// Extends bookkeeping (pug-linker's `parents`, `ignore`, `declaredBlocks`, `hasExtends`).
    var parents: [PugNode] = []
    var ignore = false
    var hasExtends = false
    var declaredBlocks: [String: [PugNode]] = [:]

    init(_ kind: Kind, file: Int, offset: Int) {
        self.kind = kind
        self.file = file
        self.offset = offset
    }

    static func block(_ nodes: [PugNode] = [], file: Int, offset: Int) -> PugNode {
        let node = PugNode(.block, file: file, offset: offset)
        node.nodes = nodes
        return node
    }

    var isBlockLike: Bool { kind == .block || kind == .namedBlock }

    /// The child blocks a walk visits, in Pug's order (pug-walk).
    var children: [PugNode] {
        var result: [PugNode] = []
        if isBlockLike { result = nodes }
        if let block { result.append(block) }
        if let alternate { result.append(alternate) }
        return result
    }
}
