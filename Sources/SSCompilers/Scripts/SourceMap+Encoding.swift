import Foundation

/// Base64 variable-length quantities, the number encoding of the `mappings` string: five
/// bits per digit, low bits first, a continuation bit (32), and the sign in the lowest bit
/// of the first digit.
///
/// ```swift
/// var out: [UInt8] = []
/// SourceMapVLQ.encode(-17, into: &out)   // "jB"
/// ```
public enum SourceMapVLQ {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (index, b) in alphabet.enumerated() { table[Int(b)] = Int8(index) }
        return table
    }()

    public static func encode(_ value: Int, into out: inout [UInt8]) {
        var v = value < 0 ? ((-value) << 1) | 1 : value << 1
        repeat {
            var digit = v & 31
            v >>= 5
            if v > 0 { digit |= 32 }
            out.append(alphabet[digit])
        } while v > 0
    }

    public static func encode(_ value: Int) -> String {
        var out: [UInt8] = []
        encode(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes one value starting at `index` and moves `index` past it; nil on malformed input.
    public static func decode(_ bytes: [UInt8], _ index: inout Int) -> Int? {
        var result = 0
        var shift = 0
        while index < bytes.count, shift < 60 {
            let b = bytes[index]
            guard b < 128, case let digit = Int(values[Int(b)]), digit >= 0 else { return nil }
            index += 1
            result |= (digit & 31) << shift
            shift += 5
            if digit & 32 == 0 {
                return result & 1 == 1 ? -(result >> 1) : result >> 1
            }
        }
        return nil
    }
}

extension SourceMap {
    /// The `mappings` string.
    public func encodedMappings() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(mappings.count * 6)
        var last = Mapping(generatedLine: 0, generatedColumn: 0, source: 0, name: 0)
        var first = true
        for m in mappings {
            if m.generatedLine > last.generatedLine {
                out.append(contentsOf: repeatElement(UInt8(ascii: ";"), count: m.generatedLine - last.generatedLine))
                last.generatedLine = m.generatedLine
                last.generatedColumn = 0
                first = true
            }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            SourceMapVLQ.encode(m.generatedColumn - last.generatedColumn, into: &out)
            last.generatedColumn = m.generatedColumn
            guard m.source >= 0 else { continue }
            SourceMapVLQ.encode(m.source - last.source, into: &out)
            SourceMapVLQ.encode(m.originalLine - last.originalLine, into: &out)
            SourceMapVLQ.encode(m.originalColumn - last.originalColumn, into: &out)
            last.source = m.source
            last.originalLine = m.originalLine
            last.originalColumn = m.originalColumn
            if m.name >= 0 {
                SourceMapVLQ.encode(m.name - last.name, into: &out)
                last.name = m.name
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The map as JSON text (deterministic: fixed key order, no whitespace).
    public func json() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(mappings.count * 6 + sourcesContent.reduce(0) { $0 + ($1?.utf8.count ?? 4) } + 256)
        func key(_ name: StaticString) {
            out.append(contentsOf: ",\"".utf8)
            name.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(contentsOf: "\":".utf8)
        }
        func list(_ items: [String?]) {
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                if let item { SourceMap.appendQuoted(item, to: &out) } else { out.append(contentsOf: "null".utf8) }
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: "{\"version\":3".utf8)
        if let file {
            key("file")
            SourceMap.appendQuoted(file, to: &out)
        }
        if let sourceRoot {
            key("sourceRoot")
            SourceMap.appendQuoted(sourceRoot, to: &out)
        }
        key("sources")
        list(sources)
        if !sourcesContent.isEmpty {
            key("sourcesContent")
            list(sourcesContent)
        }
        key("names")
        list(names)
        key("mappings")
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: encodedMappings().utf8)
        out.append(contentsOf: "\"}".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON string literal, escaped byte by byte (source texts are megabytes): quotes,
    /// backslashes, control characters and U+2028/U+2029.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var i = 0
            let count = bytes.count
            while i < count {
                let b = bytes[i]
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    out.append(UInt8(ascii: "\\"))
                    out.append(b)
                case 0x0A: out.append(contentsOf: "\\n".utf8)
                case 0x0D: out.append(contentsOf: "\\r".utf8)
                case 0x09: out.append(contentsOf: "\\t".utf8)
                case 0..<0x20:
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(hex[Int(b >> 4)])
                    out.append(hex[Int(b & 15)])
                case 0xE2 where i + 2 < count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    out.append(contentsOf: (bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    i += 2
                default:
                    out.append(b)
                }
                i += 1
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Decodes a `mappings` string; nil when it is malformed.
    public static func decodeMappings(_ text: String) -> [Mapping]? {
        let bytes = Array(text.utf8)
        var mappings: [Mapping] = []
        var index = 0
        // Running values: each field is a delta from its previous value.
        var state = Mapping(generatedLine: 0, generatedColumn: 0, source: 0, name: 0)
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: ";"):
                state.generatedLine += 1
                state.generatedColumn = 0
                index += 1
                continue
            case UInt8(ascii: ","):
                index += 1
                continue
            default:
                break
            }
            guard let dc = SourceMapVLQ.decode(bytes, &index) else { return nil }
            state.generatedColumn += dc
            var m = Mapping(generatedLine: state.generatedLine, generatedColumn: state.generatedColumn)
            if index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: ";") {
                guard let ds = SourceMapVLQ.decode(bytes, &index), let dl = SourceMapVLQ.decode(bytes, &index),
                    let dcol = SourceMapVLQ.decode(bytes, &index)
                else { return nil }
                state.source += ds
                state.originalLine += dl
                state.originalColumn += dcol
                m.source = state.source
                m.originalLine = state.originalLine
                m.originalColumn = state.originalColumn
                if index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: ";") {
                    guard let dn = SourceMapVLQ.decode(bytes, &index) else { return nil }
                    state.name += dn
                    m.name = state.name
                }
            }
            mappings.append(m)
        }
        return mappings
    }

    /// Parses a v3 map from JSON (index maps with `sections` are not supported); nil when invalid.
    public init?(json: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            object["version"] as? Int == 3, let mappingsText = object["mappings"] as? String,
            let mappings = SourceMap.decodeMappings(mappingsText)
        else { return nil }
        let sources = (object["sources"] as? [Any])?.map { $0 as? String ?? "" } ?? []
        let content = (object["sourcesContent"] as? [Any])?.map { $0 as? String } ?? []
        let names = (object["names"] as? [Any])?.map { $0 as? String ?? "" } ?? []
        self.init(file: object["file"] as? String, sources: sources, sourcesContent: content, names: names,
                  mappings: mappings)
        sourceRoot = object["sourceRoot"] as? String
    }
}
