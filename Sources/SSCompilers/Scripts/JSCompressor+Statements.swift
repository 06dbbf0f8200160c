extension JSCompressor {
    func statement(_ input: JSStmt) -> JSStmt {
        switch input {
        case .expression(let e):
            let value = expression(e)
            return value.isSameNode(as: e) ? input : .expression(value)
        case .directive, .empty, .debugger, .break, .continue, .importDecl, .exportNamed:
            return input
        case .variable(let declaration):
            let (newDeclaration, changed) = variableChanges(declaration)
            return changed ? .variable(newDeclaration) : input
        case .function(let f):
            return .function(function(f, isExpression: false))
        case .class(let c):
            return .class(classValue(c, isExpression: false))
        case .block(let body):
            return .block(statements(body, isFunctionBody: false))
        case .if(let test, let consequent, let alternate):
            return ifStatement(asCondition(expression(test)), unwrap(statement(consequent)),
                               alternate.map { unwrap(statement($0)) })
        case .for(let initializer, let test, let update, let body):
            var newTest = test.map { asCondition(expression($0)) }
            if let t = newTest, truthiness(t) == true { newTest = nil }
            let (loopTest, newBody) = absorbingLeadingBreaks(newTest, loopBody(body))
            return .for(initializer.map(forInit), loopTest, update.map(expression), newBody)
        case .forIn(let left, let right, let body):
            return .forIn(forInit(left), expression(right), loopBody(body))
        case .forOf(let left, let right, let body, let isAwait):
            return .forOf(forInit(left), expression(right), loopBody(body), isAwait: isAwait)
        case .while(let test, let body):
            let newTest = asCondition(expression(test))
            if truthiness(newTest) == false, !JSCompressor.hoists(body) { return .empty }
            // `for(;x;)` is as short as `while(x)` and can absorb a preceding `var` or expression.
            let (loopTest, newBody) = absorbingLeadingBreaks(truthiness(newTest) == true ? nil : newTest,
                                                             loopBody(body))
            return .for(nil, loopTest, nil, newBody)
        case .doWhile(let body, let test):
            return .doWhile(loopBody(body), asCondition(expression(test)))
        case .return(let argument):
            guard let argument else { return input }
            let value = expression(argument)
            if case .unary(.void, .number) = value { return .return(nil) }
            return value.isSameNode(as: argument) ? input : .return(value)
        case .throw(let argument):
            let value = expression(argument)
            return value.isSameNode(as: argument) ? input : .throw(value)
        case .try(let block, let param, let handler, let finalizer):
            var catchParam = param.map(pattern)
            // `catch (e) {}` with `e` unused -> `catch {}`.
            if case .identifier(let ident)? = param, isUnused(ident) {
                catchParam = nil
                dropped.symbols.insert(symbol(of: ident))
            }
            return .try(statements(block, isFunctionBody: false), catchParam: catchParam,
                        catchBody: handler.map { statements($0, isFunctionBody: false) },
                        finally: finalizer.map { statements($0, isFunctionBody: false) })
        case .switch(let discriminant, let cases):
            return .switch(expression(discriminant), cases.map {
                JSSwitchCase(test: $0.test.map(expression), body: statements($0.body, isFunctionBody: false))
            })
        case .labeled(let label, let body):
            return .labeled(label, statement(body))
        case .with(let object, let body):
            return .with(expression(object), statement(body))
        case .exportDecl(let declaration):
            return .exportDecl(statement(declaration))
        case .exportDefault(let declaration):
            if case .expression(let value) = declaration { return .exportDefault(.expression(expression(value))) }
            return .exportDefault(statement(declaration))
        }
    }

    /// A loop body that starts with `if (x) break;` (unlabelled): `x` and the rest of the body.
    /// `for (;a;) { if (b) break; c }` -> `for (;a && !b;) c` (and `while` alike): the test
    /// runs where the `if` did, before the rest of the body and after the update.
    func absorbingLeadingBreaks(_ test: JSExpr?, _ body: JSStmt) -> (JSExpr?, JSStmt) {
        var newTest = test
        var newBody = body
        var progress = 0
        while progress < 1000, let (exit, rest) = JSCompressor.leadingBreak(newBody) {
            progress += 1
            newTest = newTest.map { binary(.and, $0, negate(exit)) } ?? negate(exit)
            newBody = rest
        }
        return (newTest, newBody)
    }

    static func leadingBreak(_ body: JSStmt) -> (JSExpr, JSStmt)? {
        switch body {
        case .if(let test, .break(nil), nil):
            return (test, .empty)
        case .if(let test, let rest, .break(nil)?):
            return (JSExpr.unary(.not, test), rest)
        case .block(let list):
            guard let first = list.first, case .if(let test, .break(nil), nil) = first else { return nil }
            let rest = Array(list.dropFirst())
            if rest.contains(where: needsBlockScope) { return (test, .block(rest)) }
            return (test, rest.count == 1 ? rest[0] : rest.isEmpty ? .empty : .block(rest))
        default:
            return nil
        }
    }

    func variable(_ declaration: JSVarDecl) -> JSVarDecl {
        variableChanges(declaration).declaration
    }

    /// The compressed declaration; `changed == false` (and the input itself) when every
    /// target and initializer came back as the same node.
    func variableChanges(_ declaration: JSVarDecl) -> (declaration: JSVarDecl, changed: Bool) {
        let declarators = declaration.declarators
        func compressed(_ d: JSDeclarator) -> JSDeclarator {
            JSDeclarator(target: pattern(d.target), initializer: d.initializer.map(expression))
        }
        for index in declarators.indices {
            let old = declarators[index]
            let new = compressed(old)
            let sameInitializer: Bool
            switch (new.initializer, old.initializer) {
            case (nil, nil): sameInitializer = true
            case (let a?, let b?): sameInitializer = a.isSameNode(as: b)
            default: sameInitializer = false
            }
            if sameInitializer, new.target.isSameNode(as: old.target) { continue }
            var result: [JSDeclarator] = []
            result.reserveCapacity(declarators.count)
            result.append(contentsOf: declarators[..<index])
            result.append(new)
            for rest in declarators[(index + 1)...] { result.append(compressed(rest)) }
            return (JSVarDecl(kind: declaration.kind, declarators: result), true)
        }
        return (declaration, false)
    }

    func forInit(_ initializer: JSForInit) -> JSForInit {
        switch initializer {
        case .variable(let declaration): return .variable(variable(declaration))
        case .expression(let e): return .expression(expression(e))
        }
    }

    /// `if` in its shortest form: `a&&b`, `a||b`, `a?b:c`, `return a?b:c`, or a plain `if`.
    func ifStatement(_ test: JSExpr, _ consequent: JSStmt, _ alternate: JSStmt?) -> JSStmt {
        if let known = truthiness(test) {
            let taken = known ? consequent : (alternate ?? .empty)
            let dropped = known ? alternate : consequent
            if let dropped, JSCompressor.hoists(dropped) { return .if(test, consequent, alternate) }
            if JSCompressor.needsBlockScope(taken) { return .block([taken]) }
            return taken
        }
        var alternate = alternate
        if case .empty? = alternate { alternate = nil }
        guard let alternate else {
            switch consequent {
            case .expression(let e):
                if case .unary(.not, let inner) = test { return .expression(binary(.or, inner, e)) }
                return .expression(binary(.and, test, e))
            case .empty:
                return .expression(test)
            case .if(let innerTest, let innerConsequent, nil):
                return ifStatement(binary(.and, test, innerTest), innerConsequent, nil)
            default:
                return .if(test, consequent, nil)
            }
        }
        switch (consequent, alternate) {
        case (.expression(let a), .expression(let b)):
            return .expression(conditionalValue(test, a, b))
        case (.return(let a?), .return(let b?)):
            return .return(conditionalValue(test, a, b))
        case (.empty, _):
            return ifStatement(negate(test), alternate, nil)
        default:
            var alternate = alternate
            // `else if (b) return x; else c` -> `else { if (b) return x; c }`: braces (2 bytes)
            // instead of each `else` after a jump (4-5 bytes).
            if case .if(_, let inner, _?) = alternate, JSCompressor.alwaysJumps(inner) {
                var list: [JSStmt] = []
                append(alternate, to: &list)
                if list.count > 1 { alternate = .block(list) }
            }
            if case .unary(.not, let inner) = test { return .if(inner, alternate, consequent) }
            return .if(test, consequent, alternate)
        }
    }

    func conditional(_ test: JSExpr, _ yes: JSExpr, _ no: JSExpr) -> JSExpr {
        if case .unary(.not, let inner) = test { return .conditional(inner, no, yes) }
        return .conditional(test, yes, no)
    }

    func negate(_ e: JSExpr) -> JSExpr {
        switch e {
        case .sequence(var items):
            guard let last = items.popLast() else { return .unary(.not, e) }
            return .sequence(items + [negate(last)])
        case .unary(.not, let inner):
            // `!!x` only where a boolean is expected; `if` tests are such places.
            return inner
        case .binary(.eq, let a, let b): return .binary(.ne, a, b)
        case .binary(.ne, let a, let b): return .binary(.eq, a, b)
        case .binary(.strictEq, let a, let b): return .binary(.strictNe, a, b)
        case .binary(.strictNe, let a, let b): return .binary(.strictEq, a, b)
        case .binary(let op, let a, let b) where op == .or || op == .and:
            // De Morgan where it is shorter: `!(a == b || !c)` -> `a != b && c`. An `||` result
            // may need parentheses (2 bytes) where the `&&` it came from did not.
            let cost = JSCompressor.negationCost(a) + JSCompressor.negationCost(b)
            if cost < (op == .or ? 3 : 1) { return .binary(op == .or ? .and : .or, negate(a), negate(b)) }
            return .unary(.not, e)
        default: return .unary(.not, e)
        }
    }

    /// Bytes that `negate` adds to an expression: `!x` 1, `!(a + b)` 3, a flipped `==` 0, a
    /// dropped `!` -1.
    static func negationCost(_ e: JSExpr) -> Int {
        switch e {
        case .unary(.not, _): return -1
        case .binary(.eq, _, _), .binary(.ne, _, _), .binary(.strictEq, _, _), .binary(.strictNe, _, _): return 0
        case .binary, .conditional, .assign, .sequence, .arrow, .yield: return 3
        default: return 1
        }
    }

    /// Whether a side-effect-free literal is truthy; nil when unknown.
    func truthiness(_ e: JSExpr) -> Bool? {
        switch e {
        case .boolean(let value): return value
        case .null: return false
        case .number(let raw):
            guard let value = JSNumbers.value(of: raw) else { return nil }
            return value != 0 && !value.isNaN
        case .string(let raw): return raw.utf8.count > 2
        case .unary(.void, .number): return false
        case .unary(.not, let inner): return truthiness(inner).map { !$0 }
        default: return nil
        }
    }
}
