import Foundation

/// A minimal JSON reader that keeps object keys in document order (JSON files
/// become Stylus hashes, whose key order shows in the output).
indirect enum StyJSON {
    case object([(String, StyJSON)])
    case array([StyJSON])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    static func parse(_ text: String) -> StyJSON? {
        var p = Reader(bytes: Array(text.utf8))
        guard let v = p.value(depth: 0) else { return nil }
        p.ws()
        return p.i == p.bytes.count ? v : nil
    }

    private struct Reader {
        let bytes: [UInt8]
        var i = 0

        mutating func ws() {
            while i < bytes.count, [32, 9, 10, 13].contains(bytes[i]) { i += 1 }
        }

        mutating func value(depth: Int) -> StyJSON? {
            if depth > 200 { return nil }
            ws()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case 123:
                i += 1
                var out: [(String, StyJSON)] = []
                ws()
                if i < bytes.count, bytes[i] == 125 {
                    i += 1
                    return .object(out)
                }
                while true {
                    ws()
                    guard case .string(let k)? = string() else { return nil }
                    ws()
                    guard i < bytes.count, bytes[i] == 58 else { return nil }
                    i += 1
                    guard let v = value(depth: depth + 1) else { return nil }
                    out.removeAll { $0.0 == k }
                    out.append((k, v))
                    ws()
                    guard i < bytes.count else { return nil }
                    if bytes[i] == 44 {
                        i += 1
                        continue
                    }
                    if bytes[i] == 125 {
                        i += 1
                        return .object(out)
                    }
                    return nil
                }
            case 91:
                i += 1
                var out: [StyJSON] = []
                ws()
                if i < bytes.count, bytes[i] == 93 {
                    i += 1
                    return .array(out)
                }
                while true {
                    guard let v = value(depth: depth + 1) else { return nil }
                    out.append(v)
                    ws()
                    guard i < bytes.count else { return nil }
                    if bytes[i] == 44 {
                        i += 1
                        continue
                    }
                    if bytes[i] == 93 {
                        i += 1
                        return .array(out)
                    }
                    return nil
                }
            case 34: return string()
            default:
                if match("true") { return .bool(true) }
                if match("false") { return .bool(false) }
                if match("null") { return .null }
                let start = i
                while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
                guard i > start, let d = Double(String(decoding: bytes[start..<i], as: UTF8.self)) else { return nil }
                return .number(d)
            }
        }

        mutating func match(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { return false }
            i += w.count
            return true
        }

        mutating func string() -> StyJSON? {
            guard i < bytes.count, bytes[i] == 34 else { return nil }
            i += 1
            var out: [UInt8] = []
            while i < bytes.count {
                let c = bytes[i]
                i += 1
                if c == 34 { return .string(String(decoding: out, as: UTF8.self)) }
                if c == 92, i < bytes.count {
                    let e = bytes[i]
                    i += 1
                    switch e {
                    case 110: out.append(10)
                    case 116: out.append(9)
                    case 114: out.append(13)
                    case 98: out.append(8)
                    case 102: out.append(12)
                    case 117:
                        guard i + 4 <= bytes.count,
                            let code = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16)
                        else { return nil }
                        i += 4
                        out.append(contentsOf: Array(String(UnicodeScalar(code).map { Character($0) } ?? "?").utf8))
                    default: out.append(e)
                    }
                    continue
                }
                out.append(c)
            }
            return nil
        }
    }
}
