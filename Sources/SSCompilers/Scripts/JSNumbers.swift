/// Numeric literal values and their shortest spellings.
enum JSNumbers {
    /// The value of a numeric literal's source text, or nil when not a plain number.
    static func value(of raw: String) -> Double? {
        let text = raw.replacingOccurrences(of: "_", with: "")
        let lower = text.lowercased()
        if lower.hasPrefix("0x") { return UInt64(lower.dropFirst(2), radix: 16).flatMap { exact($0) } }
        if lower.hasPrefix("0o") { return UInt64(lower.dropFirst(2), radix: 8).flatMap { exact($0) } }
        if lower.hasPrefix("0b") { return UInt64(lower.dropFirst(2), radix: 2).flatMap { exact($0) } }
        if text.count > 1, text.hasPrefix("0"), text.allSatisfy(\.isNumber) {
            // Legacy octal (`017`) unless a digit 8 or 9 makes it decimal.
            if text.allSatisfy({ $0 < "8" }) { return UInt64(text.dropFirst(), radix: 8).flatMap { exact($0) } }
            return Double(text)
        }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    private static func exact(_ n: UInt64) -> Double? {
        n <= 1 << 53 ? Double(n) : nil
    }

    /// The shortest JavaScript spelling of a non-negative finite value.
    static func shortest(_ value: Double) -> String? {
        guard value.isFinite, value >= 0, value.sign == .plus else { return nil }
        if value == 0 { return "0" }
        if value == value.rounded(), value < 1e21 {
            var digits = value < 9.2e18 ? String(Int64(value)) : String(format: "%.0f", value)
            var zeros = 0
            while digits.hasSuffix("0") {
                digits.removeLast()
                zeros += 1
            }
            let plain = digits + String(repeating: "0", count: zeros)
            let exponent = digits + "e" + String(zeros)
            return exponent.count < plain.count ? exponent : plain
        }
        // Swift prints the shortest round-tripping digits: "0.5", "1e-07", "1.5e+20".
        var description = "\(value)"
        var exponent = 0
        if let e = description.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(description[description.index(after: e)...].replacingOccurrences(of: "+", with: "")) ?? 0
            description = String(description[..<e])
        }
        // description is now "d.ddd" or "0.000ddd"; split into significant digits and a power of ten.
        let parts = description.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = String(parts.first ?? "")
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        while fraction.hasSuffix("0") { fraction.removeLast() }
        var digits = integerPart == "0" ? fraction : integerPart + fraction
        var power = exponent - fraction.count
        let leading = digits.prefix { $0 == "0" }.count
        digits.removeFirst(leading)
        while digits.hasSuffix("0") {
            digits.removeLast()
            power += 1
        }
        guard !digits.isEmpty else { return nil }
        // value == digits * 10^power
        var candidates: [String] = [digits + (power == 0 ? "" : "e" + String(power))]
        if power < 0 {
            let point = digits.count + power
            if point > 0 {
                let index = digits.index(digits.startIndex, offsetBy: point)
                candidates.append(String(digits[..<index]) + "." + String(digits[index...]))
            } else {
                candidates.append("." + String(repeating: "0", count: -point) + digits)
            }
        } else {
            candidates.append(digits + String(repeating: "0", count: power))
        }
        let best = candidates.min { $0.count < $1.count }
        // Never emit something that reads back as a different number.
        if let best, let check = Double(best.hasPrefix(".") ? "0" + best : best), check == value { return best }
        return nil
    }
}
