extension JSCompressor {
    func expression(_ input: JSExpr) -> JSExpr {
        switch input {
        case .identifier(let ident):
            if ident.name == "undefined", isGlobal(ident) { return .unary(.void, .number("0")) }
            return input
        case .number, .bigint, .string, .regex, .boolean, .null, .this, .super, .metaProperty, .privateName:
            return input
        case .template(let tag, let chunks, let expressions):
            return .template(tag: tag.map(expression), chunks: chunks, expressions: expressions.map(expression))
        case .array(let elements):
            return .array(elements.map { $0.map(expression) })
        case .object(let properties):
            return .object(properties.map(property))
        case .function(let f):
            return .function(function(f, isExpression: true))
        case .arrow(let f):
            var arrow = function(f, isExpression: true)
            if arrow.expressionBody == nil, arrow.body.count == 1, case .return(let value?) = arrow.body[0] {
                // `() => { return x }` -> `() => x`
                arrow.body = []
                arrow.expressionBody = value
            }
            return .arrow(arrow)
        case .class(let c):
            return .class(classValue(c, isExpression: true))
        case .unary(let op, let operand):
            let value = expression(operand)
            if op == .not {
                switch value {
                case .binary(.eq, let a, let b): return .binary(.ne, a, b)
                case .binary(.ne, let a, let b): return .binary(.eq, a, b)
                case .binary(.strictEq, let a, let b): return .binary(.strictNe, a, b)
                case .binary(.strictNe, let a, let b): return .binary(.strictEq, a, b)
                default: break
                }
            }
            if op == .delete || op == .typeof, case .identifier = operand { return input }
            return .unary(op, value)
        case .update(let increment, let prefix, let operand):
            return .update(increment: increment, prefix: prefix, pattern(operand))
        case .binary(let op, let left, let right):
            return binary(op, expression(left), expression(right))
        case .assign(let op, let target, let value):
            return .assign(op, pattern(target), expression(value))
        case .conditional(let test, let yes, let no):
            let t = expression(test)
            if let known = truthiness(t) { return expression(known ? yes : no) }
            return conditional(t, expression(yes), expression(no))
        case .call(let callee, let arguments, let chain):
            return .call(expression(callee), arguments.map(expression), chain)
        case .new(let callee, let arguments):
            return .new(expression(callee), arguments.map(expression))
        case .member(let object, let name, let chain):
            return .member(expression(object), name, chain)
        case .index(let object, let index, let chain):
            return .index(expression(object), expression(index), chain)
        case .sequence(let items):
            return .sequence(items.map(expression))
        case .spread(let argument):
            return .spread(expression(argument))
        case .yield(let argument, let delegate):
            return .yield(argument.map(expression), delegate: delegate)
        case .await(let argument):
            return .await(expression(argument))
        case .importCall(let arguments):
            return .importCall(arguments.map(expression))
        case .paren(let inner):
            return .paren(expression(inner))
        }
    }

    /// Assignment and binding targets: names stay names (`undefined = 1` is no read).
    func pattern(_ input: JSExpr) -> JSExpr {
        switch input {
        case .identifier: return input
        case .array(let elements): return .array(elements.map { $0.map(pattern) })
        case .object(let properties):
            return .object(properties.map { p in
                var copy = p
                if case .computed(let key) = p.key { copy.key = .computed(expression(key)) }
                copy.value = pattern(p.value)
                return copy
            })
        case .assign("=", let target, let value): return .assign("=", pattern(target), expression(value))
        case .spread(let target): return .spread(pattern(target))
        case .paren(let inner): return .paren(pattern(inner))
        default: return expression(input)
        }
    }

    func isGlobal(_ ident: JSIdent) -> Bool {
        ident.slot >= 0 && Int(ident.slot) < scopes.references.count && scopes.references[Int(ident.slot)].symbol < 0
    }

    /// A name nobody refers to (only its declaration) and that `eval` cannot see.
    func isUnused(_ ident: JSIdent) -> Bool {
        guard ident.slot >= 0, Int(ident.slot) < scopes.references.count else { return false }
        let symbol = scopes.references[Int(ident.slot)].symbol
        guard symbol >= 0 else { return false }
        let info = scopes.symbols[Int(symbol)]
        return info.uses <= 1 && !info.pinned
    }

    func function(_ f: JSFunction, isExpression: Bool) -> JSFunction {
        var result = f
        if isExpression, let name = f.name, isUnused(name) { result.name = nil }
        result.params = f.params.map(pattern)
        result.body = statements(f.body, isFunctionBody: true)
        result.expressionBody = f.expressionBody.map(expression)
        return result
    }

    func property(_ p: JSProperty) -> JSProperty {
        var copy = p
        if case .computed(let key) = p.key { copy.key = .computed(expression(key)) }
        if p.shorthand, case .identifier(let ident) = p.value, ident.name == "undefined" { return copy }
        copy.value = expression(p.value)
        return copy
    }

    func classValue(_ c: JSClass, isExpression: Bool) -> JSClass {
        var result = c
        if isExpression, let name = c.name, isUnused(name) { result.name = nil }
        result.superClass = c.superClass.map(expression)
        result.members = c.members.map { member in
            var copy = member
            if case .computed(let key) = member.key { copy.key = .computed(expression(key)) }
            copy.value = member.value.map(expression)
            copy.body = statements(member.body, isFunctionBody: false)
            return copy
        }
        return result
    }

    func binary(_ op: JSBinaryOp, _ left: JSExpr, _ right: JSExpr) -> JSExpr {
        switch op {
        case .strictEq, .strictNe:
            // Both sides are strings: `==` is the same comparison.
            if isStringValued(left), isStringValued(right) {
                return .binary(op == .strictEq ? .eq : .ne, left, right)
            }
        case .add:
            if case .string(let a) = left, case .string(let b) = right {
                return .string(JSStrings.concatenate(a, b))
            }
        default:
            break
        }
        if let folded = JSCompressor.fold(op, left, right) { return folded }
        return .binary(op, left, right)
    }

    func isStringValued(_ e: JSExpr) -> Bool {
        switch e {
        case .string, .unary(.typeof, _), .template(nil, _, _): return true
        default: return false
        }
    }

    /// Folds integer arithmetic on number literals when the result is an exact small integer.
    static func fold(_ op: JSBinaryOp, _ left: JSExpr, _ right: JSExpr) -> JSExpr? {
        guard case .number(let l) = left, case .number(let r) = right,
            let a = JSNumbers.value(of: l), let b = JSNumbers.value(of: r)
        else { return nil }
        let result: Double
        switch op {
        case .add: result = a + b
        case .sub: result = a - b
        case .mul: result = a * b
        case .bitOr, .bitAnd, .bitXor, .shl, .sar:
            guard let x = Int32(exactly: a), let y = Int32(exactly: b) else { return nil }
            switch op {
            case .bitOr: result = Double(x | y)
            case .bitAnd: result = Double(x & y)
            case .bitXor: result = Double(x ^ y)
            case .shl: result = Double(x << (y & 31))
            default: result = Double(x >> (y & 31))
            }
        default:
            return nil
        }
        guard result == result.rounded(), abs(result) < 1e15 else { return nil }
        let magnitude = JSNumbers.shortest(abs(result)) ?? String(Int64(abs(result)))
        return result < 0 ? .unary(.minus, .number(magnitude)) : .number(magnitude)
    }
}
