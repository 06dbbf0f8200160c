/// Builds the syntax tree from tokens, following `pug-parser` method by method.
struct PugParser {
    var tokens: [PugToken]
    var index = 0
    private var deferred: [PugToken] = []
    let file: Int
    let path: String
    var inMixinCount = 0
    private var depth = 0
    static let maximumDepth = 200
    static let inlineTags: Set<String> = [
        "a", "abbr", "acronym", "b", "br", "code", "em", "font", "i", "img", "ins", "kbd", "map", "samp",
        "small", "span", "strong", "sub", "sup",
    ]

    init(tokens: [PugToken], file: Int, path: String) {
        self.tokens = tokens
        self.file = file
        self.path = path
    }

    // MARK: - Token stream

    func peek() -> PugToken {
        if let token = deferred.last { return token }
        return index < tokens.count ? tokens[index] : PugToken(.eos, at: tokens.last?.offset ?? 0)
    }

    /// The next token's kind, without copying the token (the parser asks this a lot).
    var peekKind: PugToken.Kind {
        if let token = deferred.last { return token.kind }
        return index < tokens.count ? tokens[index].kind : .eos
    }

    @discardableResult
    mutating func advance() -> PugToken {
        if let token = deferred.popLast() { return token }
        let token = peek()
        if index < tokens.count { index += 1 }
        return token
    }

    /// Puts a token in front of the stream (Pug's `lexer.defer`), without moving the
    /// rest of the token array.
    mutating func defer_(_ token: PugToken) { deferred.append(token) }

    mutating func expect(_ kind: PugToken.Kind) throws -> PugToken {
        let token = peek()
        guard token.kind == kind else {
            throw error("expected \"\(kind.rawValue)\", but got \"\(token.kind.rawValue)\"", at: token)
        }
        return advance()
    }

    mutating func accept(_ kind: PugToken.Kind) -> PugToken? {
        peekKind == kind ? advance() : nil
    }

    func error(_ message: String, at token: PugToken, id: DiagnosticID = .pugUnexpectedToken) -> PugError {
        PugError(id: id, message: message, path: path, offset: token.offset)
    }

    func node(_ kind: PugNode.Kind, _ token: PugToken) -> PugNode { PugNode(kind, file: file, offset: token.offset) }

    func emptyBlock(_ offset: Int) -> PugNode { PugNode.block(file: file, offset: offset) }

    // MARK: - Document

    mutating func parse() throws -> PugNode {
        let root = emptyBlock(0)
        var progress = LoopProgress()
        while peekKind != .eos {
            guard progress.advanced(to: index) else { throw error("the parser made no progress", at: peek()) }
            if peekKind == .newline {
                advance()
            } else if peekKind == .textHtml {
                root.nodes += try parseTextHtml()
            } else {
                let expr = try parseExpr()
                if expr.kind == .block { root.nodes += expr.nodes } else { root.nodes.append(expr) }
            }
        }
        return root
    }

    mutating func parseExpr() throws -> PugNode {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumDepth {
            throw error("the template is nested too deeply (more than \(Self.maximumDepth) levels)", at: peek(), id: .pugTooDeep)
        }
        let token = peek()
        switch token.kind {
        case .tag: return try parseTag()
        case .mixin: return try parseMixin()
        case .block: return try parseBlock()
        case .mixinBlock: return try parseMixinBlock()
        case .caseKeyword: return try parseCase()
        case .extends: return try parseExtends()
        case .include: return try parseInclude()
        case .doctype:
            advance()
            let doctype = node(.doctype, token)
            doctype.val = token.val
            return doctype
        case .filter: return try parseFilter()
        case .comment: return try parseComment()
        case .text, .interpolatedCode, .startPugInterpolation: return try parseText(block: true)
        case .textHtml: return PugNode.block(try parseTextHtml(), file: file, offset: token.offset)
        case .dot:
            advance()
            return try parseTextBlock() ?? emptyBlock(token.offset)
        case .each: return try parseEach()
        case .eachOf: return try parseEachOf()
        case .code: return try parseCode()
        case .blockCode: return try parseBlockCode()
        case .ifKeyword: return try parseConditional()
        case .whileKeyword: return try parseWhile()
        case .call: return try parseCall()
        case .interpolation: return try parseInterpolation()
        case .yield:
            advance()
            return node(.yieldBlock, token)
        case .id, .className:
            defer_(PugToken(.tag, at: token.offset, "div"))
            return try parseExpr()
        default:
            throw error("unexpected token \"\(token.kind.rawValue)\"", at: token)
        }
    }

    mutating func block() throws -> PugNode {
        let token = try expect(.indent)
        let result = emptyBlock(token.offset)
        var progress = LoopProgress()
        while peekKind != .outdent {
            guard progress.advanced(to: index) else { throw error("the parser made no progress", at: peek()) }
            if peekKind == .eos { throw error("unexpected end of file", at: peek()) }
            if peekKind == .newline {
                advance()
            } else if peekKind == .textHtml {
                result.nodes += try parseTextHtml()
            } else {
                let expr = try parseExpr()
                if expr.kind == .block { result.nodes += expr.nodes } else { result.nodes.append(expr) }
            }
        }
        _ = try expect(.outdent)
        return result
    }

    mutating func parseBlockExpansion() throws -> PugNode {
        if let colon = accept(.colon) {
            let expr = try parseExpr()
            return expr.kind == .block ? expr : PugNode.block([expr], file: file, offset: colon.offset)
        }
        return try block()
    }

    // MARK: - Text

    mutating func parseText(block: Bool = false) throws -> PugNode {
        var nodes: [PugNode] = []
        let start = peek().offset
        var progress = LoopProgress()
        loop: while progress.advanced(to: index) {
            let token = peek()
            switch token.kind {
            case .text:
                advance()
                let text = node(.text, token)
                text.val = token.val
                nodes.append(text)
            case .interpolatedCode:
                advance()
                nodes.append(codeNode(token, isInline: true))
            case .newline:
                guard block else { break loop }
                advance()
                let next = peekKind
                if next == .text || next == .interpolatedCode {
                    let text = node(.text, token)
                    text.val = "\n"
                    nodes.append(text)
                }
            case .startPugInterpolation:
                advance()
                nodes.append(try parseExpr())
                _ = try expect(.endPugInterpolation)
            default:
                break loop
            }
        }
        if nodes.count == 1 { return nodes[0] }
        return PugNode.block(nodes, file: file, offset: start)
    }

    func codeNode(_ token: PugToken, isInline: Bool) -> PugNode {
        let code = node(.code, token)
        code.val = token.val
        code.buffer = token.buffer
        code.mustEscape = token.mustEscape
        code.isInline = isInline
        return code
    }

    mutating func parseTextHtml() throws -> [PugNode] {
        var nodes: [PugNode] = []
        var current: PugNode? = nil
        var progress = LoopProgress()
        loop: while progress.advanced(to: index) {
            let token = peek()
            switch token.kind {
            case .textHtml:
                advance()
                if let current {
                    current.val += "\n" + token.val
                } else {
                    let text = node(.text, token)
                    text.val = token.val
                    text.isHtml = true
                    current = text
                    nodes.append(text)
                }
            case .indent:
                let inner = try block()
                for child in inner.nodes {
                    if child.isHtml {
                        if let current { current.val += "\n" + child.val } else { current = child; nodes.append(child) }
                    } else {
                        current = nil
                        nodes.append(child)
                    }
                }
            case .code:
                current = nil
                nodes.append(try parseCode(noBlock: true))
            case .newline:
                advance()
            default:
                break loop
            }
        }
        return nodes
    }

    mutating func parseTextBlock() throws -> PugNode? {
        guard let start = accept(.startPipelessText) else { return nil }
        let result = emptyBlock(start.offset)
        var progress = LoopProgress()
        while peekKind != .endPipelessText {
            guard progress.advanced(to: index) else { throw error("the parser made no progress", at: peek()) }
            let token = advance()
            switch token.kind {
            case .text:
                let text = node(.text, token)
                text.val = token.val
                result.nodes.append(text)
            case .newline:
                let text = node(.text, token)
                text.val = "\n"
                result.nodes.append(text)
            case .startPugInterpolation:
                result.nodes.append(try parseExpr())
                _ = try expect(.endPugInterpolation)
            case .interpolatedCode:
                result.nodes.append(codeNode(token, isInline: true))
            default:
                throw error("Unexpected token type: \(token.kind.rawValue)", at: token)
            }
        }
        advance()
        return result
    }

    // MARK: - Comments, code, filters

    mutating func parseComment() throws -> PugNode {
        let token = try expect(.comment)
        if let body = try parseTextBlock() {
            let comment = node(.blockComment, token)
            comment.val = token.val
            comment.block = body
            comment.buffer = token.buffer
            return comment
        }
        let comment = node(.comment, token)
        comment.val = token.val
        comment.buffer = token.buffer
        return comment
    }

    mutating func parseCode(noBlock: Bool = false) throws -> PugNode {
        let token = try expect(.code)
        let code = codeNode(token, isInline: noBlock)
        if noBlock { return code }
        if peekKind == .indent {
            if token.buffer {
                throw error("Buffered code cannot have a block attached to it", at: peek(), id: .pugInvalidSyntax)
            }
            code.block = try block()
        }
        return code
    }

    mutating func parseBlockCode() throws -> PugNode {
        let token = try expect(.blockCode)
        var text = ""
        if peekKind == .startPipelessText {
            advance()
            var progress = LoopProgress()
            while peekKind != .endPipelessText {
                guard progress.advanced(to: index) else { throw error("the parser made no progress", at: peek()) }
                let part = advance()
                switch part.kind {
                case .text: text += part.val
                case .newline: text += "\n"
                default: throw error("Unexpected token type: \(part.kind.rawValue)", at: part)
                }
            }
            advance()
        }
        let code = node(.code, token)
        code.val = text
        code.buffer = false
        code.mustEscape = false
        return code
    }

    mutating func parseFilter() throws -> PugNode {
        let token = try expect(.filter)
        let filter = node(.filter, token)
        filter.name = token.val
        if peekKind == .startAttributes { filter.attrs = try attrs() }
        if peekKind == .text {
            let textToken = advance()
            let text = node(.text, textToken)
            text.val = textToken.val
            filter.block = PugNode.block([text], file: file, offset: textToken.offset)
        } else if peekKind == .filter {
            filter.block = PugNode.block([try parseFilter()], file: file, offset: token.offset)
        } else {
            filter.block = try parseTextBlock() ?? emptyBlock(token.offset)
        }
        return filter
    }
}
