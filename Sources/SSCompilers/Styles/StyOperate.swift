import Foundation

/// Binary operators on values, dispatched on the left operand's type as the
/// reference implementation's `Node#operate` overrides do.
enum StyOperate {
    static func unwrap(_ node: StyNode) -> StyNode {
        guard let expr = node as? StyExpression, !expr.preserve, expr.nodes.count == 1,
            let inner = expr.nodes[0] as? StyExpression
        else { return node }
        return unwrap(inner)
    }

    static func shouldCoerce(_ op: String) -> Bool {
        switch op {
        case "is a", "in", "||", "&&": return false
        default: return true
        }
    }

    static func coercionError(_ other: StyNode, _ to: String) -> StyError {
        var e = StyError("cannot coerce \(other.description) to \(to)")
        e.isCoercion = true
        return e
    }

    static func operate(_ left: StyNode, _ op: String, _ right: StyNode, _ val: StyNode? = nil) throws -> StyNode {
        switch left {
        case let e as StyExpression: return try expression(e, op, right, val)
        case let u as StyUnit: return try unit(u, op, right)
        case let c as StyRGBA: return try rgba(c, op, right)
        case let h as StyHSLA:
            switch op {
            case "==", "!=", "<=", ">=", "<", ">", "is a", "||", "&&": return try rgba(h.rgba, op, right)
            default:
                let r = try rgba(h.rgba, op, right)
                if let c = r as? StyRGBA { return c.hsla }
                return r
            }
        case let s as StyString: return try string(s, op, right)
        case let i as StyIdent: return try ident(i, op, right)
        case let l as StyLiteral:
            if op == "+" {
                return StyLiteral(l.val + (try coerceToString(right.first, "literal")))
            }
            return try base(left, op, right)
        case let o as StyObject: return try object(o, op, right)
        case let p as StyProperty: return try operate(p.expr, op, right, val)
        default: return try base(left, op, right)
        }
    }

    /// `left op right` for a comparison operator (`==`, `!=`, `>=`, `<=`, `>`, `<`).
    static func comparison(_ left: StyHash, _ op: String, _ right: StyHash) -> StyBoolean {
        switch op {
        case "==": return StyBoolean.of(StyHash.looselyEqual(left, right))
        case "!=": return StyBoolean.of(!StyHash.looselyEqual(left, right))
        default: return StyBoolean.of(StyHash.compare(left, right, op))
        }
    }

    static func coerceToString(_ other: StyNode, _ to: String) throws -> String {
        switch other {
        case let i as StyIdent: return i.name
        case let s as StyString: return s.val
        case let l as StyLiteral: return l.val
        case let u as StyUnit where to == "ident": return u.description
        default:
            if other.nodeName == to { return other.description }
            throw coercionError(other, to)
        }
    }

    static func base(_ left: StyNode, _ op: String, _ right: StyNode) throws -> StyNode {
        switch op {
        case "is a":
            if let s = right.first as? StyString { return StyBoolean.of(left.nodeName == s.val) }
            throw StyError("\"is a\" expects a string, got \(right.description)")
        case "==", "!=", ">=", "<=", ">", "<": return comparison(left.hash, op, right.hash)
        case "||": return left.toBoolean().isTrue ? left : right
        case "in":
            let r = unwrap(right)
            guard let expr = r as? StyExpression else {
                throw StyError("\"in\" given invalid right-hand operand, expecting an expression")
            }
            let vals = expr.nodes
            if vals.count == 1, let obj = vals[0] as? StyObject {
                return StyBoolean.of(obj.has(left.hash.stringValue))
            }
            let h = left.hash
            for v in vals where StyHash.looselyEqual(h, v.hash) { return StyBoolean.of(true) }
            return StyBoolean.of(false)
        case "&&":
            let a = left.toBoolean()
            let b = right.toBoolean()
            return a.isTrue && b.isTrue ? right : (a.isFalse ? left : right)
        default:
            if op == "[]" { throw StyError("cannot perform \(left.description)[\(right.description)]") }
            throw StyError("cannot perform \(left.description) \(op) \(right.description)")
        }
    }

    static func expression(_ e: StyExpression, _ op: String, _ right: StyNode, _ val: StyNode?) throws -> StyNode {
        switch op {
        case "[]=":
            let range = (unwrap(right) as? StyExpression)?.nodes ?? [right]
            let v = val.map { unwrap($0) } ?? StyNull()
            for u in range {
                let len = e.nodes.count
                if let unit = u as? StyUnit {
                    let n = Int(unit.val < 0 ? Double(len) + unit.val : unit.val)
                    if n < 0 || n > 100_000 { continue }
                    while e.nodes.count < n { e.nodes.append(StyNull()) }
                    if n == e.nodes.count { e.nodes.append(v) } else { e.nodes[n] = v }
                } else if let key = stringOf(u), let obj = e.nodes.first as? StyObject {
                    obj.set(key, v.clone())
                }
            }
            return v
        case "[]":
            let result = StyExpression()
            let vals = (unwrap(e) as? StyExpression)?.nodes ?? [e]
            let range = (unwrap(right) as? StyExpression)?.nodes ?? [right]
            for u in range {
                var node: StyNode?
                if let unit = u as? StyUnit {
                    let i = Int(unit.val < 0 ? Double(vals.count) + unit.val : unit.val)
                    if i >= 0 && i < vals.count { node = vals[i] }
                } else if let obj = vals.first as? StyObject {
                    node = obj.get(stringOf(u) ?? u.hash.stringValue)
                }
                if let node { result.push(node) }
            }
            return result.isEmpty ? StyNull() : unwrap(result)
        case "||": return e.toBoolean().isTrue ? e : right
        case "in": return try base(e, op, right)
        case "!=":
            let r = try expression(e, "==", right, val)
            return (r as? StyBoolean)?.negate() ?? r
        case "==":
            let r = right.toExpression()
            if e.nodes.count != r.nodes.count { return StyBoolean.of(false) }
            for (a, b) in zip(e.nodes, r.nodes) {
                let res: StyNode
                do { res = try operate(a, op, b) } catch let err as StyError where err.isCoercion {
                    return StyBoolean.of(false)
                }
                if res.toBoolean().isTrue { continue }
                return StyBoolean.of(false)
            }
            return StyBoolean.of(true)
        default:
            return try operate(e.first, op, right, val)
        }
    }

    static func stringOf(_ node: StyNode) -> String? {
        switch node {
        case let s as StyString: return s.val
        case let i as StyIdent: return i.name
        case let l as StyLiteral: return l.val
        default: return nil
        }
    }

    static let factorTable: [String: (Double, String)] = [
        "mm": (1, "mm"), "cm": (10, "mm"), "in": (25.4, "mm"), "pt": (25.4 / 72, "mm"),
        "ms": (1, "ms"), "s": (1000, "ms"), "Hz": (1, "Hz"), "kHz": (1000, "Hz"),
    ]

    /// The value of `other` in the unit of `a` (the reference makes a unit node of it,
    /// which only the arithmetic below reads).
    static func coercedValue(_ a: StyUnit, _ other: StyNode) throws -> (val: Double, type: String?) {
        if let b = other as? StyUnit {
            // Same unit: the factor is 1 (skips two table look-ups for most operations).
            if a.type == b.type { return (b.val, a.type) }
            if let ta = a.type, let tb = b.type, let fa = factorTable[ta], let fb = factorTable[tb], fa.1 == fb.1 {
                return (b.val * (fb.0 / fa.0), a.type)
            }
            return (b.val, a.type)
        }
        if let s = other as? StyString {
            if s.val == "%" { return (0, "%") }
            guard let v = styParseFloat(s.val) else { throw coercionError(other, "unit") }
            return (v, nil)
        }
        throw coercionError(other, "unit")
    }

    static func unit(_ u: StyUnit, _ op: String, _ rightIn: StyNode) throws -> StyNode {
        var type = u.type
        if type == nil || type == "" { type = (rightIn.first as? StyUnit)?.type ?? type }
        if rightIn is StyRGBA || rightIn is StyHSLA { return try operate(rightIn, op, u) }
        if shouldCoerce(op) {
            let right = rightIn.first
            let r: (val: Double, type: String?)
            if u.type != "%" && (op == "-" || op == "+"), let ru = right as? StyUnit, ru.type == "%" {
                r = (u.val * (ru.val / 100), "%")
            } else {
                r = try coercedValue(u, right)
            }
            switch op {
            case "-": return StyUnit(u.val - r.val, type)
            case "+":
                if type == nil || type == "" { type = r.type == "%" ? "%" : type }
                return StyUnit(u.val + r.val, type)
            case "/": return StyUnit(u.val / r.val, type)
            case "*": return StyUnit(u.val * r.val, type)
            case "%": return StyUnit(jsMod(u.val, r.val), type)
            case "**": return StyUnit(pow(u.val, r.val), type)
            case "..", "...":
                var start = u.val
                let end = r.val
                let expr = StyExpression()
                let inclusive = op == ".."
                var guardCount = 0
                if start < end {
                    repeat {
                        expr.push(StyUnit(start))
                        start += 1
                        guardCount += 1
                    } while (inclusive ? start <= end : start < end) && guardCount < 100_000
                } else {
                    repeat {
                        expr.push(StyUnit(start))
                        start -= 1
                        guardCount += 1
                    } while (inclusive ? start >= end : start > end) && guardCount < 100_000
                }
                return expr
            case "==", "!=", ">=", "<=", ">", "<":
                return comparison(u.hash, op, .num(r.val))
            default:
                return try base(u, op, StyUnit(r.val, r.type))
            }
        }
        return try base(u, op, rightIn)
    }

    static func jsMod(_ a: Double, _ b: Double) -> Double { a.truncatingRemainder(dividingBy: b) }

    static func rgba(_ c: StyRGBA, _ op: String, _ rightIn: StyNode) throws -> StyNode {
        let right = op == "in" ? rightIn : rightIn.first
        switch op {
        case "is a":
            if let s = right as? StyString, s.val == "color" { return StyBoolean.of(true) }
        case "+":
            switch right {
            case let u as StyUnit:
                switch u.type {
                case "%": return try StyBuiltins.adjust(c, "lightness", u)
                case "deg": return rotated(c, u.val)
                default: return c.add(u.val, u.val, u.val, 0)
                }
            case let r as StyRGBA: return c.add(r.r, r.g, r.b, r.a)
            case let h as StyHSLA: return added(c, h.h, h.s, h.l)
            default: break
            }
        case "-":
            switch right {
            case let u as StyUnit:
                switch u.type {
                case "%": return try StyBuiltins.adjust(hsl: StyHSLA.values(of: c), "lightness", -u.val, "%")
                case "deg": return rotated(c, -u.val)
                default: return c.sub(u.val, u.val, u.val, 0)
                }
            case let r as StyRGBA: return c.sub(r.r, r.g, r.b, r.a)
            case let h as StyHSLA: return added(c, -h.h, -h.s, -h.l)
            default: break
            }
        case "*":
            if let u = right as? StyUnit { return StyRGBA(c.r * u.val, c.g * u.val, c.b * u.val, c.a) }
        case "/":
            if let u = right as? StyUnit { return StyRGBA(c.r / u.val, c.g / u.val, c.b / u.val, c.a) }
        default: break
        }
        return try base(c, op, right)
    }

    /// `c.hsla.adjustHue(deg).rgba` without the intermediate HSLA node.
    static func rotated(_ c: StyRGBA, _ deg: Double) -> StyRGBA {
        var hsl = StyHSLA.values(of: c)
        hsl.h = StyHSLA.clampDegrees(hsl.h + deg)
        return StyRGBA.fromHSL(hsl)
    }

    /// `c.hsla.add(h, s, l)` without the intermediate HSLA node.
    static func added(_ c: StyRGBA, _ h: Double, _ s: Double, _ l: Double) -> StyHSLA {
        let hsl = StyHSLA.values(of: c)
        return StyHSLA(hsl.h + h, hsl.s + s, hsl.l + l, hsl.a)
    }

    static func string(_ s: StyString, _ op: String, _ right: StyNode) throws -> StyNode {
        switch op {
        case "%":
            let expr = StyExpression()
            expr.push(s)
            let args: [StyNode]
            if let e = right as? StyExpression {
                args = (unwrap(e) as? StyExpression)?.nodes ?? [e]
            } else {
                args = [right]
            }
            return try StyBuiltins.sprintf(nil, [expr] + args)
        case "+":
            let expr = StyExpression()
            expr.push(StyString(s.val + coerceString(right)))
            return expr
        default:
            return try base(s, op, right)
        }
    }

    static func coerceString(_ other: StyNode) -> String {
        switch other {
        case let s as StyString: return s.val
        case let e as StyExpression: return e.nodes.map { coerceString($0) }.joined(separator: " ")
        default: return other.description
        }
    }

    static func ident(_ i: StyIdent, _ op: String, _ right: StyNode) throws -> StyNode {
        let val = right.first
        switch op {
        case "-":
            if let u = val as? StyUnit {
                let expr = StyExpression()
                let c = StyUnit(-u.val, u.type)
                expr.push(i)
                expr.push(c)
                return expr
            }
            return StyIdent(i.name + (try coerceToString(val, "ident")))
        case "+":
            return StyIdent(i.name + (try coerceToString(val, "ident")))
        default:
            return try base(i, op, right)
        }
    }

    static func object(_ o: StyObject, _ op: String, _ right: StyNode) throws -> StyNode {
        switch op {
        case ".", "[]": return o.get(right.hash.stringValue)
        case "==":
            guard let r = right as? StyObject, r.length == o.length else { return StyBoolean.of(false) }
            for key in o.order {
                guard let a = o.vals[key], let b = r.vals[key] else { return StyBoolean.of(false) }
                if try operate(a, "==", b).toBoolean().isFalse { return StyBoolean.of(false) }
            }
            return StyBoolean.of(true)
        case "!=":
            return (try object(o, "==", right) as? StyBoolean)?.negate() ?? StyBoolean.of(true)
        default:
            return try base(o, op, right)
        }
    }
}

/// JavaScript `parseFloat`: the longest numeric prefix, or nil.
func styParseFloat(_ s: String) -> Double? {
    let t = s.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" })
    var end = t.startIndex
    var seenDigit = false
    var seenDot = false
    var seenExp = false
    var i = t.startIndex
    if i < t.endIndex, t[i] == "-" || t[i] == "+" { i = t.index(after: i) }
    while i < t.endIndex {
        let ch = t[i]
        if ch.isASCII && ch.isNumber {
            seenDigit = true
            end = t.index(after: i)
        } else if ch == "." && !seenDot && !seenExp {
            seenDot = true
        } else if (ch == "e" || ch == "E") && seenDigit && !seenExp {
            seenExp = true
            let n = t.index(after: i)
            if n < t.endIndex, t[n] == "-" || t[n] == "+" { i = n }
        } else {
            break
        }
        i = t.index(after: i)
    }
    guard seenDigit else {
        if t.hasPrefix("Infinity") { return .infinity }
        return nil
    }
    return Double(t[t.startIndex..<end])
}
