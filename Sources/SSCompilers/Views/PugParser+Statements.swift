extension PugParser {
    // MARK: - Tags

    mutating func parseTag() throws -> PugNode {
        let token = advance()
        let tag = node(.tag, token)
        tag.name = token.val
        tag.block = emptyBlock(token.offset)
        tag.isInline = Self.inlineTags.contains(token.val)
        try self.tag(tag, selfClosingAllowed: true)
        return tag
    }

    mutating func parseInterpolation() throws -> PugNode {
        let token = advance()
        let tag = node(.interpolatedTag, token)
        tag.val = token.val
        tag.block = emptyBlock(token.offset)
        try self.tag(tag, selfClosingAllowed: true)
        return tag
    }

    /// Attributes, then text / code / `:` expansion / `/`, then the indented block.
    mutating func tag(_ tag: PugNode, selfClosingAllowed: Bool) throws {
        var attributeNames: [String] = []
        var progress = LoopProgress()
        attributes: while progress.advanced(to: index) {
            let token = peek()
            switch token.kind {
            case .id, .className:
                advance()
                if token.kind == .id {
                    if attributeNames.contains("id") {
                        throw error("Duplicate attribute \"id\" is not allowed.", at: token, id: .pugInvalidSyntax)
                    }
                    attributeNames.append("id")
                }
                tag.attrs.append(PugAttribute(name: token.kind == .id ? "id" : "class", val: "'" + token.val + "'", mustEscape: false))
            case .startAttributes:
                tag.attrs += try attrs(&attributeNames)
            case .andAttributes:
                advance()
                tag.attributeBlocks.append(token.val)
            default:
                break attributes
            }
        }
        if peekKind == .dot {
            tag.textOnly = true
            advance()
        }
        let body = tag.block ?? emptyBlock(tag.offset)
        tag.block = body
        let token = peek()
        switch token.kind {
        case .text, .interpolatedCode:
            let text = try parseText()
            if text.kind == .block { body.nodes += text.nodes } else { body.nodes.append(text) }
        case .code:
            body.nodes.append(try parseCode(noBlock: true))
        case .colon:
            advance()
            let expr = try parseExpr()
            tag.block = expr.kind == .block ? expr : PugNode.block([expr], file: file, offset: token.offset)
        case .newline, .indent, .outdent, .eos, .startPipelessText, .endPugInterpolation:
            break
        case .slash where selfClosingAllowed:
            advance()
            tag.selfClosing = true
        default:
            throw error("Unexpected token `\(token.kind.rawValue)` expected `text`, `interpolated-code`, `code`, `:`"
                + (selfClosingAllowed ? ", `slash`" : "") + ", `newline` or `eos`", at: token)
        }
        while peekKind == .newline { advance() }
        if tag.textOnly {
            tag.block = try parseTextBlock() ?? emptyBlock(tag.offset)
        } else if peekKind == .indent {
            let inner = try block()
            tag.block?.nodes += inner.nodes
        }
    }

    mutating func attrs(_ names: inout [String]) throws -> [PugAttribute] {
        _ = try expect(.startAttributes)
        var result: [PugAttribute] = []
        while peekKind == .attribute {
            let token = advance()
            if token.name != "class" {
                if names.contains(token.name) {
                    throw error("Duplicate attribute \"\(token.name)\" is not allowed.", at: token, id: .pugInvalidSyntax)
                }
                names.append(token.name)
            }
            result.append(PugAttribute(name: token.name, val: token.val, mustEscape: token.mustEscape))
        }
        _ = try expect(.endAttributes)
        return result
    }

    /// Attributes whose names need no duplicate check against a tag (filters).
    mutating func attrs() throws -> [PugAttribute] {
        var scratch: [String] = []
        return try attrs(&scratch)
    }

    // MARK: - Mixins and blocks

    mutating func parseMixin() throws -> PugNode {
        let token = try expect(.mixin)
        guard peekKind == .indent else {
            throw error("Mixin \(token.val) declared without body", at: token, id: .pugInvalidSyntax)
        }
        let mixin = node(.mixin, token)
        mixin.name = token.val
        mixin.args = token.args
        inMixinCount += 1
        defer { inMixinCount -= 1 }
        mixin.block = try block()
        return mixin
    }

    mutating func parseCall() throws -> PugNode {
        let token = try expect(.call)
        let mixin = node(.mixin, token)
        mixin.name = token.val
        mixin.args = token.args
        mixin.call = true
        mixin.block = emptyBlock(token.offset)
        try tag(mixin, selfClosingAllowed: false)
        if mixin.block?.nodes.isEmpty ?? true { mixin.block = nil }
        return mixin
    }

    mutating func parseBlock() throws -> PugNode {
        let token = try expect(.block)
        let result = peekKind == .indent ? try block() : emptyBlock(token.offset)
        result.kind = .namedBlock
        result.name = PugJS.trimmed(token.val)
        result.mode = token.mode
        result.offset = token.offset
        return result
    }

    mutating func parseMixinBlock() throws -> PugNode {
        let token = try expect(.mixinBlock)
        guard inMixinCount > 0 else {
            throw error("Anonymous blocks are not allowed unless they are part of a mixin.", at: token, id: .pugInvalidStructure)
        }
        return node(.mixinBlock, token)
    }

    // MARK: - Control flow

    mutating func parseCase() throws -> PugNode {
        let token = try expect(.caseKeyword)
        let caseNode = node(.caseNode, token)
        caseNode.val = token.val
        let body = emptyBlock(token.offset)
        _ = try expect(.indent)
        var progress = LoopProgress()
        while peekKind != .outdent {
            guard progress.advanced(to: index) else { throw error("the parser made no progress", at: peek()) }
            switch peekKind {
            case .comment, .newline:
                advance()
                // A comment's indented body belongs to the comment, not to the case.
                if peekKind == .startPipelessText { _ = try parseTextBlock() }
            case .when:
                let whenToken = advance()
                let when = node(.when, whenToken)
                when.val = whenToken.val
                if peekKind != .newline { when.block = try parseBlockExpansion() }
                body.nodes.append(when)
            case .defaultKeyword:
                let defaultToken = advance()
                let when = node(.when, defaultToken)
                when.val = "default"
                when.block = try parseBlockExpansion()
                body.nodes.append(when)
            default:
                throw error("Unexpected token \"\(peekKind.rawValue)\", expected \"when\", \"default\" or \"newline\"",
                            at: peek())
            }
        }
        _ = try expect(.outdent)
        caseNode.block = body
        return caseNode
    }

    mutating func parseConditional() throws -> PugNode {
        let token = try expect(.ifKeyword)
        let conditional = node(.conditional, token)
        conditional.val = token.val
        conditional.block = peekKind == .indent ? try block() : emptyBlock(token.offset)
        var current = conditional
        var progress = LoopProgress()
        while progress.advanced(to: index) {
            if peekKind == .newline {
                advance()
            } else if peekKind == .elseIf {
                let elseIf = advance()
                let next = node(.conditional, elseIf)
                next.val = elseIf.val
                next.block = peekKind == .indent ? try block() : emptyBlock(elseIf.offset)
                current.alternate = next
                current = next
            } else if peekKind == .elseKeyword {
                advance()
                if peekKind == .indent { current.alternate = try block() }
                break
            } else {
                break
            }
        }
        return conditional
    }

    mutating func parseWhile() throws -> PugNode {
        let token = try expect(.whileKeyword)
        let loop = node(.whileLoop, token)
        loop.val = token.val
        loop.block = peekKind == .indent ? try block() : emptyBlock(token.offset)
        return loop
    }

    mutating func parseEach() throws -> PugNode {
        let token = try expect(.each)
        let each = node(.each, token)
        each.val = token.code
        each.item = token.val
        each.key = token.key
        each.block = try block()
        if peekKind == .elseKeyword {
            advance()
            each.alternate = try block()
        }
        return each
    }

    mutating func parseEachOf() throws -> PugNode {
        let token = try expect(.eachOf)
        let each = node(.eachOf, token)
        each.val = token.code
        each.item = token.val
        each.block = try block()
        return each
    }

    // MARK: - Files

    mutating func parseExtends() throws -> PugNode {
        let token = try expect(.extends)
        let path = try expect(.path)
        let extends = node(.extends, token)
        extends.path = PugJS.trimmed(path.val)
        return extends
    }

    mutating func parseInclude() throws -> PugNode {
        let token = try expect(.include)
        let include = node(.include, token)
        var filters: [PugNode] = []
        while peekKind == .filter {
            let filterToken = advance()
            let filter = node(.filter, filterToken)
            filter.name = filterToken.val
            if peekKind == .startAttributes { filter.attrs = try attrs() }
            filters.append(filter)
        }
        let path = try expect(.path)
        include.path = PugJS.trimmed(path.val)
        let ext = PathUtil.pathExtension(include.path)
        let isTemplate = ext == "pug" || ext == "jade" || ext.isEmpty
        if isTemplate, filters.isEmpty {
            include.block = peekKind == .indent ? try block() : emptyBlock(token.offset)
        } else {
            include.kind = .rawInclude
            include.filters = filters
            if peekKind == .indent {
                throw error("Raw inclusion cannot contain a block", at: peek(), id: .pugInvalidSyntax)
            }
        }
        return include
    }
}

import Foundation
