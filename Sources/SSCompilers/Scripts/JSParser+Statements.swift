extension JSParser {
    mutating func parseStatement() throws -> JSStmt {
        try enter()
        defer { depth -= 1 }
        switch token.kind {
        case .punctuator:
            switch token.punct {
            case .lbrace: return .block(try parseBlock())
            case .semicolon:
                next()
                return .empty
            default: break
            }
        case .identifier:
            if let statement = try parseKeywordStatement() { return statement }
        default:
            break
        }
        let expression = try parseExpression()
        try semicolon()
        return .expression(expression)
    }

    /// `{ ... }` with its own scope.
    mutating func parseBlock(newScope: Bool = true) throws -> [JSStmt] {
        try expect(.lbrace, "{")
        let parent = scope
        if newScope { _ = pushScope(.block) }
        defer { popScope(to: parent) }
        let body = parseStatements(directives: false) { $0.isPunct(.rbrace) }
        try expect(.rbrace, "}")
        return body
    }

    /// A function body: `{`, directives and statements, `}`, in the current (function) scope.
    mutating func parseFunctionBody() throws -> [JSStmt] {
        try expect(.lbrace, "{")
        let body = parseStatements(directives: true) { $0.isPunct(.rbrace) }
        try expect(.rbrace, "}")
        return body
    }

    private mutating func parseKeywordStatement() throws -> JSStmt? {
        let start = token.start
        switch token.end - token.start {
        case 2:
            if isWord("if") { return try parseIf() }
            if isWord("do") { return try parseDoWhile() }
        case 3:
            if isWord("var") { return try parseVariableStatement(.var) }
            if isWord("for") { return try parseFor() }
            if isWord("try") { return try parseTry() }
            if isWord("let"), letStartsDeclaration() { return try parseVariableStatement(.let) }
        case 4:
            if isWord("with") { return try parseWith() }
        case 5:
            if isWord("const") { return try parseVariableStatement(.const) }
            if isWord("while") { return try parseWhile() }
            if isWord("throw") {
                next()
                if token.newlineBefore { try fail("no line break is allowed after 'throw'") }
                let argument = try parseExpression()
                try semicolon()
                return .throw(argument)
            }
            if isWord("break") { return try parseJump(isBreak: true) }
            if isWord("class") { return .class(try parseClass(isDeclaration: true)) }
            if isWord("async"), !peek().newlineBefore, peekIsWord("function") {
                next()
                return .function(try parseFunction(isDeclaration: true, isAsync: true))
            }
        case 6:
            if isWord("return") {
                if !inFunction { report(.jsMisplacedStatement, "'return' outside of a function", at: start) }
                next()
                var argument: JSExpr? = nil
                if !isPunct(.semicolon), !isPunct(.rbrace), token.kind != .eof, !token.newlineBefore {
                    argument = try parseExpression()
                }
                try semicolon()
                return .return(argument)
            }
            if isWord("switch") { return try parseSwitch() }
            if isWord("import"), !peekIsPunct(.lparen), !peekIsPunct(.dot) { return try parseImport() }
            if isWord("export") { return try parseExport() }
        case 8:
            if isWord("function") { return .function(try parseFunction(isDeclaration: true, isAsync: false)) }
            if isWord("continue") { return try parseJump(isBreak: false) }
            if isWord("debugger") {
                next()
                try semicolon()
                return .debugger
            }
        default:
            break
        }
        // `label: statement`
        let after = nextSignificantByte()
        if !token.flags.contains(.reserved), after == UInt8(ascii: ":") || after == UInt8(ascii: "/"),
            peekIsPunct(.colon)
        {
            let label = text(token)
            next()
            next()
            if isWord("function") {
                return .labeled(label, .function(try parseFunction(isDeclaration: true, isAsync: false)))
            }
            return .labeled(label, try parseStatement())
        }
        return nil
    }

    func peekIsWord(_ word: StaticString) -> Bool {
        var copy = lexer
        let t = copy.scan(regexAllowed: false)
        return t.kind == .identifier && t.end - t.start == word.utf8CodeUnitCount && lexer.matches(t.start, word)
    }

    func peekIsPunct(_ punct: JSPunct) -> Bool {
        let t = peek()
        return t.kind == .punctuator && t.punct == punct
    }

    /// `let` starts a declaration when followed by a binding name or pattern.
    func letStartsDeclaration() -> Bool {
        let t = peek()
        if t.kind == .identifier { return !(t.flags.contains(.reserved) && !isLetBindable(t)) }
        return t.kind == .punctuator && (t.punct == .lbracket || t.punct == .lbrace)
    }

    private func isLetBindable(_ t: JSToken) -> Bool {
        let word = text(t)
        return word == "yield" || word == "await"
    }

    mutating func parseVariableStatement(_ kind: JSVarKind) throws -> JSStmt {
        let declaration = try parseVariableDeclaration(kind, noIn: false)
        try semicolon()
        return .variable(declaration)
    }

    /// `var|let|const a = 1, [b] = c` (the keyword is the current token).
    mutating func parseVariableDeclaration(_ kind: JSVarKind, noIn: Bool) throws -> JSVarDecl {
        next()
        var declarators: [JSDeclarator] = []
        repeat {
            let target = try parseBindingTarget(kind == .var ? .var : .lexical)
            var initializer: JSExpr? = nil
            if eat(.assign) { initializer = try parseAssign(noIn: noIn) }
            declarators.append(JSDeclarator(target: target, initializer: initializer))
        } while eat(.comma)
        return JSVarDecl(kind: kind, declarators: declarators)
    }

    private mutating func parseParenthesizedCondition() throws -> JSExpr {
        try expect(.lparen, "(")
        let test = try parseExpression()
        try expect(.rparen, ")")
        return test
    }

    private mutating func parseIf() throws -> JSStmt {
        next()
        let test = try parseParenthesizedCondition()
        let consequent = try parseSubStatement()
        var alternate: JSStmt? = nil
        if isWord("else") {
            next()
            alternate = try parseSubStatement()
        }
        return .if(test, consequent, alternate)
    }

    /// The body of `if`/`for`/`while`/...: a function declaration there gets its own scope.
    mutating func parseSubStatement() throws -> JSStmt {
        if isWord("function") || isWord("class") || (isWord("let") && peekIsPunct(.lbracket)) {
            let parent = scope
            _ = pushScope(.block)
            defer { popScope(to: parent) }
            return .block([try parseStatement()])
        }
        return try parseStatement()
    }

    private mutating func parseWhile() throws -> JSStmt {
        next()
        let test = try parseParenthesizedCondition()
        return .while(test, try parseSubStatement())
    }

    private mutating func parseDoWhile() throws -> JSStmt {
        next()
        let body = try parseSubStatement()
        guard isWord("while") else { try fail("expected 'while' but found \(describe(token))") }
        next()
        let test = try parseParenthesizedCondition()
        _ = eat(.semicolon)  // ASI always applies after do-while
        return .doWhile(body, test)
    }

    private mutating func parseWith() throws -> JSStmt {
        next()
        let object = try parseParenthesizedCondition()
        scopes.markWith(in: scope)
        withDepth += 1
        defer { withDepth -= 1 }
        return .with(object, try parseSubStatement())
    }

    private mutating func parseJump(isBreak: Bool) throws -> JSStmt {
        next()
        var label: String? = nil
        if token.kind == .identifier, !token.newlineBefore, !token.flags.contains(.reserved) {
            label = text(token)
            next()
        }
        try semicolon()
        return isBreak ? .break(label) : .continue(label)
    }

    private mutating func parseFor() throws -> JSStmt {
        next()
        var isAwait = false
        if isWord("await") {
            isAwait = true
            next()
        }
        try expect(.lparen, "(")
        let parent = scope
        _ = pushScope(.block)
        defer { popScope(to: parent) }
        var initializer: JSForInit? = nil
        if isPunct(.semicolon) {
            initializer = nil
        } else if isWord("var") {
            initializer = .variable(try parseVariableDeclaration(.var, noIn: true))
        } else if isWord("const") {
            initializer = .variable(try parseVariableDeclaration(.const, noIn: true))
        } else if isWord("let"), letStartsDeclaration() {
            initializer = .variable(try parseVariableDeclaration(.let, noIn: true))
        } else {
            initializer = .expression(try parseExpression(noIn: true))
        }
        if let initializer, isWord("of") || isWord("in") {
            let isOf = isWord("of")
            next()
            let right = isOf ? try parseAssign() : try parseExpression()
            try expect(.rparen, ")")
            let body = try parseSubStatement()
            return isOf ? .forOf(initializer, right, body, isAwait: isAwait) : .forIn(initializer, right, body)
        }
        try expect(.semicolon, ";")
        let test = isPunct(.semicolon) ? nil : try parseExpression()
        try expect(.semicolon, ";")
        let update = isPunct(.rparen) ? nil : try parseExpression()
        try expect(.rparen, ")")
        return .for(initializer, test, update, try parseSubStatement())
    }

    private mutating func parseTry() throws -> JSStmt {
        next()
        let block = try parseBlock()
        var catchParam: JSExpr? = nil
        var catchBody: [JSStmt]? = nil
        var finalizer: [JSStmt]? = nil
        if isWord("catch") {
            next()
            let parent = scope
            _ = pushScope(.block)
            defer { popScope(to: parent) }
            if eat(.lparen) {
                catchParam = try parseBindingTarget(.lexical)
                try expect(.rparen, ")")
            }
            catchBody = try parseBlock(newScope: false)
        }
        if isWord("finally") {
            next()
            finalizer = try parseBlock()
        }
        if catchBody == nil, finalizer == nil { try fail("expected 'catch' or 'finally' after 'try' block") }
        return .try(block, catchParam: catchParam, catchBody: catchBody, finally: finalizer)
    }

    private mutating func parseSwitch() throws -> JSStmt {
        next()
        let discriminant = try parseParenthesizedCondition()
        try expect(.lbrace, "{")
        let parent = scope
        _ = pushScope(.block)
        defer { popScope(to: parent) }
        var cases: [JSSwitchCase] = []
        var progress = LoopProgress()
        while !isPunct(.rbrace), progress.advanced(to: token.start) {
            var test: JSExpr? = nil
            if isWord("case") {
                next()
                test = try parseExpression()
            } else if isWord("default") {
                next()
            } else {
                try fail("expected 'case' or 'default' but found \(describe(token))")
            }
            try expect(.colon, ":")
            let body = parseStatements(directives: false) {
                $0.isPunct(.rbrace) || $0.isWord("case") || $0.isWord("default")
            }
            cases.append(JSSwitchCase(test: test, body: body))
        }
        try expect(.rbrace, "}")
        return .switch(discriminant, cases)
    }
}
