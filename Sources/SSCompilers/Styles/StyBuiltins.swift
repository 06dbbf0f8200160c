import Foundation

/// Built-in functions implemented natively (the rest live in `StyBuiltinLibrary`,
/// written in Stylus itself as upstream does).
enum StyBuiltins {
    typealias Body = @Sendable (StyEvaluator, [StyNode?]) throws -> StyNode

    static func fn(_ params: [String], _ body: @escaping Body) -> StyBuiltin {
        StyBuiltin(params: params, raw: false, body: body)
    }

    static func raw(_ body: @escaping Body) -> StyBuiltin { StyBuiltin(params: [], raw: true, body: body) }

    static let table: [String: StyBuiltin] = {
        var t: [String: StyBuiltin] = [:]
        colorFunctions(&t)
        listFunctions(&t)
        stringFunctions(&t)
        miscFunctions(&t)
        return t
    }()

    // MARK: - Assertions

    static func arg(_ args: [StyNode?], _ i: Int) -> StyNode? {
        guard i < args.count, let a = args[i] else { return nil }
        return a
    }

    static func typeError(_ expected: String, _ node: StyNode, _ param: String?) -> StyError {
        let p = param.map { "\"\($0)\" to be a " } ?? ""
        return StyError(
            "TypeError: expected \(p)\(expected), but got \(node.nodeName):\(node.description)",
            id: .styArguments)
    }

    static func present(_ node: StyNode?, _ name: String?) throws -> StyNode {
        guard let node else {
            throw StyError(name.map { "\"\($0)\" argument required" } ?? "argument missing", id: .styArguments)
        }
        return node
    }

    static func color(_ node: StyNode?, _ name: String? = nil) throws -> StyRGBA {
        let n = try present(node, name)
        if let c = n as? StyRGBA { return c }
        if let h = n as? StyHSLA { return h.rgba }
        throw StyError("TypeError: expected rgba or hsla, but got \(n.nodeName):\(n.description)", id: .styArguments)
    }

    static func unit(_ node: StyNode?, _ name: String? = nil) throws -> StyUnit {
        let n = try present(node, name)
        if let u = n as? StyUnit { return u }
        throw typeError("unit", n, name)
    }

    static func string(_ node: StyNode?, _ name: String? = nil) throws -> String {
        let n = try present(node, name)
        if let s = StyOperate.stringOf(n) { return s }
        throw StyError(
            "TypeError: expected string, ident or literal, but got \(n.nodeName):\(n.description)",
            id: .styArguments)
    }

    static func strictString(_ node: StyNode?, _ name: String? = nil) throws -> String {
        let n = try present(node, name)
        if let s = n as? StyString { return s.val }
        throw typeError("string", n, name)
    }

    // MARK: - Colour

    /// HSL of a colour node without an RGB round trip when it already is HSLA.
    static func hslaOf(_ node: StyNode?, _ name: String? = nil) throws -> StyHSLA {
        if let h = node as? StyHSLA { return h }
        return try color(node, name).hsla
    }

    /// `hslaOf(node).values`, without making a node for an RGBA colour.
    static func hslValues(_ node: StyNode?, _ name: String? = nil) throws -> StyHSLValues {
        if let h = node as? StyHSLA { return h.values }
        return StyHSLA.values(of: try color(node, name))
    }

    static func adjust(_ color: StyRGBA, _ prop: String, _ amount: StyUnit) throws -> StyNode {
        try adjust(hsl: StyHSLA.values(of: color), prop, amount.val, amount.type)
    }

    static func adjust(hsla: StyHSLA, _ prop: String, _ amount: StyUnit) throws -> StyNode {
        try adjust(hsl: hsla.values, prop, amount.val, amount.type)
    }

    /// The reference's `adjust()`: changes a copy of the colour's HSLA form (the copy is
    /// clamped as a new `StyHSLA` is; the change is not) and gives its RGBA form.
    static func adjust(hsl hslIn: StyHSLValues, _ prop: String, _ amount: Double, _ type: String?) throws -> StyNode {
        var hsl = StyHSLA.clamped(hslIn)
        var val = amount
        func cur() -> Double {
            switch prop {
            case "hue": return hsl.h
            case "saturation": return hsl.s
            default: return hsl.l
            }
        }
        if type == "%" {
            val = prop == "lightness" && val > 0 ? (100 - cur()) * val / 100 : cur() * (val / 100)
        }
        switch prop {
        case "hue": hsl.h += val
        case "saturation": hsl.s += val
        case "lightness": hsl.l += val
        default: throw StyError("invalid adjustment property", id: .styArguments)
        }
        return StyRGBA.fromHSL(hsl)
    }

    static func rgbaFn(_ args: [StyNode?]) throws -> StyNode {
        let count = args.count
        if count == 1 { return try color(args[0]) }
        if count == 2 {
            let c = try color(args[0])
            let a = try unit(args[1], "alpha")
            let alpha = a.type == "%" ? a.val / 100 : a.val
            return StyRGBA(c.r, c.g, c.b, alpha)
        }
        let r = try unit(arg(args, 0), "red")
        let g = try unit(arg(args, 1), "green")
        let b = try unit(arg(args, 2), "blue")
        let a = try unit(arg(args, 3), "alpha")
        func ch(_ u: StyUnit) -> Double { u.type == "%" ? (u.val * 2.55).rounded(.toNearestOrAwayFromZero) : u.val }
        return StyRGBA(ch(r), ch(g), ch(b), a.type == "%" ? a.val / 100 : a.val)
    }

    static func hslaFn(_ args: [StyNode?]) throws -> StyNode {
        let count = args.count
        if count == 1 { return try hslaOf(args[0]) }
        if count == 2 {
            let c = try hslaOf(args[0])
            let a = try unit(args[1], "alpha")
            return StyHSLA(c.h, c.s, c.l, a.type == "%" ? a.val / 100 : a.val)
        }
        let h = try unit(arg(args, 0), "hue")
        let s = try unit(arg(args, 1), "saturation")
        let l = try unit(arg(args, 2), "lightness")
        let a = try unit(arg(args, 3), "alpha")
        return StyHSLA(h.val, s.val, l.val, a.type == "%" ? a.val / 100 : a.val)
    }

    static func component(_ c: StyNode?, _ name: String) throws -> StyNode {
        let rgba = try color(c, "color")
        let hsla = try hslaOf(c, "color")
        switch name {
        case "red": return StyUnit(rgba.r, "")
        case "green": return StyUnit(rgba.g, "")
        case "blue": return StyUnit(rgba.b, "")
        case "alpha": return StyUnit(rgba.a, "")
        case "hue": return StyUnit(hsla.h, "deg")
        case "saturation": return StyUnit(hsla.s, "%")
        case "lightness": return StyUnit(hsla.l, "%")
        default: throw StyError("invalid color component \"\(name)\"", id: .styArguments)
        }
    }

    static func luminosity(_ c: StyRGBA) -> Double {
        func ch(_ v: Double) -> Double {
            let x = v / 255
            return 0.03928 > x ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b)
    }

    static func blend(_ top: StyRGBA, _ bottom: StyRGBA) -> StyRGBA {
        StyRGBA(
            top.r * top.a + bottom.r * (1 - top.a), top.g * top.a + bottom.g * (1 - top.a),
            top.b * top.a + bottom.b * (1 - top.a), top.a + bottom.a - top.a * bottom.a)
    }

    static func colorFunctions(_ t: inout [String: StyBuiltin]) {
        t["rgba"] = fn(["red", "green", "blue", "alpha"]) { _, a in try rgbaFn(a) }
        t["rgb"] = fn(["red", "green", "blue"]) { _, a in
            if a.count == 1 {
                let c = try color(a[0])
                return StyRGBA(c.r, c.g, c.b, 1)
            }
            return try rgbaFn([arg(a, 0), arg(a, 1), arg(a, 2), StyUnit(1)])
        }
        t["hsla"] = fn(["hue", "saturation", "lightness", "alpha"]) { _, a in try hslaFn(a) }
        t["hsl"] = fn(["hue", "saturation", "lightness"]) { _, a in
            if a.count == 1 { return try hslaOf(a[0], "color") }
            return try hslaFn([arg(a, 0), arg(a, 1), arg(a, 2), StyUnit(1)])
        }
        t["adjust"] = fn(["color", "prop", "amount"]) { _, a in
            try adjust(
                hsla: try hslaOf(arg(a, 0), "color"), try string(arg(a, 1), "prop"), try unit(arg(a, 2), "amount"))
        }
        for (name, idx) in [("red", 0), ("green", 1), ("blue", 2), ("alpha", 3)] {
            t[name] = fn(["color", "value"]) { _, a in
                let c = try color(arg(a, 0), "color")
                if let v = arg(a, 1) {
                    var parts: [StyNode?] = [StyUnit(c.r), StyUnit(c.g), StyUnit(c.b), StyUnit(c.a)]
                    parts[idx] = v
                    return try rgbaFn(parts)
                }
                return try component(c, name)
            }
        }
        for (name, idx) in [("hue", 0), ("saturation", 1), ("lightness", 2)] {
            t[name] = fn(["color", "value"]) { _, a in
                let c = arg(a, 0)
                if let v = arg(a, 1) {
                    let h = try hslaOf(c, "color")
                    var parts: [StyNode?] = [StyUnit(h.h), StyUnit(h.s), StyUnit(h.l), StyUnit(h.a)]
                    parts[idx] = v
                    return try hslaFn(parts)
                }
                return try component(c, name)
            }
        }
        t["component"] = fn(["color", "name"]) { _, a in try component(arg(a, 0), try string(arg(a, 1), "name")) }
        t["luminosity"] = fn(["color"]) { _, a in StyUnit(luminosity(try color(arg(a, 0)))) }
        t["blend"] = fn(["top", "bottom"]) { _, a in
            let top = try color(arg(a, 0))
            let bottom = try arg(a, 1).map { try color($0) } ?? StyRGBA(255, 255, 255, 1)
            return blend(top, bottom)
        }
        t["contrast"] = fn(["top", "bottom"]) { _, a in try contrast(a) }
        t["transparentify"] = fn(["top", "bottom", "alpha"]) { _, a in try transparentify(a) }
    }

    static func contrast(_ a: [StyNode?]) throws -> StyNode {
        guard let topNode = arg(a, 0), topNode is StyRGBA || topNode is StyHSLA else {
            let t = arg(a, 0)
            return StyLiteral("contrast(" + ((t == nil || t!.isNull) ? "" : t!.description) + ")")
        }
        let top = try color(topNode)
        let bottom = try arg(a, 1).map { try color($0) } ?? StyRGBA(255, 255, 255, 1)
        func ratio(_ topIn: StyRGBA, _ bottom: StyRGBA) -> Double {
            var top = topIn
            if 1 > top.a { top = blend(top, bottom) }
            let l1 = luminosity(bottom) + 0.05
            let l2 = luminosity(top) + 0.05
            var r = l1 / l2
            if l2 > l1 { r = 1 / r }
            return (r * 10).rounded(.toNearestOrAwayFromZero) / 10
        }
        let result = StyObject()
        if 1 <= bottom.a {
            let r = StyUnit(ratio(top, bottom))
            result.set("ratio", r)
            result.set("error", StyUnit(0))
            result.set("min", r)
            result.set("max", r)
        } else {
            let onBlack = ratio(top, blend(bottom, StyRGBA(0, 0, 0, 1)))
            let onWhite = ratio(top, blend(bottom, StyRGBA(255, 255, 255, 1)))
            let mx = max(onBlack, onWhite)
            func ch(_ t: Double, _ b: Double) -> Double { min(max(0, (t - b * bottom.a) / (1 - bottom.a)), 255) }
            let closest = StyRGBA(ch(top.r, bottom.r), ch(top.g, bottom.g), ch(top.b, bottom.b), 1)
            let mn = ratio(top, blend(bottom, closest))
            result.set("ratio", StyUnit(((mn + mx) * 50).rounded(.toNearestOrAwayFromZero) / 100))
            result.set("error", StyUnit(((mx - mn) * 50).rounded(.toNearestOrAwayFromZero) / 100))
            result.set("min", StyUnit(mn))
            result.set("max", StyUnit(mx))
        }
        return result
    }

    static func transparentify(_ a: [StyNode?]) throws -> StyNode {
        let top = try color(arg(a, 0))
        var bottomNode: StyNode = arg(a, 1) ?? StyRGBA(255, 255, 255, 1)
        var alpha = arg(a, 2)
        if alpha == nil && !(bottomNode is StyRGBA || bottomNode is StyHSLA) {
            alpha = bottomNode
            bottomNode = StyRGBA(255, 255, 255, 1)
        }
        let bottom = try color(bottomNode)
        let chans = [(top.r, bottom.r), (top.g, bottom.g), (top.b, bottom.b)]
        var best = chans.map { t, b in (t - b) / ((0 < (t - b) ? 255 : 0) - b) }.sorted(by: >)[0]
        if let al = alpha {
            let u = try unit(al, "alpha")
            if u.type == "%" { best = u.val / 100 } else if u.type == nil || u.type == "" { best = u.val }
        }
        best = max(min(best, 1), 0)
        func ch(_ t: Double, _ b: Double) -> Double { best == 0 ? b : b + (t - b) / best }
        return StyRGBA(
            ch(top.r, bottom.r), ch(top.g, bottom.g), ch(top.b, bottom.b),
            (best * 100).rounded(.toNearestOrAwayFromZero) / 100)
    }
}
