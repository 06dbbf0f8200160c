import Foundation

/// Swift versions of the busiest functions of the Stylus-written library
/// (`StyBuiltinLibrary`): `mix` runs some forty statements and calls per use, and
/// `darken`/`lighten`/`desaturate`/`saturate`/`fade-out`/`fade-in` one or two calls each,
/// every one a copy of a body evaluated in a new scope.
///
/// A shortcut gives exactly what evaluating the library body gives (the same arithmetic
/// in the same order, and the body's value: an expression holding the colour), and is
/// taken only when nothing could make the body behave otherwise: the call is in an
/// expression, the function is the library's own object, every argument is one colour or
/// unit as the shortcut needs, and no stylesheet has redefined a function the body calls.
/// Anything else (errors included) goes through the library body as before.
enum StyNativeLibrary {
    struct Shortcut: Sendable {
        /// Positional arguments the shortcut handles.
        let arity: ClosedRange<Int>
        /// Built-in functions the library body calls (a stylesheet may define functions of these names).
        let builtins: [String]
        /// Library functions the body calls, which must still be the library's own.
        let library: [String]
        /// The body's result from the arguments' values (each argument's first value, and
        /// the arguments as evaluated); nil to evaluate the body instead.
        let run: @Sendable (StyEvaluator, Values, StyArguments) throws -> StyNode?
    }

    /// The arguments' first values, held inline: every shortcut takes at most three, and
    /// an array of them was an allocation per call.
    struct Values {
        private(set) var count = 0
        private var values: (StyNode?, StyNode?, StyNode?) = (nil, nil, nil)

        /// False when there is no room (more than three values).
        mutating func append(_ node: StyNode) -> Bool {
            switch count {
            case 0: values.0 = node
            case 1: values.1 = node
            case 2: values.2 = node
            default: return false
            }
            count += 1
            return true
        }

        /// The value at `i` (below `count`; a null past it).
        subscript(_ i: Int) -> StyNode {
            let v: StyNode?
            switch i {
            case 0: v = values.0
            case 1: v = values.1
            case 2: v = values.2
            default: v = nil
            }
            return v ?? StyNull.shared
        }
    }

    /// The library's functions by name (shared by every compile, never mutated).
    static let libraryFunctions: [String: ObjectIdentifier] = {
        var out: [String: ObjectIdentifier] = [:]
        for (name, value) in StyBuiltinLibrary.evaluated where value is StyFunction { out[name] = ObjectIdentifier(value) }
        return out
    }()

    static let shortcuts: [ObjectIdentifier: Shortcut] = {
        var out: [ObjectIdentifier: Shortcut] = [:]
        func add(_ name: String, _ shortcut: Shortcut) {
            if let id = libraryFunctions[name] { out[id] = shortcut }
        }
        add("darken", adjusting("lightness", negate: true))
        add("lighten", adjusting("lightness", negate: false))
        add("desaturate", adjusting("saturation", negate: true))
        add("saturate", Shortcut(arity: 1...2, builtins: ["adjust"], library: []) { _, v, _ in
            // `if color is a 'color'`: other values take the body's unquote branch.
            guard v[0] is StyRGBA || v[0] is StyHSLA else { return nil }
            var amount: (val: Double, type: String?) = (100, "%")
            if v.count > 1 {
                guard let u = v[1] as? StyUnit else { return nil }
                amount = (u.val, u.type)
            }
            return try StyBuiltins.adjust(hsl: StyBuiltins.hslValues(v[0]), "saturation", amount.val, amount.type)
        })
        add("mix", Shortcut(
            arity: 2...3, builtins: ["length", "unit", "alpha", "red", "green", "blue", "push", "rgba", "math"],
            library: ["require-color", "floor"], run: { _, v, _ in try mix(v) }))
        add("fade-out", fading("-"))
        add("fade-in", fading("+"))
        return out
    }()

    /// `adjust(color, prop, amount)` or `adjust(color, prop, - amount)`.
    static func adjusting(_ prop: String, negate: Bool) -> Shortcut {
        Shortcut(arity: 2...2, builtins: ["adjust"], library: []) { _, v, _ in
            guard v[0] is StyRGBA || v[0] is StyHSLA, let amount = v[1] as? StyUnit else { return nil }
            let hsl = try StyBuiltins.hslValues(v[0])
            return try StyBuiltins.adjust(hsl: hsl, prop, negate ? -amount.val : amount.val, amount.type)
        }
    }

    /// `color - rgba(black, percent-to-decimal(amount))` (fade-out) or with `+` (fade-in):
    /// the same operation on the same operands as the body's.
    static func fading(_ op: String) -> Shortcut {
        Shortcut(arity: 2...2, builtins: ["unit", "rgba", "typeof"], library: ["percent-to-decimal", "remove-unit"]) {
            ev, v, args in
            guard v[0] is StyRGBA || v[0] is StyHSLA, let amount = v[1] as? StyUnit,
                let black = ev.lookup("black") as? StyRGBA
            else { return nil }
            let alpha = amount.type == "%" ? amount.val / 100 : amount.val
            let shade = StyRGBA(black.r, black.g, black.b, alpha)
            return try ev.visit(try StyOperate.operate(StyOperate.unwrap(args.nodes[0]), op, shade))
        }
    }

    /// The library's `mix(color1, color2, weight = 50%)` for two colours and a whole
    /// percentage (the body's `weight in 0..100` check holds for exactly those).
    static func mix(_ v: Values) throws -> StyNode? {
        guard v[0] is StyRGBA || v[0] is StyHSLA, v[1] is StyRGBA || v[1] is StyHSLA else { return nil }
        var weight: (val: Double, type: String?) = (50, "%")
        if v.count > 2 {
            guard let u = v[2] as? StyUnit else { return nil }
            weight = (u.val, u.type)
        }
        guard weight.type == "%" || weight.type == nil || weight.type == "",
            weight.val >= 0, weight.val <= 100, weight.val == weight.val.rounded(.down)
        else { return nil }
        let c1 = try StyBuiltins.color(v[0])
        let c2 = try StyBuiltins.color(v[1])
        let p = weight.val / 100
        let w = p * 2 - 1
        let a = c1.a - c2.a
        let w1 = (((w * a == -1) ? w : (w + a) / (1 + w * a)) + 1) / 2
        let w2 = 1 - w1
        func channel(_ x: Double, _ y: Double) -> Double { (x * w1 + y * w2).rounded(.down) }
        let a1 = c1.a * p
        let a2 = c2.a * (1 - p)
        return StyRGBA(channel(c1.r, c2.r), channel(c1.g, c2.g), channel(c1.b, c2.b), a1 + a2)
    }
}

extension StyEvaluator {
    /// The result of calling library function `fn` with evaluated `args`, computed by a
    /// `StyNativeLibrary` shortcut, or nil when the body must be evaluated.
    func nativeLibraryCall(_ fn: StyFunction, _ args: StyArguments) throws -> StyNode? {
        guard options.nativeLibrary, returnDepth > 0, args.mapOrder.isEmpty,
            let shortcut = StyNativeLibrary.shortcuts[ObjectIdentifier(fn)], shortcut.arity.contains(args.nodes.count)
        else { return nil }
        for name in shortcut.builtins {
            let entry = nameIndex.entry(name)
            // A binding that is not a function (the colour `red`) leaves the built-in in charge.
            if entry.bound, let v = lookup(name, entry), v.first is StyFunction { return nil }
        }
        for name in shortcut.library {
            let entry = nameIndex.entry(name)
            guard !entry.boundLocally, let f = globalFrame.scope.lookup(entry),
                ObjectIdentifier(f) == StyNativeLibrary.libraryFunctions[name]
            else { return nil }
        }
        var values = StyNativeLibrary.Values()
        for a in args.nodes {
            let u = StyOperate.unwrap(a)
            if let e = u as? StyExpression, e.nodes.count != 1 { return nil }
            guard values.append(u.first) else { return nil }
        }
        guard let result = try shortcut.run(self, values, args) else { return nil }
        let expr = StyExpression()
        expr.push(result)
        return expr
    }
}
