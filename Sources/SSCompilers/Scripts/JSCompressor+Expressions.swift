extension JSCompressor {
    func expression(_ input: JSExpr) -> JSExpr {
        switch input {
        case .identifier(let ident):
            if ident.name == "undefined", isGlobal(ident) { return .unary(.void, .number("0")) }
            if ident.name == "Infinity", isGlobal(ident) { return .binary(.div, .number("1"), .number("0")) }
            return input
        case .number, .bigint, .string, .regex, .boolean, .null, .this, .super, .metaProperty, .privateName:
            return input
        case .template(let tag, let chunks, let expressions):
            let newTag = tag.map(expression)
            let (newExpressions, changed) = mapNodes(expressions, expression)
            let sameTag = switch (newTag, tag) {
            case (nil, nil): true
            case (let a?, let b?): a.isSameNode(as: b)
            default: false
            }
            return sameTag && !changed ? input : .template(tag: newTag, chunks: chunks, expressions: newExpressions)
        case .array(let elements):
            let (newElements, changed) = mapHoles(elements, expression)
            return changed ? .array(newElements) : input
        case .object(let properties):
            let (newProperties, changed) = mapProperties(properties)
            return changed ? .object(newProperties) : input
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
            // `!(a, b)` -> `a, !b` (not for `typeof`/`delete`, which look at references).
            if op != .typeof, op != .delete, case .sequence(var items) = value, let last = items.popLast() {
                return .sequence(items + [expression(.unary(op, last))])
            }
            if op == .not { return notValue(asCondition(value)) }
            // `+(1/0)` -> `1/0`, `+5` -> `5`: already numbers.
            if op == .plus, JSCompressor.isNumberLiteral(value) { return value }
            // `-(1/0)` -> `-1/0`
            if op == .minus, case .binary(.div, .number(let n), let d) = value {
                return .binary(.div, .unary(.minus, .number(n)), d)
            }
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
            return value.isSameNode(as: operand) ? input : .unary(op, value)
        case .update(let increment, let prefix, let operand):
            let target = pattern(operand)
            return target.isSameNode(as: operand) ? input : .update(increment: increment, prefix: prefix, target)
        case .binary(let op, let left, let right):
            let newLeft = expression(left)
            let newRight = expression(right)
            let same = newLeft.isSameNode(as: left) && newRight.isSameNode(as: right)
            return binary(op, newLeft, newRight, unchanged: same ? input : nil)
        case .assign(let op, let target, let value):
            let newValue = expression(value)
            // `x = x + y` -> `x += y` for local variables (same reads and writes, same order).
            if op == "=", case .identifier(let ident) = target, isRenamableLocal(ident),
                case .binary(let binaryOp, .identifier(let left), let right) = newValue, left.name == ident.name,
                sameSymbol(left, ident), JSCompressor.compoundable.contains(binaryOp)
            {
                return .assign(binaryOp.rawValue + "=", target, right)
            }
            // `this.x = this.x * y` -> `this.x *= y` (also on a local object): the object is read
            // once instead of twice, with nothing in between, then the same get, operation and set.
            if op == "=", case .member(let object, let name, .none) = target, isStableObject(object),
                case .binary(let binaryOp, .member(let object2, let name2, .none), let right) = newValue,
                name == name2, sameSimple(object, object2), JSCompressor.compoundable.contains(binaryOp)
            {
                return .assign(binaryOp.rawValue + "=", target, right)
            }
            let newTarget = pattern(target)
            if newTarget.isSameNode(as: target), newValue.isSameNode(as: value) { return input }
            return .assign(op, newTarget, newValue)
        case .conditional(let test, let yes, let no):
            let t = asCondition(expression(test))
            if let known = truthiness(t) { return expression(known ? yes : no) }
            return conditionalValue(t, expression(yes), expression(no))
        case .call(let callee, let arguments, let chain):
            let newCallee = expression(callee)
            let (newArguments, changed) = mapNodes(arguments, expression)
            return !changed && newCallee.isSameNode(as: callee) ? input : .call(newCallee, newArguments, chain)
        case .new(let callee, let arguments):
            let newCallee = expression(callee)
            let (newArguments, changed) = mapNodes(arguments, expression)
            return !changed && newCallee.isSameNode(as: callee) ? input : .new(newCallee, newArguments)
        case .member(let object, let name, let chain):
            let newObject = expression(object)
            return newObject.isSameNode(as: object) ? input : .member(newObject, name, chain)
        case .index(let object, let index, let chain):
            let newObject = expression(object)
            let newIndex = expression(index)
            if newObject.isSameNode(as: object), newIndex.isSameNode(as: index) { return input }
            return .index(newObject, newIndex, chain)
        case .sequence(let items):
            let (newItems, changed) = mapNodes(items, expression)
            return changed ? .sequence(newItems) : input
        case .spread(let argument):
            let newArgument = expression(argument)
            return newArgument.isSameNode(as: argument) ? input : .spread(newArgument)
        case .yield(let argument, let delegate):
            return .yield(argument.map(expression), delegate: delegate)
        case .await(let argument):
            let newArgument = expression(argument)
            return newArgument.isSameNode(as: argument) ? input : .await(newArgument)
        case .importCall(let arguments):
            let (newArguments, changed) = mapNodes(arguments, expression)
            return changed ? .importCall(newArguments) : input
        case .paren(let inner):
            let newInner = expression(inner)
            return newInner.isSameNode(as: inner) ? input : .paren(newInner)
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

    static let compoundable: Set<JSBinaryOp> = [
        .add, .sub, .mul, .div, .mod, .pow, .shl, .sar, .shr, .bitAnd, .bitOr, .bitXor,
    ]

    func symbol(of ident: JSIdent) -> Int32 {
        guard ident.slot >= 0, Int(ident.slot) < scopes.references.count else { return -1 }
        return scopes.references[Int(ident.slot)].symbol
    }

    func sameSymbol(_ a: JSIdent, _ b: JSIdent) -> Bool {
        let s = symbol(of: a)
        return s >= 0 && s == symbol(of: b)
    }

    /// A local variable that no `eval` or `with` can observe.
    func isRenamableLocal(_ ident: JSIdent) -> Bool {
        let s = symbol(of: ident)
        return s >= 0 && !scopes.symbols[Int(s)].pinned
    }

    /// `x == null ? void 0 : x.y` -> `x?.y` (and `x != null ? x.y : void 0`), and
    /// `x != null ? x : y` -> `x ?? y`, for a local `x`.
    func optionalChain(_ e: JSExpr) -> JSExpr? {
        guard case .conditional(let test, let yes, let no) = e else { return nil }
        // `x ? x : y` -> `x || y`, `x ? y : x` -> `x && y` (a local `x` reads the same twice).
        if case .identifier(let x) = test, isRenamableLocal(x) {
            if case .identifier(let y) = yes, sameSymbol(x, y) { return .binary(.or, test, no) }
            if case .identifier(let y) = no, sameSymbol(x, y) { return .binary(.and, test, yes) }
        }
        switch (test, yes, no) {
        case (.binary(.ne, .identifier(let x), .null), .identifier(let y), _) where sameSymbol(x, y) && isRenamableLocal(x):
            return .binary(.nullish, yes, no)
        case (.binary(.eq, .identifier(let x), .null), _, .identifier(let y)) where sameSymbol(x, y) && isRenamableLocal(x):
            return .binary(.nullish, no, yes)
        default:
            break
        }
        let subject: JSIdent
        let access: JSExpr
        switch test {
        case .binary(.eq, .identifier(let x), .null):
            guard case .unary(.void, .number) = yes else { return nil }
            subject = x
            access = no
        case .binary(.ne, .identifier(let x), .null):
            guard case .unary(.void, .number) = no else { return nil }
            subject = x
            access = yes
        default:
            return nil
        }
        guard isRenamableLocal(subject) else { return nil }
        switch access {
        case .member(.identifier(let object), let name, .none) where sameSymbol(object, subject):
            return .member(.identifier(object), name, .start)
        case .index(.identifier(let object), let index, .none) where sameSymbol(object, subject):
            return .index(.identifier(object), index, .start)
        default:
            return nil
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
        if isExpression, let name = f.name, isUnused(name) {
            result.name = nil
            dropped.symbols.insert(symbol(of: name))
        }
        result.params = mapNodes(f.params, pattern).items
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
        if isExpression, let name = c.name, isUnused(name) {
            result.name = nil
            dropped.symbols.insert(symbol(of: name))
        }
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

    /// `test ? yes : no` in its shortest form.
    func conditionalValue(_ test: JSExpr, _ yes: JSExpr, _ no: JSExpr) -> JSExpr {
        // `(a, b) ? c : d` -> `a, b ? c : d`
        if case .sequence(var items) = test, let last = items.popLast() {
            return .sequence(items + [conditionalValue(last, yes, no)])
        }
        switch (yes, no) {
        case (.boolean(true), .boolean(false)):
            return primitiveType(test) == .boolean ? test : .unary(.not, .unary(.not, test))
        case (.boolean(false), .boolean(true)):
            return notValue(test)
        default:
            break
        }
        // `a ? x : b && x` -> `(a || b) && x`
        if case .binary(.and, let b, let x) = no, sameSimple(yes, x) {
            return binary(.and, binary(.or, test, b), yes)
        }
        // `a ? b || c : c` -> `a && b || c`
        if case .binary(.or, let b, let c) = yes, sameSimple(c, no) {
            return binary(.or, binary(.and, test, b), c)
        }
        // `a ? x : (b, x)` -> `(a || b), x`
        if case .sequence(var items) = no, let last = items.popLast(), !items.isEmpty, sameSimple(yes, last) {
            let rest = items.count == 1 ? items[0] : JSExpr.sequence(items)
            return .sequence([binary(.or, test, rest), yes])
        }
        // `a ? x : b ? x : c` -> `a || b ? x : c`
        if case .conditional(let test2, let yes2, let no2) = no, sameSimple(yes, yes2) {
            return conditionalValue(binary(.or, test, test2), yes, no2)
        }
        let result = conditional(test, yes, no)
        return optionalChain(result) ?? result
    }

    /// `this`, or a local variable: reading it twice in a row gives the same object.
    func isStableObject(_ e: JSExpr) -> Bool {
        switch e {
        case .this: return true
        case .identifier(let ident): return isRenamableLocal(ident)
        default: return false
        }
    }

    /// Simplifies an expression whose value only matters as true or false (`!!a || b` -> `a || b`).
    func asCondition(_ e: JSExpr) -> JSExpr {
        switch e {
        case .unary(.not, .unary(.not, let inner)): return asCondition(inner)
        case .binary(let op, let a, let b) where op == .or || op == .and:
            return .binary(op, asCondition(a), asCondition(b))
        // `a ? b : false` -> `a && b`, `a ? true : b` -> `a || b`: the same truth in every case.
        case .conditional(let test, let yes, let no) where truthiness(no) == false && isBooleanLiteral(no):
            return .binary(.and, test, asCondition(yes))
        case .conditional(let test, let yes, let no) where truthiness(yes) == true && isBooleanLiteral(yes):
            return .binary(.or, test, asCondition(no))
        default: return e
        }
    }

    func isBooleanLiteral(_ e: JSExpr) -> Bool {
        switch e {
        case .boolean, .unary(.not, .number): return true
        default: return false
        }
    }

    /// `!e` where a value (not just truthiness) is needed.
    func notValue(_ e: JSExpr) -> JSExpr {
        switch e {
        case .unary(.not, let inner) where primitiveType(inner) == .boolean: return inner
        case .binary(.eq, let a, let b): return .binary(.ne, a, b)
        case .binary(.ne, let a, let b): return .binary(.eq, a, b)
        case .binary(.strictEq, let a, let b): return .binary(.strictNe, a, b)
        case .binary(.strictNe, let a, let b): return .binary(.strictEq, a, b)
        default: return .unary(.not, e)
        }
    }

    /// `x === void 0 || x === null` -> `x == null` (and the `!==`/`&&` form), for a local `x`.
    func nullCheck(_ op: JSBinaryOp, _ left: JSExpr, _ right: JSExpr) -> JSExpr? {
        let compare: JSBinaryOp = op == .or ? .strictEq : .strictNe
        guard case .binary(let lop, .identifier(let a), let la) = left, lop == compare,
            case .binary(let rop, .identifier(let b), let rb) = right, rop == compare,
            sameSymbol(a, b), isRenamableLocal(a)
        else { return nil }
        let isUndefined: (JSExpr) -> Bool = { if case .unary(.void, .number) = $0 { return true } else { return false } }
        let isNull: (JSExpr) -> Bool = { if case .null = $0 { return true } else { return false } }
        guard (isUndefined(la) && isNull(rb)) || (isNull(la) && isUndefined(rb)) else { return nil }
        return .binary(op == .or ? .eq : .ne, .identifier(a), .null)
    }

    /// `unchanged`: the input node when `left` and `right` are its own operands, returned
    /// as it is when no rewrite applies.
    func binary(_ op: JSBinaryOp, _ left: JSExpr, _ right: JSExpr, unchanged: JSExpr? = nil) -> JSExpr {
        // `(a, b) + c` -> `a, b + c`: the left side is evaluated first either way.
        if case .sequence(var items) = left, let last = items.popLast() {
            return .sequence(items + [binary(op, last, right)])
        }
        if op == .or || op == .and, let check = nullCheck(op, left, right) { return check }
        // `x == false` -> `!x` for a boolean `x`.
        if op == .eq || op == .strictEq || op == .ne || op == .strictNe, primitiveType(left) == .boolean,
            case .boolean(let value) = right
        {
            let isEqual = op == .eq || op == .strictEq
            return isEqual == value ? left : notValue(left)
        }
        switch op {
        case .eq, .ne, .strictEq, .strictNe:
            // `typeof x == "undefined"` -> `typeof x > "u"`: every other typeof result sorts before "u".
            if case .unary(.typeof, _) = left, case .string(let raw) = right, JSStrings.decode(raw) == Array("undefined".unicodeScalars.map(\.value)) {
                let isEqual = op == .eq || op == .strictEq
                return .binary(isEqual ? .gt : .lt, left, .string("\"u\""))
            }
            guard op == .strictEq || op == .strictNe else { break }
            // Both sides have the same primitive type: `==` is the same comparison.
            if let a = primitiveType(left), a == primitiveType(right) {
                return .binary(op == .strictEq ? .eq : .ne, left, right)
            }
        case .and, .or, .nullish:
            // `x || false` -> `x` and `x && true` -> `x` for a boolean `x`: the same value.
            if op != .nullish, primitiveType(left) == .boolean, case .boolean(let value) = right, value == (op == .and) {
                return left
            }
            // `a && (b && c)` -> `a && b && c`: same values, same evaluation order.
            if case .binary(let inner, let b, let c) = right, inner == op {
                return .binary(op, binary(op, left, b), c)
            }
        case .add:
            if case .string(let a) = left, case .string(let b) = right {
                return .string(JSStrings.concatenate(a, b))
            }
            // `x + "a" + "b"` -> `x + "ab"` (the left part is already a string).
            if case .binary(.add, let inner, .string(let a)) = left, case .string(let b) = right {
                return .binary(.add, inner, .string(JSStrings.concatenate(a, b)))
            }
        default:
            break
        }
        if let folded = JSCompressor.fold(op, left, right) { return folded }
        return unchanged ?? .binary(op, left, right)
    }

    enum Primitive { case string, number, boolean }

    /// The type an expression certainly evaluates to, when that is known without scope knowledge.
    func primitiveType(_ e: JSExpr) -> Primitive? {
        switch e {
        case .string, .unary(.typeof, _), .template(nil, _, _): return .string
        case .binary(.add, let a, let b):
            return primitiveType(a) == .string || primitiveType(b) == .string ? .string : nil
        case .number, .unary(.plus, _): return .number
        case .boolean, .unary(.not, _): return .boolean
        case .binary(let op, _, _):
            switch op {
            case .eq, .ne, .strictEq, .strictNe, .lt, .gt, .le, .ge, .in, .instanceof: return .boolean
            default: return nil
            }
        default: return nil
        }
    }

    /// ECMAScript ToInt32 for integral values that a double holds exactly.
    /// A number literal, or `1/0` (what `Infinity` becomes): `+` leaves it as it is.
    static func isNumberLiteral(_ e: JSExpr) -> Bool {
        switch e {
        case .number: return true
        case .binary(.div, .number, .number): return true
        default: return false
        }
    }

    static func toInt32(_ value: Double) -> Int32? {
        guard value.isFinite, value == value.rounded(), abs(value) < 9e15 else { return nil }
        return Int32(truncatingIfNeeded: Int64(value))
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
            guard let x = toInt32(a), let y = toInt32(b) else { return nil }
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
