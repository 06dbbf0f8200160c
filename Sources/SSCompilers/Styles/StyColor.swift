import Foundation

/// An RGBA colour. Channels are clamped and rounded on construction as Stylus does.
final class StyRGBA: StyNode {
    override var isPassive: Bool { true }
    @exclusivity(unchecked) var r: Double
    @exclusivity(unchecked) var g: Double
    @exclusivity(unchecked) var b: Double
    @exclusivity(unchecked) var a: Double
    @exclusivity(unchecked) var name = ""
    @exclusivity(unchecked) var raw: String?

    init(_ r: Double, _ g: Double, _ b: Double, _ a: Double) {
        self.r = StyRGBA.clamp(r)
        self.g = StyRGBA.clamp(g)
        self.b = StyRGBA.clamp(b)
        self.a = StyRGBA.clampAlpha(a)
    }

    static func withoutClamping(_ r: Double, _ g: Double, _ b: Double, _ a: Double) -> StyRGBA {
        let c = StyRGBA(0, 0, 0, 0)
        c.r = r
        c.g = g
        c.b = b
        c.a = a
        return c
    }

    static func clamp(_ n: Double) -> Double {
        if n.isNaN { return 0 }
        return max(0, min(n.rounded(.toNearestOrAwayFromZero), 255))
    }

    static func clampAlpha(_ n: Double) -> Double {
        if n.isNaN { return 0 }
        return max(0, min(n, 1))
    }

    override var nodeName: String { "rgba" }
    override var hash: StyHash { .str(description) }
    var rgba: StyRGBA { self }
    var hsla: StyHSLA { StyHSLA.fromRGBA(self) }

    /// Colours are never changed once made: copies of a function's or a loop's body
    /// share them (HSLA values are changed by `adjust()`, and copied).
    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode { self }

    func add(_ r: Double, _ g: Double, _ b: Double, _ a: Double) -> StyRGBA {
        StyRGBA(self.r + r, self.g + g, self.b + b, self.a + a)
    }

    func sub(_ r: Double, _ g: Double, _ b: Double, _ a: Double) -> StyRGBA {
        StyRGBA(self.r - r, self.g - g, self.b - b, a == 1 ? self.a : self.a - a)
    }

    override var description: String {
        if name == "transparent" { return name }
        if a == 1 {
            if let hex = StyRGBA.byteHex(r, g, b) { return hex }
            let rs = StyRGBA.hex2(r)
            let gs = StyRGBA.hex2(g)
            let bs = StyRGBA.hex2(b)
            if rs.first == rs.last && gs.first == gs.last && bs.first == bs.last {
                return "#" + String(rs.prefix(1)) + String(gs.prefix(1)) + String(bs.prefix(1))
            }
            return "#" + rs + gs + bs
        }
        let alpha = (a * 1000).rounded(.toNearestOrAwayFromZero) / 1000
        // Made at its size (an interpolation grew its buffer, then copied it out).
        let parts = (styFormatNumber(r), styFormatNumber(g), styFormatNumber(b), styFormatNumber(alpha))
        var out = ""
        out.reserveCapacity(9 + parts.0.utf8.count + parts.1.utf8.count + parts.2.utf8.count + parts.3.utf8.count)
        out += "rgba("
        out += parts.0
        out += ","
        out += parts.1
        out += ","
        out += parts.2
        out += ","
        out += parts.3
        out += ")"
        return out
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// `#rrggbb` (or `#rgb` when every channel's two digits match) for channels in 0..<256,
    /// written as bytes: colours are most of a stylesheet's values.
    static func byteHex(_ r: Double, _ g: Double, _ b: Double) -> String? {
        guard r >= 0, r < 256, g >= 0, g < 256, b >= 0, b < 256 else { return nil }
        let channels = (Int(r), Int(g), Int(b))
        let digits = hexDigits
        let short = channels.0 >> 4 == channels.0 & 15 && channels.1 >> 4 == channels.1 & 15
            && channels.2 >> 4 == channels.2 & 15
        return String(unsafeUninitializedCapacity: 7) { out in
            out[0] = UInt8(ascii: "#")
            var i = 1
            func put(_ c: Int) {
                if !short {
                    out[i] = digits[c >> 4]
                    i += 1
                }
                out[i] = digits[c & 15]
                i += 1
            }
            put(channels.0)
            put(channels.1)
            put(channels.2)
            return i
        }
    }

    static func hex2(_ n: Double) -> String {
        let i = Int(n)
        let s = String(i, radix: 16)
        return i < 16 ? "0" + s : s
    }

    static func fromHSLA(_ hsla: StyHSLA) -> StyRGBA { fromHSL(hsla.values) }

    /// The colour of HSL components as an `StyHSLA` holds them (without making one).
    static func fromHSL(_ hsl: StyHSLValues) -> StyRGBA {
        let h = hsl.h / 360
        let s = hsl.s / 100
        let l = hsl.l / 100
        let a = hsl.a
        let m2 = l <= 0.5 ? l * (s + 1) : l + s - l * s
        let m1 = l * 2 - m2
        func hue(_ hIn: Double) -> Double {
            var h = hIn
            if h < 0 { h += 1 }
            if h > 1 { h -= 1 }
            if h * 6 < 1 { return m1 + (m2 - m1) * h * 6 }
            if h * 2 < 1 { return m2 }
            if h * 3 < 2 { return m1 + (m2 - m1) * (2.0 / 3 - h) * 6 }
            return m1
        }
        return StyRGBA(hue(h + 1.0 / 3) * 255, hue(h) * 255, hue(h - 1.0 / 3) * 255, a)
    }
}

/// Hue, saturation, lightness and alpha: what an `StyHSLA` holds, for the colour
/// arithmetic that would otherwise make a node per step.
typealias StyHSLValues = (h: Double, s: Double, l: Double, a: Double)

/// An HSLA colour (printed through its RGBA form).
final class StyHSLA: StyNode {
    override var isPassive: Bool { true }
    @exclusivity(unchecked) var h: Double
    @exclusivity(unchecked) var s: Double
    @exclusivity(unchecked) var l: Double
    @exclusivity(unchecked) var a: Double

    init(_ h: Double, _ s: Double, _ l: Double, _ a: Double) {
        (self.h, self.s, self.l, self.a) = StyHSLA.clamped((h, s, l, a))
    }

    /// The components as `init` stores them.
    static func clamped(_ v: StyHSLValues) -> StyHSLValues {
        (clampDegrees(v.h), clampPercentage(v.s), clampPercentage(v.l), StyRGBA.clampAlpha(v.a))
    }

    var values: StyHSLValues { (h, s, l, a) }

    override var nodeName: String { "hsla" }
    var rgba: StyRGBA { StyRGBA.fromHSLA(self) }
    var hsla: StyHSLA { self }
    override var hash: StyHash { .str(rgba.description) }

    override var description: String {
        "hsla(\(styFormatNumber(h)),\(styFormatNumber(s.rounded(.toNearestOrAwayFromZero)))%,"
            + "\(styFormatNumber(l.rounded(.toNearestOrAwayFromZero)))%,\(styFormatNumber(a)))"
    }

    override func clone(_ parent: StyBlock?, _ node: StyNode?, _ mode: StyCloneMode) -> StyNode {
        let c = StyHSLA(h, s, l, a)
        c.copyPosition(from: self)
        return c
    }


    static func fromRGBA(_ rgba: StyRGBA) -> StyHSLA {
        let v = values(of: rgba)
        let c = StyHSLA(0, 0, 0, 0)
        (c.h, c.s, c.l, c.a) = v
        return c
    }

    /// The components of `fromRGBA(rgba)`.
    static func values(of rgba: StyRGBA) -> StyHSLValues {
        let r = rgba.r / 255
        let g = rgba.g / 255
        let b = rgba.b / 255
        let mn = min(r, g, b)
        let mx = max(r, g, b)
        let l = (mx + mn) / 2
        let d = mx - mn
        var h: Double = 0
        if mx == mn {
            h = 0
        } else if mx == r {
            h = 60 * (g - b) / d
        } else if mx == g {
            h = 60 * (b - r) / d + 120
        } else {
            h = 60 * (r - g) / d + 240
        }
        var s: Double
        if mx == mn {
            s = 0
        } else if l < 0.5 {
            s = d / (2 * l)
        } else {
            s = d / (2 - 2 * l)
        }
        h = h.truncatingRemainder(dividingBy: 360)
        s *= 100
        return clamped((h, s, l * 100, rgba.a))
    }

    static func clampDegrees(_ n: Double) -> Double {
        let m = n.truncatingRemainder(dividingBy: 360)
        return m >= 0 ? m : 360 + m
    }

    static func clampPercentage(_ n: Double) -> Double { max(0, min(n, 100)) }
}

/// Formats a number as JavaScript's `Number.prototype.toString` does.
/// "0" ... "1023": most numbers in a stylesheet are small integers.
let stySmallIntegers: [String] = (0..<1024).map { String($0) }

func styFormatNumber(_ n: Double) -> String {
    if n.isNaN { return "NaN" }
    if n.isInfinite { return n < 0 ? "-Infinity" : "Infinity" }
    if n == 0 { return "0" }
    if n == n.rounded(), abs(n) < 1e21 {
        if n > 0 && n < Double(stySmallIntegers.count) { return stySmallIntegers[Int(n)] }
        if abs(n) < 9.2e18 { return String(Int64(n)) }
    }
    return styShortDecimal(n) ?? styFormatDescription(n)
}

/// `styFormatNumber` for any finite, non-zero `n`: Swift's description is the shortest
/// round-trip form, laid out again as JavaScript does.
func styFormatDescription(_ n: Double) -> String {
    var s = "\(abs(n))"
    var exponent = 0
    if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        exponent = Int(s[s.index(after: e)...]) ?? 0
        s = String(s[..<e])
    }
    var intPart = s
    var fracPart = ""
    if let dot = s.firstIndex(of: ".") {
        intPart = String(s[..<dot])
        fracPart = String(s[s.index(after: dot)...])
    }
    if fracPart == "0" { fracPart = "" }
    var digits = intPart + fracPart
    var pointPos = intPart.count + exponent
    while digits.hasPrefix("0") && digits.count > 1 {
        digits.removeFirst()
        pointPos -= 1
    }
    while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
    let k = digits.count
    var out: String
    if pointPos >= k && pointPos <= 21 {
        out = digits + String(repeating: "0", count: pointPos - k)
    } else if pointPos > 0 && pointPos <= 21 {
        let idx = digits.index(digits.startIndex, offsetBy: pointPos)
        out = String(digits[..<idx]) + "." + String(digits[idx...])
    } else if pointPos > -6 && pointPos <= 0 {
        out = "0." + String(repeating: "0", count: -pointPos) + digits
    } else {
        let e = pointPos - 1
        let mant = k == 1 ? digits : String(digits.prefix(1)) + "." + String(digits.dropFirst())
        out = mant + "e" + (e >= 0 ? "+" : "-") + String(abs(e))
    }
    return n < 0 ? "-" + out : out
}

private let styPowersOfTen: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

/// `n` as JavaScript prints it when that takes at most six decimals (most fractions in a
/// stylesheet: `0.2`, `1.5`, `0.12`); nil otherwise, and for integers.
///
/// For the fewest decimals `k` at which `m = round(n * 10^k)` gives back `n` as `m / 10^k`
/// (both exact doubles, so the division is correctly rounded), the decimal `m * 10^-k`
/// reads back as `n`, and no string with fewer decimals does: it is the shortest round
/// trip, the closest to `n` of that length, which is what `Number.prototype.toString`
/// prints for 1e-7 <= |n| < 1e21.
func styShortDecimal(_ n: Double) -> String? {
    let a = abs(n)
    guard a < 1e9, a >= 1e-6, a != a.rounded(.towardZero) else { return nil }
    for k in 1..<styPowersOfTen.count {
        let p = styPowersOfTen[k]
        let m = (a * p).rounded()
        guard m / p == a else { continue }
        var digits = UInt64(m)
        var decimals = k
        while decimals > 0 && digits % 10 == 0 {
            digits /= 10
            decimals -= 1
        }
        let scale = UInt64(styPowersOfTen[decimals])
        var whole = digits / scale
        var fraction = digits % scale
        var wholeDigits = 1
        var rest = whole / 10
        while rest > 0 {
            wholeDigits += 1
            rest /= 10
        }
        let sign = n < 0 ? 1 : 0
        let count = sign + wholeDigits + 1 + decimals
        return String(unsafeUninitializedCapacity: count) { out in
            if sign == 1 { out[0] = UInt8(ascii: "-") }
            var i = count - 1
            for _ in 0..<decimals {
                out[i] = UInt8(48 + fraction % 10)
                fraction /= 10
                i -= 1
            }
            out[i] = UInt8(ascii: ".")
            i -= 1
            for _ in 0..<wholeDigits {
                out[i] = UInt8(48 + whole % 10)
                whole /= 10
                i -= 1
            }
            return count
        }
    }
    return nil
}
