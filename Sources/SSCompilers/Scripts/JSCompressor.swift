/// Safe syntax shortenings on the tree, before printing (after esbuild's "mangle syntax"):
/// merged `var`s and expression statements, `if` as `&&`/`||`/`?:`, braces dropped where a
/// single statement suffices, dead branches on literal conditions, `void 0`, `==` where
/// `===` cannot differ, folded constants, and unused function expression names removed.
///
/// Every rewrite keeps evaluation order and side effects, and never moves a declaration
/// out of its scope.
///
/// ```swift
/// var compressor = JSCompressor(scopes: parser.scopes)
/// let smaller = compressor.compress(program)   // `if (a) { b() }` -> `a && b()`
/// ```
struct JSCompressor {
    let scopes: JSScopes
    /// Symbols whose only occurrence (a declaration) the compressor removed; the renamer skips them.
    final class Dropped {
        var symbols: Set<Int32> = []
    }
    let dropped = Dropped()

    init(scopes: JSScopes) { self.scopes = scopes }

    mutating func compress(_ program: JSProgram) -> JSProgram {
        var result = program
        result.body = statements(program.body, isFunctionBody: false)
        return result
    }

    // MARK: Statement lists

    /// Where a statement list ends: at the end of a function, of a loop body, or elsewhere.
    enum Tail { case none, function, loop }

    func statements(_ input: [JSStmt], isFunctionBody: Bool) -> [JSStmt] {
        statements(input, tail: isFunctionBody ? .function : .none)
    }

    func statements(_ input: [JSStmt], tail: Tail) -> [JSStmt] {
        let isFunctionBody = tail == .function
        var result: [JSStmt] = []
        result.reserveCapacity(input.count)
        var unreachable = false
        // Consecutive expression statements, joined into one sequence when the run ends:
        // `append` would merge them pair by pair, copying the growing sequence each time.
        var run: [JSExpr] = []
        for statement in input {
            let compressed = self.statement(statement)
            if !unreachable, case .expression(let expression) = compressed {
                run.append(expression)
                continue
            }
            flush(&run, into: &result)
            if unreachable {
                // Only hoisted declarations still matter after a jump.
                // Hoisted `var`s and functions still exist; `let`/`const`/`class` keep their
                // temporal dead zone for functions that refer to them.
                switch compressed {
                case .function, .variable, .class: result.append(compressed)
                default: break
                }
                continue
            }
            append(compressed, to: &result)
            switch compressed {
            case .return, .throw, .break, .continue: unreachable = true
            default: break
            }
        }
        flush(&run, into: &result)
        if isFunctionBody, case .return(nil)? = result.last { result.removeLast() }
        if isFunctionBody, case .return(let value?)? = result.last, let rewritten = returnAsIf(value) {
            // A function's end returns `undefined` by itself: `return a ? b : void 0` -> `if (a) return b`.
            result.removeLast()
            append(rewritten, to: &result)
        }
        if tail == .loop, case .continue(nil)? = result.last { result.removeLast() }
        return tail == .none ? result : invertEarlyExits(result, tail)
    }

    /// `return a ? b : void 0` as `if (a) return b`, and `return a ? void 0 : b` as
    /// `if (!a) return b` (with what is sequenced before `a` kept in the test); only right for
    /// the last statement of a function, where falling off the end returns `undefined` too.
    private func returnAsIf(_ value: JSExpr) -> JSStmt? {
        var before: [JSExpr] = []
        var last = value
        if case .sequence(let items) = value, let final = items.last {
            before = Array(items.dropLast())
            last = final
        }
        guard case .conditional(let test, let yes, let no) = last else { return nil }
        let isUndefined: (JSExpr) -> Bool = { if case .unary(.void, .number) = $0 { true } else { false } }
        let (condition, result): (JSExpr, JSExpr)
        switch (isUndefined(yes), isUndefined(no)) {
        case (false, true): (condition, result) = (test, yes)
        case (true, false): (condition, result) = (negate(test), no)
        default: return nil
        }
        let fullTest = before.isEmpty ? condition : .sequence(before + [condition])
        return ifStatement(fullTest, .return(result), nil)
    }

    /// Appends a run of expression statements as one (what pairwise merging would give).
    private func flush(_ run: inout [JSExpr], into result: inout [JSStmt]) {
        guard let first = run.first else { return }
        if run.count == 1 {
            append(.expression(first), to: &result)
        } else {
            var items: [JSExpr] = []
            items.reserveCapacity(run.count)
            for expression in run {
                if case .sequence(let inner) = expression { items += inner } else { items.append(expression) }
            }
            append(.expression(.sequence(items)), to: &result)
        }
        run.removeAll(keepingCapacity: true)
    }

    /// `if (a) return; b(); c()` at the end of a function -> `if (!a) { b(); c() }` (and
    /// `continue` at the end of a loop body likewise), which then shortens to `a || (b(), c())`.
    func invertEarlyExits(_ list: [JSStmt], _ tail: Tail) -> [JSStmt] {
        guard let index = list.firstIndex(where: { isEarlyExit($0, tail) }),
            case .if(let test, _, nil) = list[index]
        else { return list }
        let rest = invertEarlyExits(Array(list[(index + 1)...]), tail)
        if rest.contains(where: JSCompressor.needsBlockScope) {
            return Array(list[...index]) + rest
        }
        let replacement = rest.isEmpty
            ? JSStmt.expression(test)
            : ifStatement(negate(test), unwrap(.block(rest)), nil)
        var result = Array(list[..<index])
        append(replacement, to: &result)
        return result
    }

    private func isEarlyExit(_ statement: JSStmt, _ tail: Tail) -> Bool {
        switch (statement, tail) {
        case (.if(_, .return(nil), nil), .function), (.if(_, .continue(nil), nil), .loop): return true
        default: return false
        }
    }

    /// A loop body, compressed knowing that its end is where `continue` goes.
    func loopBody(_ body: JSStmt) -> JSStmt {
        if case .block(let list) = body { return unwrap(.block(statements(list, tail: .loop))) }
        return unwrap(statement(body))
    }

    /// Appends a statement, merging it with the previous one where that is shorter.
    func append(_ statement: JSStmt, to result: inout [JSStmt]) {
        switch statement {
        case .empty:
            return
        case .block(let inner) where !inner.contains(where: JSCompressor.needsBlockScope):
            for item in inner { append(item, to: &result) }
            return
        default:
            break
        }
        // `if (a) return b; else c` -> `if (a) return b; c`
        if case .if(let test, let consequent, let alternate?) = statement, JSCompressor.alwaysJumps(consequent) {
            append(.if(test, consequent, nil), to: &result)
            append(alternate, to: &result)
            return
        }
        guard let last = result.last else {
            result.append(statement)
            return
        }
        // Every merge below follows a `var`, an expression or an `if`: skip the pattern
        // matching (which copies both statements' payloads) after anything else.
        switch last {
        case .variable, .expression, .if: break
        default:
            result.append(statement)
            return
        }
        switch (last, statement) {
        case (.variable(let a), .variable(let b)) where a.kind == b.kind:
            replaceLast(with: .variable(JSVarDecl(kind: a.kind, declarators: a.declarators + b.declarators)), in: &result)
        case (.expression(let a), .expression(let b)):
            replaceLast(with: .expression(JSCompressor.sequence(a, b)), in: &result)
        case (.expression(let a), .return(let b?)):
            replaceLast(with: .return(JSCompressor.sequence(a, b)), in: &result)
        case (.expression(let a), .switch(let discriminant, let cases)):
            replaceLast(with: .switch(JSCompressor.sequence(a, discriminant), cases), in: &result)
        case (.expression(let a), .throw(let b)):
            replaceLast(with: .throw(JSCompressor.sequence(a, b)), in: &result)
        case (.expression(let a), .if(let test, let consequent, let alternate)):
            replaceLast(with: ifStatement(JSCompressor.sequence(a, test), consequent, alternate), in: &result)
        case (.expression(let a), .for(nil, let test, let update, let body)):
            replaceLast(with: .for(.expression(a), test, update, body), in: &result)
        case (.expression(let a), .for(.expression(let b)?, let test, let update, let body)):
            replaceLast(with: .for(.expression(JSCompressor.sequence(a, b)), test, update, body), in: &result)
        case (.variable(let a), .for(nil, let test, let update, let body)) where a.kind == .var:
            replaceLast(with: .for(.variable(a), test, update, body), in: &result)
        case (.variable(let a), .for(.variable(let b)?, let test, let update, let body))
            where a.kind == .var && b.kind == .var:
            let merged = JSVarDecl(kind: .var, declarators: a.declarators + b.declarators)
            replaceLast(with: .for(.variable(merged), test, update, body), in: &result)
        case (.if(let a, let exit, nil), .if(let b, let exit2, nil)) where sameExit(exit, exit2):
            // `if (a) return x; if (b) return x` -> `if (a || b) return x`
            replaceLast(with: .if(binary(.or, a, b), exit, nil), in: &result)
        case (.if(let test, .throw(let yes), nil), .throw(let no)):
            replaceLast(with: .throw(conditionalValue(test, yes, no)), in: &result)
        case (.if(let test, .return(let yes), nil), .return(let no)) where yes != nil || no != nil:
            let undefined = JSExpr.unary(.void, .number("0"))
            replaceLast(with: .return(conditionalValue(test, yes ?? undefined, no ?? undefined)), in: &result)
        default:
            result.append(statement)
        }
    }

    /// Replaces the last statement with a merged one, which may merge again with the one before.
    private func replaceLast(with merged: JSStmt, in result: inout [JSStmt]) {
        result.removeLast()
        append(merged, to: &result)
    }

    static func sequence(_ a: JSExpr, _ b: JSExpr) -> JSExpr {
        var items: [JSExpr] = []
        if case .sequence(let left) = a { items += left } else { items.append(a) }
        if case .sequence(let right) = b { items += right } else { items.append(b) }
        return .sequence(items)
    }

    /// Two identical simple exits (`return`, `return null`, `return !1`, `break`, `continue`, ...).
    func sameExit(_ a: JSStmt, _ b: JSStmt) -> Bool {
        switch (a, b) {
        case (.return(nil), .return(nil)), (.break(nil), .break(nil)), (.continue(nil), .continue(nil)): return true
        case (.return(let x?), .return(let y?)): return sameSimple(x, y)
        default: return false
        }
    }

    /// Structural equality for side-effect-free-to-compare shapes: literals, local names,
    /// `this`, member chains on those, and assignments of such values to such targets.
    func sameSimple(_ a: JSExpr, _ b: JSExpr, depth: Int = 0) -> Bool {
        guard depth < 8 else { return false }
        switch (a, b) {
        case (.null, .null), (.this, .this): return true
        case (.boolean(let x), .boolean(let y)): return x == y
        case (.number(let x), .number(let y)), (.string(let x), .string(let y)): return x == y
        case (.unary(.void, .number(let x)), .unary(.void, .number(let y))): return x == y
        case (.identifier(let x), .identifier(let y)): return sameSymbol(x, y)
        case (.member(let x, let p, .none), .member(let y, let q, .none)):
            return p == q && sameSimple(x, y, depth: depth + 1)
        case (.index(let x, let i, .none), .index(let y, let j, .none)):
            return sameSimple(x, y, depth: depth + 1) && sameSimple(i, j, depth: depth + 1)
        case (.assign(let op1, let t1, let v1), .assign(let op2, let t2, let v2)):
            return op1 == op2 && sameSimple(t1, t2, depth: depth + 1) && sameSimple(v1, v2, depth: depth + 1)
        default: return false
        }
    }

    /// True when control never falls out of the end of the statement.
    static func alwaysJumps(_ statement: JSStmt) -> Bool {
        switch statement {
        case .return, .throw, .break, .continue: return true
        case .block(let body): return body.last.map(alwaysJumps) ?? false
        case .if(_, let consequent, let alternate?): return alwaysJumps(consequent) && alwaysJumps(alternate)
        default: return false
        }
    }

    /// Declarations that must stay inside their braces.
    static func needsBlockScope(_ statement: JSStmt) -> Bool {
        switch statement {
        case .variable(let declaration): return declaration.kind != .var
        case .class, .function: return true
        case .labeled(_, let body): return needsBlockScope(body)
        default: return false
        }
    }

    /// `{ x }` -> `x`, `{}` -> empty, for the bodies of `if`, loops and labels.
    func unwrap(_ statement: JSStmt) -> JSStmt {
        guard case .block(let inner) = statement else { return statement }
        if inner.isEmpty { return .empty }
        if inner.count == 1, !JSCompressor.needsBlockScope(inner[0]) { return inner[0] }
        return statement
    }

    /// True when a statement declares `var`s or functions visible outside it (outside nested functions).
    static func hoists(_ statement: JSStmt) -> Bool {
        switch statement {
        case .variable(let declaration): return declaration.kind == .var
        case .function: return true
        case .block(let body): return body.contains(where: hoists)
        case .if(_, let a, let b): return hoists(a) || (b.map(hoists) ?? false)
        case .for(let initializer, _, _, let body):
            if case .variable(let d)? = initializer, d.kind == .var { return true }
            return hoists(body)
        case .forIn(let initializer, _, let body), .forOf(let initializer, _, let body, _):
            if case .variable(let d) = initializer, d.kind == .var { return true }
            return hoists(body)
        case .while(_, let body), .doWhile(let body, _), .labeled(_, let body), .with(_, let body):
            return hoists(body)
        case .try(let block, _, let handler, let finalizer):
            return block.contains(where: hoists) || (handler?.contains(where: hoists) ?? false)
                || (finalizer?.contains(where: hoists) ?? false)
        case .switch(_, let cases): return cases.contains { $0.body.contains(where: hoists) }
        default: return false
        }
    }
}
