extension JSParser {
    mutating func parsePrimary() throws -> JSExpr {
        let start = token.start
        switch token.kind {
        case .identifier:
            return try parseIdentifierPrimary()
        case .number:
            let raw = text(token)
            next()
            return raw.last == "n" ? .bigint(raw) : .number(raw)
        case .string:
            let raw = text(token)
            next()
            return .string(raw)
        case .template, .templateHead:
            return try parseTemplate(tag: nil)
        case .privateName:
            let raw = text(token)
            next()
            guard isWord("in") else { try fail("unexpected private name \(raw)", at: start) }
            return .privateName(raw)
        case .punctuator:
            switch token.punct {
            case .slash, .slashAssign:
                token = lexer.rescanRegex(from: token)
                let raw = text(token)
                next()
                return .regex(raw)
            case .lparen:
                return try parseParenthesized(asyncCallee: nil)
            case .lbracket:
                return try parseArrayLiteral()
            case .lbrace:
                return try parseObjectLiteral()
            default:
                break
            }
        default:
            break
        }
        try fail("unexpected \(describe(token))")
    }

    private mutating func parseIdentifierPrimary() throws -> JSExpr {
        let start = token.start
        let flags = token.flags
        if flags.contains(.reserved) {
            if isWord("this") { next(); return .this }
            if isWord("null") { next(); return .null }
            if isWord("true") { next(); return .boolean(true) }
            if isWord("false") { next(); return .boolean(false) }
            if isWord("function") { return .function(try parseFunction(isDeclaration: false, isAsync: false)) }
            if isWord("class") { return .class(try parseClass(isDeclaration: false)) }
            if isWord("new") || isWord("super") || isWord("import") { return try parseLeftHandSide() }
            try fail("unexpected keyword '\(text(token))'")
        }
        if isWord("async") {
            let following = peek()
            if !following.newlineBefore {
                if peekIsWord("function") {
                    next()
                    return .function(try parseFunction(isDeclaration: false, isAsync: true))
                }
                if following.kind == .identifier, !following.flags.contains(.reserved) {
                    // `async x => ...`
                    var copy = lexer
                    _ = copy.scan(regexAllowed: false)
                    let arrow = copy.scan(regexAllowed: false)
                    if arrow.kind == .punctuator, arrow.punct == .arrow, !arrow.newlineBefore {
                        next()
                        return try parseSingleParameterArrow(isAsync: true)
                    }
                }
                if following.kind == .punctuator, following.punct == .lparen {
                    let callee = reference("async", at: token.start)
                    next()
                    return try parseParenthesized(asyncCallee: callee)
                }
            }
        }
        let after = nextSignificantByte()
        if after == UInt8(ascii: "=") || after == UInt8(ascii: "/") {
            let following = peek()
            if following.kind == .punctuator, following.punct == .arrow, !following.newlineBefore {
                return try parseSingleParameterArrow(isAsync: false)
            }
        }
        let name = text(token)
        next()
        _ = start
        return .identifier(reference(name))
    }

    /// `x => body` (the current token is `x`).
    private mutating func parseSingleParameterArrow(isAsync: Bool) throws -> JSExpr {
        let outer = scope
        _ = pushScope(.function)
        defer { popScope(to: outer) }
        let name = try parseBindingIdentifier()
        let param = JSExpr.identifier(declare(name, .lexical))
        try expect(.arrow, "=>")
        return try parseArrowBody(params: [param], isAsync: isAsync, noIn: false)
    }

    /// `( ... )`: a parenthesized expression, arrow parameters, or the arguments of `async(...)`.
    /// Parsed in a speculative function scope that is merged away when no `=>` follows.
    private mutating func parseParenthesized(asyncCallee: JSIdent?) throws -> JSExpr {
        let start = token.start
        let outer = scope
        let arrowScope = pushScope(.function)
        defer { popScope(to: outer) }
        next()
        var items: [JSExpr] = []
        var progress = LoopProgress()
        while !isPunct(.rparen), progress.advanced(to: token.start) {
            if eat(.ellipsis) {
                items.append(.spread(try parseAssign()))
            } else {
                items.append(try parseAssign())
            }
            if !isPunct(.rparen) { try expect(.comma, ",") }
        }
        try expect(.rparen, ")")
        if isPunct(.arrow), !token.newlineBefore {
            next()
            let params = try items.map { try convertToParameter($0, at: start) }
            return try parseArrowBody(params: params, isAsync: asyncCallee != nil, noIn: false)
        }
        scope = outer
        scopes.merge(arrowScope)
        if let asyncCallee {
            return .call(.identifier(asyncCallee), items, .none)
        }
        guard let first = items.first else { try fail("expected an expression inside '()'", at: start) }
        for item in items {
            if case .spread = item { try fail("unexpected '...' in parentheses", at: start) }
        }
        let inner = items.count == 1 ? first : .sequence(items)
        switch inner {
        case .member(_, _, let chain) where chain != .none: return .paren(inner)
        case .index(_, _, let chain) where chain != .none: return .paren(inner)
        case .call(_, _, let chain) where chain != .none: return .paren(inner)
        case .string, .arrow: return .paren(inner)
        default: return inner
        }
    }

    private mutating func parseArrayLiteral() throws -> JSExpr {
        next()
        var elements: [JSExpr?] = []
        var progress = LoopProgress()
        while !isPunct(.rbracket), progress.advanced(to: token.start) {
            if eat(.comma) {
                elements.append(nil)
                continue
            }
            if eat(.ellipsis) {
                elements.append(.spread(try parseAssign()))
            } else {
                elements.append(try parseAssign())
            }
            if !isPunct(.rbracket) { try expect(.comma, ",") }
        }
        try expect(.rbracket, "]")
        return .array(elements)
    }

    private mutating func parseObjectLiteral() throws -> JSExpr {
        next()
        var properties: [JSProperty] = []
        var progress = LoopProgress()
        while !isPunct(.rbrace), progress.advanced(to: token.start) {
            properties.append(try parseObjectProperty())
            if !isPunct(.rbrace) { try expect(.comma, ",") }
        }
        try expect(.rbrace, "}")
        return .object(properties)
    }

    private mutating func parseObjectProperty() throws -> JSProperty {
        if eat(.ellipsis) {
            return JSProperty(kind: .spread, key: .identifier(""), value: try parseAssign())
        }
        let (isAsync, isGenerator, kind) = parseMethodModifiers()
        let keyToken = token
        let key = try parsePropertyKey()
        if isPunct(.lparen) {
            let value = try parseMethod(isAsync: isAsync, isGenerator: isGenerator)
            return JSProperty(kind: kind == .initializer ? .method : kind, key: key, value: value)
        }
        guard kind == .initializer, !isAsync, !isGenerator else {
            try fail("expected '(' but found \(describe(token))")
        }
        if eat(.colon) {
            return JSProperty(kind: .initializer, key: key, value: try parseAssign())
        }
        guard keyToken.kind == .identifier, case .identifier(let name) = key else {
            try fail("expected ':' but found \(describe(token))")
        }
        if keyToken.flags.contains(.reserved) {
            try fail("unexpected keyword '\(name)'", at: keyToken.start)
        }
        var value = JSExpr.identifier(reference(name))
        if eat(.assign) { value = .assign("=", value, try parseAssign()) }
        return JSProperty(kind: .initializer, key: key, value: value, shorthand: true)
    }
}
