extension JSParser {
    mutating func parseExpression(noIn: Bool = false) throws -> JSExpr {
        let first = try parseAssign(noIn: noIn)
        guard isPunct(.comma) else { return first }
        var items = [first]
        while eat(.comma) { items.append(try parseAssign(noIn: noIn)) }
        return .sequence(items)
    }

    static func assignmentOperator(_ punct: JSPunct) -> String? {
        switch punct {
        case .assign: return "="
        case .plusAssign: return "+="
        case .minusAssign: return "-="
        case .starAssign: return "*="
        case .slashAssign: return "/="
        case .percentAssign: return "%="
        case .star2Assign: return "**="
        case .shlAssign: return "<<="
        case .sarAssign: return ">>="
        case .shrAssign: return ">>>="
        case .ampAssign: return "&="
        case .pipeAssign: return "|="
        case .caretAssign: return "^="
        case .amp2Assign: return "&&="
        case .pipe2Assign: return "||="
        case .question2Assign: return "??="
        default: return nil
        }
    }

    mutating func parseAssign(noIn: Bool = false) throws -> JSExpr {
        try enter()
        defer { depth -= 1 }
        if inGenerator, isWord("yield") { return try parseYield(noIn: noIn) }
        let start = token.start
        let left = try parseConditional(noIn: noIn)
        if case .arrow = left { return left }
        if token.kind == .punctuator, let op = JSParser.assignmentOperator(token.punct) {
            if !isValidTarget(left, allowPattern: op == "=") {
                report(.jsInvalidAssignmentTarget, "invalid assignment target", at: start)
            }
            next()
            return .assign(op, left, try parseAssign(noIn: noIn))
        }
        return left
    }

    func isValidTarget(_ expression: JSExpr, allowPattern: Bool) -> Bool {
        switch expression {
        case .identifier, .member(_, _, .none), .index(_, _, .none): return true
        case .array, .object: return allowPattern
        case .paren(let inner): return isValidTarget(inner, allowPattern: false)
        default: return false
        }
    }

    private mutating func parseYield(noIn: Bool) throws -> JSExpr {
        next()
        if token.newlineBefore { return .yield(nil, delegate: false) }
        if eat(.star) { return .yield(try parseAssign(noIn: noIn), delegate: true) }
        if token.kind == .eof { return .yield(nil, delegate: false) }
        if token.kind == .punctuator {
            switch token.punct {
            case .rparen, .rbracket, .rbrace, .comma, .semicolon, .colon, .question:
                return .yield(nil, delegate: false)
            default: break
            }
        }
        if isWord("in") || token.kind == .templateMiddle || token.kind == .templateTail {
            return .yield(nil, delegate: false)
        }
        return .yield(try parseAssign(noIn: noIn), delegate: false)
    }

    private mutating func parseConditional(noIn: Bool) throws -> JSExpr {
        let test = try parseBinary(minPrecedence: 0, noIn: noIn)
        if case .arrow = test { return test }
        guard eat(.question) else { return test }
        let consequent = try parseAssign(noIn: false)
        try expect(.colon, ":")
        return .conditional(test, consequent, try parseAssign(noIn: noIn))
    }

    /// The binary operator at the current token and its precedence (higher binds tighter).
    func binaryOperator(noIn: Bool) -> (JSBinaryOp, Int)? {
        switch token.kind {
        case .punctuator:
            switch token.punct {
            case .question2: return (.nullish, 1)
            case .pipe2: return (.or, 2)
            case .amp2: return (.and, 3)
            case .pipe: return (.bitOr, 4)
            case .caret: return (.bitXor, 5)
            case .amp: return (.bitAnd, 6)
            case .eq2: return (.eq, 7)
            case .ne: return (.ne, 7)
            case .eq3: return (.strictEq, 7)
            case .ne2: return (.strictNe, 7)
            case .lt: return (.lt, 8)
            case .gt: return (.gt, 8)
            case .le: return (.le, 8)
            case .ge: return (.ge, 8)
            case .shl: return (.shl, 9)
            case .sar: return (.sar, 9)
            case .shr: return (.shr, 9)
            case .plus: return (.add, 10)
            case .minus: return (.sub, 10)
            case .star: return (.mul, 11)
            case .slash: return (.div, 11)
            case .percent: return (.mod, 11)
            case .star2: return (.pow, 12)
            default: return nil
            }
        case .identifier:
            if isWord("instanceof") { return (.instanceof, 8) }
            if !noIn, isWord("in") { return (.in, 8) }
            return nil
        default:
            return nil
        }
    }

    private mutating func parseBinary(minPrecedence: Int, noIn: Bool) throws -> JSExpr {
        var left = try parseUnary()
        if case .arrow = left { return left }
        // Each operator makes the (left-deep) tree one level deeper for later passes.
        let entryDepth = depth
        defer { depth = entryDepth }
        var links = 0
        while let (op, precedence) = binaryOperator(noIn: noIn), precedence > minPrecedence {
            links += 1
            if links % 4 == 0 { try enter() }
            next()
            let right: JSExpr
            if op == .pow {
                try enter()
                defer { depth -= 1 }
                right = try parseBinary(minPrecedence: precedence - 1, noIn: noIn)
            } else {
                right = try parseBinary(minPrecedence: precedence, noIn: noIn)
            }
            left = .binary(op, left, right)
        }
        return left
    }

    private mutating func parseUnary() throws -> JSExpr {
        try enter()
        defer { depth -= 1 }
        if token.kind == .punctuator {
            let op: JSUnaryOp?
            switch token.punct {
            case .bang: op = .not
            case .tilde: op = .bitNot
            case .plus: op = .plus
            case .minus: op = .minus
            case .plus2, .minus2:
                let increment = token.punct == .plus2
                let start = token.start
                next()
                let operand = try parseUnary()
                if !isValidTarget(operand, allowPattern: false) {
                    report(.jsInvalidAssignmentTarget, "invalid increment/decrement operand", at: start)
                }
                return .update(increment: increment, prefix: true, operand)
            default: op = nil
            }
            if let op {
                next()
                return .unary(op, try parseUnary())
            }
        } else if token.kind == .identifier, token.flags.contains(.beforeExpression) {
            if isWord("typeof") || isWord("void") || isWord("delete") {
                let op: JSUnaryOp = isWord("typeof") ? .typeof : isWord("void") ? .void : .delete
                next()
                return .unary(op, try parseUnary())
            }
            if isWord("await"), inAsync || (isModule && !inFunction) {
                next()
                return .await(try parseUnary())
            }
        }
        let start = token.start
        let expression = try parseLeftHandSide()
        if token.kind == .punctuator, token.punct == .plus2 || token.punct == .minus2, !token.newlineBefore {
            if !isValidTarget(expression, allowPattern: false) {
                report(.jsInvalidAssignmentTarget, "invalid increment/decrement operand", at: start)
            }
            let increment = token.punct == .plus2
            next()
            return .update(increment: increment, prefix: false, expression)
        }
        return expression
    }

    mutating func parseLeftHandSide() throws -> JSExpr {
        var expression: JSExpr
        if isWord("new") {
            expression = try parseNew()
        } else if isWord("super") {
            next()
            expression = .super
        } else if isWord("import") {
            next()
            if eat(.dot) {
                guard isWord("meta") else { try fail("expected 'meta' after 'import.'") }
                next()
                expression = .metaProperty("import.meta")
            } else {
                expression = .importCall(try parseArguments())
            }
        } else {
            expression = try parsePrimary()
            if case .arrow = expression { return expression }
        }
        return try parseCallTail(expression, allowCall: true)
    }

    private mutating func parseMemberName() throws -> String {
        guard token.kind == .identifier || token.kind == .privateName else {
            try fail("expected a property name but found \(describe(token))")
        }
        let name = text(token)
        next()
        return name
    }

    mutating func parseCallTail(_ base: JSExpr, allowCall: Bool) throws -> JSExpr {
        var expression = base
        var inChain = false
        var progress = LoopProgress()
        let entryDepth = depth
        defer { depth = entryDepth }
        var links = 0
        while progress.advanced(to: token.start) {
            links += 1
            if links % 4 == 0 { try enter() }
            let link: JSChain = inChain ? .continuation : .none
            if token.kind == .punctuator {
                switch token.punct {
                case .dot:
                    next()
                    expression = .member(expression, try parseMemberName(), link)
                    continue
                case .questionDot where allowCall:
                    next()
                    inChain = true
                    if isPunct(.lparen) {
                        expression = .call(expression, try parseArguments(), .start)
                    } else if eat(.lbracket) {
                        let index = try parseExpression()
                        try expect(.rbracket, "]")
                        expression = .index(expression, index, .start)
                    } else {
                        expression = .member(expression, try parseMemberName(), .start)
                    }
                    continue
                case .lbracket:
                    next()
                    let index = try parseExpression()
                    try expect(.rbracket, "]")
                    expression = .index(expression, index, link)
                    continue
                case .lparen where allowCall:
                    if case .identifier(let ident) = expression, ident.name == "eval" {
                        scopes.markDirectEval(in: scope)
                    }
                    expression = .call(expression, try parseArguments(), link)
                    continue
                default:
                    break
                }
            } else if token.kind == .template || token.kind == .templateHead {
                if inChain { try fail("tagged templates cannot be used in an optional chain") }
                expression = try parseTemplate(tag: expression)
                continue
            }
            break
        }
        return expression
    }

    private mutating func parseNew() throws -> JSExpr {
        try enter()
        defer { depth -= 1 }
        next()
        if eat(.dot) {
            guard isWord("target") else { try fail("expected 'target' after 'new.'") }
            next()
            return .metaProperty("new.target")
        }
        var callee: JSExpr
        if isWord("new") {
            callee = try parseNew()
        } else if isWord("super") {
            next()
            callee = .super
        } else {
            callee = try parsePrimary()
        }
        callee = try parseCallTail(callee, allowCall: false)
        let arguments = isPunct(.lparen) ? try parseArguments() : []
        return .new(callee, arguments)
    }

    mutating func parseArguments() throws -> [JSExpr] {
        try expect(.lparen, "(")
        var arguments: [JSExpr] = []
        var progress = LoopProgress()
        while !isPunct(.rparen), progress.advanced(to: token.start) {
            if eat(.ellipsis) {
                arguments.append(.spread(try parseAssign()))
            } else {
                arguments.append(try parseAssign())
            }
            if !isPunct(.rparen) { try expect(.comma, ",") }
        }
        try expect(.rparen, ")")
        return arguments
    }

    /// Raw text of a template chunk between its opening (`` ` `` or `}`) and closing (`` ` `` or `${`).
    private func chunk(_ t: JSToken) -> String {
        let start = min(t.start + 1, t.end)
        var end = t.end
        if t.kind == .templateHead || t.kind == .templateMiddle {
            end -= 2
        } else if end > start, bytes[end - 1] == UInt8(ascii: "`") {
            end -= 1
        }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    mutating func parseTemplate(tag: JSExpr?) throws -> JSExpr {
        if token.kind == .template {
            let text = chunk(token)
            next()
            return .template(tag: tag, chunks: [text], expressions: [])
        }
        var chunks = [chunk(token)]
        var expressions: [JSExpr] = []
        next()
        var progress = LoopProgress()
        while progress.advanced(to: token.start) {
            expressions.append(try parseExpression())
            guard isPunct(.rbrace) else { try fail("expected '}' in template literal but found \(describe(token))") }
            token = lexer.scanTemplateContinuation(from: token)
            chunks.append(chunk(token))
            let isTail = token.kind == .templateTail
            next()
            if isTail { break }
        }
        return .template(tag: tag, chunks: chunks, expressions: expressions)
    }
}
