import Foundation

extension StyParser {
    static let units: Set<String> = [
        "em", "ex", "ch", "rem", "vw", "svw", "lvw", "dvw", "vh", "svh", "lvh", "dvh", "vmin", "svmin", "lvmin",
        "dvmin", "vmax", "svmax", "lvmax", "dvmax", "cm", "mm", "in", "pt", "pc", "px", "deg", "grad", "rad",
        "turn", "s", "ms", "Hz", "kHz", "dpi", "dpcm", "dppx", "x", "cqw", "cqh", "cqi", "cqb", "cqmin", "cqmax",
        "fr",
    ]

    mutating func assignAtblock(_ expr: StyExpression) throws {
        do {
            expr.push(try atblock(expr))
        } catch {
            throw self.error("invalid right-hand side operand in assignment, got {peek}")
        }
    }

    mutating func assignment() throws -> StyNode {
        let ident = try id()
        let name = ident.name
        guard
            let op = accept(.assign) ?? accept(.qEq) ?? accept(.plusEq) ?? accept(.minusEq) ?? accept(.starEq)
                ?? accept(.slashEq) ?? accept(.percentEq)
        else { return ident }
        pushState("assignment")
        let expr = try list()
        if expr.isEmpty { try assignAtblock(expr) }
        var node: StyNode = StyIdent(name, expr)
        node.lineno = ident.lineno
        node.column = ident.column
        node.filename = filename
        popState()
        switch op.type {
        case .qEq:
            let defined = StyBinOp("is defined", node)
            let lookup = StyExpression()
            lookup.push(StyIdent(name))
            node = StyTernary(defined, lookup, node)
        case .plusEq, .minusEq, .starEq, .slashEq, .percentEq:
            (node as? StyIdent)?.val = StyBinOp(String(op.type.name.prefix(1)), StyIdent(name), expr)
        default: break
        }
        return node
    }

    mutating func function() throws -> StyNode {
        var parensCount = 1
        var i = 2
        scan: while true {
            let type = laType(i)
            i += 1
            switch type {
            case .function, .lparen: parensCount += 1
            case .rparen:
                parensCount -= 1
                if parensCount == 0 { break scan }
            case .eos: throw error("failed to find closing paren \")\"")
            default: break
            }
            if i > 100_000 { throw error("failed to find closing paren \")\"") }
        }
        if currentState == "expression" { return try functionCall() }
        return looksLikeFunctionDefinition(i) ? try functionDefinition() : try expression()
    }

    mutating func url() throws -> StyNode {
        let tok = try expect(.function)
        pushState("function arguments")
        let args = try self.args()
        try expect(.rparen)
        popState()
        return mk(StyCall("url", args), tok)
    }

    mutating func functionCall() throws -> StyNode {
        let withBlock = skipIf(.plus)
        if (peekVal as? StyIdent)?.name == "url" { return try url() }
        let tok = try expect(.function)
        let name = (tok.val as? StyIdent)?.name ?? ""
        pushState("function arguments")
        parens += 1
        let args = try self.args()
        try expect(.rparen)
        parens -= 1
        popState()
        let call = mk(StyCall(name, args), tok)
        if withBlock {
            pushState("function")
            call.block = try block(call)
            popState()
        }
        return call
    }

    mutating func functionDefinition() throws -> StyNode {
        let tok = try expect(.function)
        let name = (tok.val as? StyIdent)?.name ?? "anonymous"
        pushState("function params")
        skipWhitespace()
        let params = try self.params()
        skipWhitespace()
        try expect(.rparen)
        popState()
        pushState("function")
        let fn = mk(StyFunction(name, params), tok)
        fn.block = try block(fn)
        popState()
        return mk(StyIdent(name, fn), tok)
    }

    mutating func params() throws -> StyParams {
        let params = StyParams()
        while let tok = accept(.ident) {
            skipIf(.space)
            let node = (tok.val as? StyIdent) ?? StyIdent(tok.val.map { styNodeString($0) } ?? "")
            params.nodes.append(node)
            if skipIf(.dotDotDot) {
                node.rest = true
            } else if skipIf(.assign) {
                node.val = try expression()
            }
            skipWhitespace()
            skipIf(.comma)
            skipWhitespace()
        }
        return params
    }

    mutating func args() throws -> StyArguments {
        let args = StyArguments()
        let base = scratch.count
        defer { args.nodes = takeScratch(from: base) }
        repeat {
            if peekType == .ident && laType(2) == .colon {
                let key = next().val.map { styNodeString($0) } ?? ""
                try expect(.colon)
                args.setKeyword(key, try expression())
            } else {
                scratch.append(try expression())
            }
        } while skipIf(.comma)
        return args
    }

    mutating func list() throws -> StyExpression {
        var node = try expression()
        while skipIf(.comma) {
            if node.isList {
                node.push(try expression())
            } else {
                let list = StyExpression(isList: true)
                list.push(node)
                list.push(try expression())
                node = list
            }
        }
        return node
    }

    mutating func expression() throws -> StyExpression {
        depth += 1
        defer { depth -= 1 }
        if depth > StyParser.maxDepth { throw error("expression nested too deeply") }
        let expr = StyExpression()
        pushState("expression")
        var progress = LoopProgress()
        let base = scratch.count
        defer { expr.nodes = takeScratch(from: base) }
        while let node = try negation() {
            scratch.append(node)
            if !progress.advanced(to: consumed) { break }
        }
        popState()
        if base < scratch.count {
            let f = scratch[base]
            expr.lineno = f.lineno
            expr.column = f.column
            expr.filename = f.filename
        }
        return expr
    }

    mutating func negation() throws -> StyNode? {
        if let value = plainOperand() { return value }
        if skipIf(.not) {
            guard let n = try negation() else { throw error("illegal unary \"not\"") }
            return StyUnaryOp("!", n)
        }
        return try ternary()
    }

    mutating func ternary() throws -> StyNode? {
        var node = try logical()
        if skipIf(.question) {
            let t = try expression()
            try expect(.colon)
            let f = try expression()
            node = StyTernary(node ?? StyNull(), t, f)
        }
        return node
    }

    mutating func logical() throws -> StyNode? {
        var node = try typecheck()
        while let op = acceptAny(StyParser.logicalOps) {
            node = StyBinOp(op.type.name, node ?? StyNull(), try typecheck())
        }
        return node
    }

    mutating func binaryLoop(
        _ ops: StyTokenTypeSet, _ operandFn: (inout StyParser) throws -> StyNode?
    ) throws -> StyNode? {
        var node = try operandFn(&self)
        while true {
            guard let op = acceptAny(ops) else { break }
            operand = true
            guard let left = node else { throw error("illegal unary \"\(op.type)\", missing left-hand operand") }
            node = StyBinOp(op.type.name, left, try operandFn(&self))
            operand = false
        }
        return node
    }

    /// Value tokens that `primary` takes as they are.
    static let plainOperands: StyTokenTypeSet = [.unit, .color, .string, .boolean, .null, .literal]
    /// Every token that a level between `ternary` and `member` acts on after an operand
    /// (past the spaces `member` skips).
    static let afterOperand: StyTokenTypeSet = [
        .question, .and, .or, .isA, .eq, .notEq, .inKw, .gte, .lte, .lt, .gt, .dotDotDot, .dotDot, .plus, .minus,
        .pow, .star, .slash, .percent, .isDefined, .lbracket, .assign, .dot,
    ]

    /// `ternary()` for the commonest operand, a unit, colour, string or the like that no
    /// operator follows: taken straight instead of through the twelve levels between,
    /// each of which would find nothing to do. Nil (nothing taken) otherwise.
    mutating func plainOperand() -> StyNode? {
        // (Not with the '/' of `a/b` stashed: `next()` would take that instead.)
        guard stash.isEmpty, StyParser.plainOperands.contains(peekType), let value = peekVal else { return nil }
        var i = 2
        while laType(i) == .space { i += 1 }
        if StyParser.afterOperand.contains(laType(i)) { return nil }
        next()
        skipSpaces()
        return value
    }

    // The operators of each precedence level (sets made once: a literal builds its mask).
    static let logicalOps: StyTokenTypeSet = [.and, .or]
    static let typecheckOps: StyTokenTypeSet = [.isA]
    static let equalityOps: StyTokenTypeSet = [.eq, .notEq]
    static let inOps: StyTokenTypeSet = [.inKw]
    static let relationalOps: StyTokenTypeSet = [.gte, .lte, .lt, .gt]
    static let rangeOps: StyTokenTypeSet = [.dotDotDot, .dotDot]
    static let additiveOps: StyTokenTypeSet = [.plus, .minus]
    static let multiplicativeOps: StyTokenTypeSet = [.pow, .star, .slash, .percent]
    static let unaryOps: StyTokenTypeSet = [.bang, .tilde, .plus, .minus]

    mutating func typecheck() throws -> StyNode? { try binaryLoop(StyParser.typecheckOps) { try $0.equality() } }
    mutating func equality() throws -> StyNode? { try binaryLoop(StyParser.equalityOps) { try $0.inOp() } }
    mutating func inOp() throws -> StyNode? { try binaryLoop(StyParser.inOps) { try $0.relational() } }
    mutating func relational() throws -> StyNode? {
        try binaryLoop(StyParser.relationalOps) { try $0.range() }
    }

    mutating func range() throws -> StyNode? {
        var node = try additive()
        if let op = acceptAny(StyParser.rangeOps) {
            operand = true
            guard let left = node else { throw error("illegal unary \"\(op.type)\", missing left-hand operand") }
            node = StyBinOp(op.type.name, left, try additive())
            operand = false
        }
        return node
    }

    mutating func additive() throws -> StyNode? {
        var node = try multiplicative()
        while let op = acceptAny(StyParser.additiveOps) {
            operand = true
            node = StyBinOp(op.type.name, node ?? StyNull(), try multiplicative())
            operand = false
        }
        return node
    }

    mutating func multiplicative() throws -> StyNode? {
        var node = try defined()
        while let op = acceptAny(StyParser.multiplicativeOps) {
            operand = true
            if op.type == .slash && inProperty && parens == 0 {
                var lit = StyToken(.literal, StyLiteral("/"))
                lit.lineno = op.lineno
                lit.column = op.column
                stash.append(lit)
                operand = false
                return node
            }
            guard let left = node else { throw error("illegal unary \"\(op.type)\", missing left-hand operand") }
            node = StyBinOp(op.type.name, left, try defined())
            operand = false
        }
        return node
    }

    mutating func defined() throws -> StyNode? {
        var node = try unary()
        if skipIf(.isDefined) {
            guard let left = node else { throw error("illegal unary \"is defined\", missing left-hand operand") }
            node = StyBinOp("is defined", left)
        }
        return node
    }

    mutating func unary() throws -> StyNode? {
        if let op = acceptAny(StyParser.unaryOps) {
            operand = true
            depth += 1
            defer { depth -= 1 }
            if depth > StyParser.maxDepth { throw error("expression nested too deeply") }
            guard let node = try unary() else { throw error("illegal unary \"\(op.type)\"") }
            operand = false
            return StyUnaryOp(op.type.name, node)
        }
        return try subscriptExpr()
    }

    mutating func subscriptExpr() throws -> StyNode? {
        var node = try member()
        while skipIf(.lbracket) {
            node = StyBinOp("[]", node ?? StyNull(), try expression())
            try expect(.rbracket)
        }
        if skipIf(.assign) {
            if let b = node as? StyBinOp {
                b.op += "="
                let v = try list()
                if v.isEmpty { try assignAtblock(v) }
                b.val = v
            } else {
                throw error("invalid assignment")
            }
        }
        return node
    }

    mutating func member() throws -> StyNode? {
        var node = try primary()
        if var n = node {
            while skipIf(.dot) {
                let idTok = try expect(.ident)
                let right = StyIdent(idTok.val.map { styNodeString($0) } ?? "")
                n = StyMember(n, right)
            }
            skipSpaces()
            if skipIf(.assign) {
                guard let m = n as? StyMember else { throw error("invalid assignment") }
                let v = try list()
                if v.isEmpty { try assignAtblock(v) }
                m.val = v
            }
            node = n
        }
        return node
    }

    mutating func object() throws -> StyNode {
        let obj = StyObject()
        try expect(.lbrace)
        skipWhitespace()
        var comma = false
        var progress = LoopProgress()
        while !skipIf(.rbrace) {
            guard progress.advanced(to: consumed) else { throw error("unexpected {peek}") }
            if skipIf(.comment) || skipIf(.newline) { continue }
            if !comma { skipIf(.comma) }
            guard let idTok = accept(.ident) ?? accept(.string) else {
                throw error("expected \"ident\" or \"string\", got {peek}")
            }
            let key = idTok.val.map { styNodeString($0) } ?? ""
            skipSpacesAndComments()
            try expect(.colon)
            let val = try expression()
            obj.set(key, val)
            if let k = idTok.val { obj.keyNodes[key] = k }
            comma = skipIf(.comma)
            skipWhitespace()
        }
        return obj
    }

    mutating func primary() throws -> StyNode? {
        skipSpaces()
        if skipIf(.lparen) {
            parens += 1
            let expr = try expression()
            let paren = try expect(.rparen)
            parens -= 1
            if skipIf(.percent) { expr.push(StyIdent("%")) }
            let tok = peek()
            if !paren.hasSpace && tok.type == .ident, let i = tok.val as? StyIdent,
                StyParser.units.contains(i.name)
            {
                expr.push(StyIdent(i.name))
                next()
            }
            return expr
        }
        switch peekType {
        case .null, .unit, .color, .string, .literal, .boolean, .comment:
            return next().val
        case .lbrace where !cond:
            return try object()
        case .atblock:
            return try atblock()
        case .atrule:
            let t = next()
            let i = mk(StyIdent(t.text ?? ""), t)
            i.property = true
            return i
        case .ident:
            return try ident()
        case .function:
            return lexer.lookaheadAnonymous(1) ? try functionDefinition() : try functionCall()
        default:
            return nil
        }
    }
}
