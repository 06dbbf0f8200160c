/// Numeric literal values and their shortest spellings.
enum JSNumbers {
    /// The value of a numeric literal's source text, or nil when not a plain number.
    static func value(of raw: String) -> Double? {
        // Standard library only: Foundation's `replacingOccurrences` bridges through NSString.
        let text = raw.utf8.contains(UInt8(ascii: "_")) ? String(raw.filter { $0 != "_" }) : raw
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

    /// What `shortest(value(of: raw))` gives for the common plain literals, found from the
    /// digits alone (no `Double` round trip, no string building).
    enum PlainShortest: Equatable {
        /// Already the shortest: `7`, `255`, `12.5`.
        case asWritten
        /// `0.25` -> `.25`.
        case withoutLeadingZero
        /// Anything else: ask `shortest`.
        case unknown
    }

    /// Decides `PlainShortest` for literals of at most 15 significant digits, where the
    /// shortest round-tripping digits are the written ones: an integer without a leading zero
    /// and with fewer than three trailing zeros (`1000` is longer than `1e3`), or a decimal
    /// with a nonzero last digit and either a nonzero first digit or a lone `0` before the
    /// point and a nonzero digit after it.
    static func plainShortest(_ raw: String) -> PlainShortest {
        raw.utf8.withContiguousStorageIfAvailable { bytes -> PlainShortest in
            let count = bytes.count
            guard count > 0, count <= 16 else { return .unknown }
            var point = -1
            for index in 0..<count {
                let b = bytes[index]
                if b == UInt8(ascii: ".") {
                    guard point < 0 else { return .unknown }
                    point = index
                } else if !jsIsDigit(b) {
                    return .unknown
                }
            }
            if point < 0 {
                if count == 1 { return .asWritten }
                guard bytes[0] != UInt8(ascii: "0"), count <= 15 else { return .unknown }
                var zeros = 0
                while zeros < count, bytes[count - 1 - zeros] == UInt8(ascii: "0") { zeros += 1 }
                return zeros < 3 ? .asWritten : .unknown
            }
            guard point > 0, point < count - 1, bytes[count - 1] != UInt8(ascii: "0") else { return .unknown }
            if bytes[0] != UInt8(ascii: "0") { return .asWritten }
            return point == 1 && bytes[2] != UInt8(ascii: "0") ? .withoutLeadingZero : .unknown
        } ?? .unknown
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
            exponent = Int(String(description[description.index(after: e)...].filter { $0 != "+" })) ?? 0
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
