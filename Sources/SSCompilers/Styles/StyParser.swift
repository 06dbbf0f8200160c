import Foundation

/// Recursive-descent parser for Stylus (a port of the reference grammar, which
/// decides between selectors, properties and expressions by token lookahead).
struct StyParser {
    var lexer: StyLexer
    var root: StyBlock
    var parent: StyBlock
    var state: [String] = ["root"]
    var prevState: String?
    var stash: [StyToken] = []
    var parens = 0
    var css = 0
    var bracketed = false
    var cond = false
    var operand = false
    var inProperty = false
    var allowPostfix = false
    var selectorScope: String?
    var lastIdentUID = -1
    var prefix: String
    var filename: String?
    var depth = 0
    /// Tokens taken so far; parser loops check it to prove progress.
    var consumed = 0
    /// The nodes of the blocks, expressions and selectors being parsed, innermost last:
    /// each is copied out once complete, into an array of its exact size (appending to
    /// each node's own array grew most of them two or three times).
    var scratch: [StyNode] = []
    static let maxDepth = 200

    init(_ text: String, root: StyBlock? = nil, prefix: String = "", filename: String? = nil) {
        lexer = StyLexer(text)
        let r = root ?? StyRoot()
        self.root = r
        self.parent = r
        self.prefix = prefix
        self.filename = filename
        scratch.reserveCapacity(64)
    }

    /// The nodes collected on `scratch` from `base` on, removed from it.
    mutating func takeScratch(from base: Int) -> [StyNode] {
        guard base < scratch.count else { return [] }
        let nodes = scratchCopy(from: base)
        scratch.removeSubrange(base...)
        return nodes
    }

    /// The nodes on `scratch` from `base` on, always in new storage (`Array` of a slice
    /// that spans the whole array shares its storage, which the next change then copies).
    func scratchCopy(from base: Int) -> [StyNode] {
        scratch.withUnsafeBufferPointer { Array(UnsafeBufferPointer(rebasing: $0[base...])) }
    }

    // MARK: - Token stream

    var currentState: String { state.last ?? "root" }
    var previousState: String? { state.count >= 2 ? state[state.count - 2] : nil }

    mutating func pushState(_ s: String) { state.append(s) }
    mutating func popState() { prevState = state.popLast() }

    // Like the reference parser, peeking ignores the parser's own stash (which only
    // ever holds the '/' literal of `a/b` in property values); `next()` drains it first.
    mutating func peek() -> StyToken { lexer.peek() }

    mutating func lookahead(_ n: Int) -> StyToken { lexer.lookahead(n) }

    /// The type of the n-th lookahead token (without copying the whole token).
    mutating func laType(_ n: Int) -> StyTokenType { lexer.lookaheadType(n) }
    var peekType: StyTokenType {
        @inline(__always) mutating get { lexer.lookaheadType(1) }
    }
    var peekVal: StyNode? { mutating get { lexer.lookaheadVal(1) } }
    var peekUID: Int { mutating get { lexer.lookaheadUID(1) } }

    /// `mk(node, peek())` without copying the token.
    mutating func mkAtPeek<T: StyNode>(_ node: T) -> T {
        let (line, column) = lexer.lookaheadPosition(1)
        node.lineno = line
        node.column = column
        node.filename = filename
        return node
    }

    @discardableResult
    mutating func next() -> StyToken {
        let tok = stash.popLast() ?? lexer.next()
        consumed += 1
        if let v = tok.val {
            v.lineno = tok.lineno
            v.column = tok.column
            v.filename = filename
        }
        return tok
    }

    mutating func accept(_ type: StyTokenType) -> StyToken? {
        if peekType == type { return next() }
        return nil
    }

    /// `accept` of whichever of `types` comes next (the type is read once, not per type).
    mutating func acceptAny(_ types: StyTokenTypeSet) -> StyToken? {
        types.contains(peekType) ? next() : nil
    }

    /// `accept` when the token itself is not needed.
    @discardableResult
    mutating func skipIf(_ type: StyTokenType) -> Bool {
        guard peekType == type else { return false }
        skipNext()
        return true
    }

    /// `next()` when the token itself is not needed (it is not copied out of the lexer).
    mutating func skipNext() {
        guard stash.isEmpty else {
            next()
            return
        }
        if let v = lexer.lookaheadVal(1) {
            let (line, column) = lexer.lookaheadPosition(1)
            v.lineno = line
            v.column = column
            v.filename = filename
        }
        lexer.discard()
        consumed += 1
    }

    @discardableResult
    mutating func expect(_ type: StyTokenType) throws -> StyToken {
        if peekType != type { throw error("expected \"\(type)\", got {peek}") }
        return next()
    }

    mutating func error(_ msg: String) -> StyError {
        let tok = peek()
        var v = tok.debugText
        v = v.isEmpty ? "" : " " + v
        if v.trimmingCharacters(in: .whitespaces) == tok.type.name.trimmingCharacters(in: .whitespaces) { v = "" }
        let t = tok.type == .eos ? "end of file" : tok.type
        var e = StyError(msg.replacingOccurrences(of: "{peek}", with: "\"\(t)\(v)\""), id: .styParse)
        e.lineno = tok.lineno
        e.column = tok.column
        e.filename = filename
        return e
    }

    mutating func skip(_ types: StyTokenTypeSet) {
        while types.contains(peekType) { skipNext() }
    }

    mutating func skipWhitespace() { skip(StyParser.whitespaceTypes) }

    static let whitespaceTypes: StyTokenTypeSet = [.space, .indent, .outdent, .newline]
    /// After an `indent` in a block: an empty indented line.
    static let emptyLineTypes: StyTokenTypeSet = [.outdent, .newline, .comment]
    mutating func skipNewlines() { while peekType == .newline { skipNext() } }
    mutating func skipSpaces() { while peekType == .space { skipNext() } }
    mutating func skipSpacesAndComments() {
        while peekType == .space || peekType == .comment { skipNext() }
    }

    func mk<T: StyNode>(_ node: T, _ tok: StyToken) -> T {
        node.lineno = tok.lineno
        node.column = tok.column
        node.filename = filename
        return node
    }

    // MARK: - Program

    mutating func parse() throws -> StyBlock {
        let block = root
        parent = root
        var progress = LoopProgress()
        while peekType != .eos {
            guard progress.advanced(to: consumed) else { throw error("unexpected {peek}") }
            skipWhitespace()
            if peekType == .eos { break }
            let stmt = try statement()
            skipIf(.semicolon)
            guard let stmt else { throw error("unexpected token {peek}, not allowed at the root level") }
            block.push(stmt)
        }
        return block
    }

    mutating func statement() throws -> StyNode? {
        var stmt = try stmtInner()
        var st = prevState
        if allowPostfix {
            allowPostfix = false
            st = "expression"
        }
        switch st {
        case "assignment", "expression", "function arguments":
            while true {
                guard var s = stmt else { break }
                if let op = accept(.ifKw) ?? accept(.unless) {
                    let node = mk(StyIf(try expression(), negate: op.type == .unless), op)
                    node.statement = s
                    node.postfix = true
                    skipIf(.semicolon)
                    s = node
                } else if let op = accept(.forKw) {
                    let val = try id().name
                    var key: String?
                    if skipIf(.comma) { key = try id().name }
                    try expect(.inKw)
                    let each = mk(StyEach(val, key, try expression()), op)
                    let block = StyBlock(parent, each)
                    block.push(s)
                    each.block = block
                    s = each
                } else {
                    break
                }
                stmt = s
            }
        default: break
        }
        return stmt
    }

    mutating func stmtInner() throws -> StyNode? {
        let type = peekType
        switch type {
        case .keyframes: return try keyframes()
        case .mozDocument: return try mozdocument()
        case .comment: return comment()
        case .selector: return try selector()
        case .literal: return next().val
        case .charset: return try charset()
        case .namespace: return try namespace()
        case .importKw, .require: return try importStmt()
        case .extend: return try extend()
        case .media: return try media()
        case .atrule: return try atrule()
        case .ident: return try ident()
        case .scope: return try scope()
        case .supports: return try supports()
        case .unless: return try unlessStmt()
        case .function: return try function()
        case .forKw: return try forStmt()
        case .ifKw: return try ifStmt()
        case .returnKw: return try returnStmt()
        case .lbrace: return try property()
        default:
            if stateAllowsSelector {
                let tok = lexer.lookaheadPosition(1)
                switch type {
                case .color, .tilde, .gt, .lt, .colon, .amp, .and, .lbracket, .dot, .slash:
                    let sel = try selector()
                    sel.column = tok.column
                    sel.lineno = tok.line
                    return sel
                case .dotDot:
                    if laType(2) == .slash { return try selector() }
                    return laType(2) == .function ? try functionCall() : try selector()
                case .plus:
                    return laType(2) == .function ? try functionCall() : try selector()
                case .star:
                    return try property()
                case .unit:
                    if looksLikeKeyframe() {
                        let sel = try selector()
                        sel.column = tok.column
                        sel.lineno = tok.line
                        return sel
                    }
                    if laType(2) == .lbrace { return try property() }
                case .minus:
                    if laType(2) == .lbrace { return try property() }
                default: break
                }
            }
            let expr = try expression()
            if expr.isEmpty { throw error("unexpected {peek}") }
            return expr
        }
    }

    var stateAllowsSelector: Bool {
        switch currentState {
        case "root", "atblock", "selector", "conditional", "function", "atrule", "for": return true
        default: return false
        }
    }

    mutating func block(_ node: StyNode, scope: Bool = true) throws -> StyBlock {
        depth += 1
        defer { depth -= 1 }
        if depth > StyParser.maxDepth { throw error("nesting too deep") }
        let blk = StyBlock(parent, node)
        blk.lineno = node.lineno
        blk.filename = filename
        parent = blk
        if !scope { blk.scope = false }
        let base = scratch.count
        defer { blk.nodes = takeScratch(from: base) }
        skipIf(.newline)
        let delim: StyTokenType
        if skipIf(.lbrace) {
            css += 1
            delim = .rbrace
            skipWhitespace()
        } else {
            delim = .outdent
            try expect(.indent)
        }
        var progress = LoopProgress()
        while peekType != delim {
            guard progress.advanced(to: consumed) else { throw error("unexpected {peek}") }
            var stmt: StyNode?
            if css > 0 {
                if skipIf(.newline) || skipIf(.indent) { continue }
                stmt = try statement()
                skipIf(.semicolon)
                skipWhitespace()
            } else {
                if skipIf(.newline) { continue }
                let nextType = laType(2)
                if peekType == .indent && StyParser.emptyLineTypes.contains(nextType) {
                    skip([.indent, .outdent])
                    continue
                }
                if peekType == .eos {
                    parent = blk.parent ?? root
                    return blk
                }
                stmt = try statement()
                skipIf(.semicolon)
            }
            guard let stmt else { throw error("unexpected token {peek} in block") }
            scratch.append(stmt)
            if peekType == .eos && delim == .rbrace { throw error("expected \"}\", got {peek}") }
        }
        if css > 0 {
            skipWhitespace()
            try expect(.rbrace)
            skipSpaces()
            css -= 1
        } else {
            try expect(.outdent)
        }
        parent = blk.parent ?? root
        return blk
    }

    mutating func comment() -> StyNode? {
        let node = next().val
        skipSpaces()
        return node
    }

    mutating func forStmt() throws -> StyNode {
        let tok = try expect(.forKw)
        let val = try id().name
        var key: String?
        if skipIf(.comma) { key = try id().name }
        try expect(.inKw)
        pushState("for")
        cond = true
        let each = mk(StyEach(val, key, try expression()), tok)
        cond = false
        each.block = try block(each, scope: false)
        popState()
        return each
    }

    mutating func returnStmt() throws -> StyNode {
        let tok = try expect(.returnKw)
        let expr = try expression()
        return mk(expr.isEmpty ? StyReturn() : StyReturn(expr), tok)
    }

    mutating func unlessStmt() throws -> StyNode {
        let tok = try expect(.unless)
        pushState("conditional")
        cond = true
        let node = mk(StyIf(try expression(), negate: true), tok)
        cond = false
        node.block = try block(node, scope: false)
        popState()
        return node
    }

    mutating func ifStmt() throws -> StyNode {
        let tok = try expect(.ifKw)
        pushState("conditional")
        cond = true
        let node = mk(StyIf(try expression()), tok)
        cond = false
        node.block = try block(node, scope: false)
        skip([.newline, .comment])
        while skipIf(.elseKw) {
            if let t = accept(.ifKw) {
                cond = true
                let c = try expression()
                cond = false
                let blk = try block(node, scope: false)
                let item = mk(StyIf(c), t)
                item.block = blk
                node.elses.append(item)
            } else {
                node.elses.append(try block(node, scope: false))
                break
            }
            skip([.newline, .comment])
        }
        popState()
        return node
    }

    mutating func atblock(_ existing: StyNode? = nil) throws -> StyAtblock {
        if existing == nil { try expect(.atblock) }
        let node = StyAtblock()
        pushState("atblock")
        node.block = try block(node, scope: false)
        popState()
        return node
    }
}
