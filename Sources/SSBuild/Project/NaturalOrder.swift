/// Orders library files by the number their name starts with (`2.x` before `10.x`),
/// files without a number after numbered ones, then by name in byte order.
///
/// ```swift
/// ["10.c.js", "2.b.js", "a.js", "1.a.js"].sorted(by: NaturalOrder.precedes)
/// // ["1.a.js", "2.b.js", "10.c.js", "a.js"]
/// ```
public enum NaturalOrder {
    /// The leading decimal number of a name, if it has one.
    public static func numericPrefix(_ name: String) -> Int? {
        let digits = name.utf8.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    public static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        switch (numericPrefix(lhs), numericPrefix(rhs)) {
        case let (l?, r?) where l != r: return l < r
        case (.some, nil): return true
        case (nil, .some): return false
        default: return ByteOrder.precedes(lhs, rhs)
        }
    }
}

/// Byte-wise (UTF-8) string order, the same on every platform and locale.
public enum ByteOrder {
    public static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
