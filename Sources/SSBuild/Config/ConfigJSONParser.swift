import Foundation
import SSCompilers

/// A strict JSON (RFC 8259) parser that keeps the line and column of every key and value,
/// so config errors can point into the file. Foundation's parser gives no positions.
///
/// ```swift
/// let file = SourceFile(path: "config/app.json", text: #"{"port": 4000}"#)
/// let node = try ConfigJSONParser.parse(file)   // node.object?["port"]?.origin.location == 1:10
/// ```
///
/// Rejects duplicate keys (a silent "last one wins" hides mistakes), nesting deeper than
/// `maxDepth`, and trailing content. Never crashes or loops on any input: every loop
/// consumes at least one byte or exits.
public struct ConfigJSONParser {
    public static let maxDepth = 128

    private let file: SourceFile
    private let bytes: [UInt8]
    private var index = 0

    private init(_ file: SourceFile) {
        self.file = file
        self.bytes = Array(file.text.utf8)
    }

    /// Parses the whole file as one JSON value.
    public static func parse(_ file: SourceFile) throws(Diagnostic) -> ConfigNode {
        var parser = ConfigJSONParser(file)
        parser.skipWhitespace()
        let node = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.error("unexpected content after the JSON value") }
        return node
    }

    private var origin: ConfigOrigin {
        ConfigOrigin(source: .file(file), location: file.location(ofOffset: index))
    }

    private func error(_ message: String, at offset: Int? = nil) -> Diagnostic {
        let location = file.location(ofOffset: offset ?? index)
        return Diagnostic.error(.configSyntax, "invalid JSON: " + message, in: file, at: location)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09 { index += 1 }
    }

    private mutating func parseValue(depth: Int) throws(Diagnostic) -> ConfigNode {
        guard depth < Self.maxDepth else { throw error("nested deeper than \(Self.maxDepth) levels") }
        let start = origin
        guard let byte = current else { throw error("unexpected end of file, expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return ConfigNode(.string(try parseString()), origin: start)
        case UInt8(ascii: "t"):
            try expectWord("true")
            return ConfigNode(.bool(true), origin: start)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return ConfigNode(.bool(false), origin: start)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return ConfigNode(.null, origin: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return ConfigNode(try parseNumber(), origin: start)
        default:
            let hint = byte == UInt8(ascii: "'") ? " (JSON strings use double quotes)" : ""
            throw error("unexpected character '\(Self.show(byte))', expected a value\(hint)")
        }
    }

    private mutating func parseObject(depth: Int) throws(Diagnostic) -> ConfigNode {
        let start = origin
        index += 1
        var members: [String: ConfigNode] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return ConfigNode(.object(members), origin: start)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else {
                let hint = current == UInt8(ascii: "}") ? " (no trailing commas in JSON)" : ""
                throw error("expected a key in double quotes\(hint)")
            }
            let keyOrigin = origin
            let keyOffset = index
            let key = try parseString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after the key \"\(key)\"") }
            index += 1
            skipWhitespace()
            var value = try parseValue(depth: depth + 1)
            value.keyOrigin = keyOrigin
            guard members[key] == nil else { throw error("duplicate key \"\(key)\"", at: keyOffset) }
            members[key] = value
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard current == UInt8(ascii: "}") else { throw error("expected ',' or '}' in the object") }
            index += 1
            return ConfigNode(.object(members), origin: start)
        }
    }

    private mutating func parseArray(depth: Int) throws(Diagnostic) -> ConfigNode {
        let start = origin
        index += 1
        var items: [ConfigNode] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return ConfigNode(.array(items), origin: start)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard current == UInt8(ascii: "]") else { throw error("expected ',' or ']' in the array") }
            index += 1
            return ConfigNode(.array(items), origin: start)
        }
    }

    private mutating func parseString() throws(Diagnostic) -> String {
        let openOffset = index
        index += 1
        var scalars = String.UnicodeScalarView()
        var runStart = index
        func flushRun(_ end: Int) {
            scalars.append(contentsOf: String(decoding: bytes[runStart..<end], as: UTF8.self).unicodeScalars)
        }
        while true {
            guard let byte = current else { throw error("unterminated string", at: openOffset) }
            if byte == UInt8(ascii: "\"") {
                flushRun(index)
                index += 1
                return String(scalars)
            }
            if byte < 0x20 { throw error("control character in a string (escape it)") }
            if byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            flushRun(index)
            index += 1
            guard let escape = current else { throw error("unterminated string", at: openOffset) }
            index += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"): scalars.append(try parseUnicodeEscape())
            default: throw error("invalid escape '\\\(Self.show(escape))'", at: index - 2)
            }
            runStart = index
        }
    }

    /// Reads the four hex digits after `\u`, combining a surrogate pair; a lone surrogate becomes U+FFFD.
    private mutating func parseUnicodeEscape() throws(Diagnostic) -> Unicode.Scalar {
        let high = try parseHex4()
        if (0xD800...0xDBFF).contains(high), index + 1 < bytes.count,
            bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
        {
            index += 2
            let low = try parseHex4()
            if (0xDC00...0xDFFF).contains(low) {
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
            }
            return "\u{FFFD}"
        }
        return Unicode.Scalar(high) ?? "\u{FFFD}"
    }

    private mutating func parseHex4() throws(Diagnostic) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Self.hexValue(bytes[index]) else { throw error("invalid hex digit in \\u escape") }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private mutating func parseNumber() throws(Diagnostic) -> ConfigNode.Value {
        let start = index
        var isInteger = true
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, Self.isDigit(first) else { throw error("invalid number") }
        if first == UInt8(ascii: "0"), index + 1 < bytes.count, Self.isDigit(bytes[index + 1]) {
            throw error("numbers cannot have leading zeros")
        }
        while let byte = current, Self.isDigit(byte) { index += 1 }
        if current == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard let byte = current, Self.isDigit(byte) else { throw error("expected digits after '.'") }
            while let byte = current, Self.isDigit(byte) { index += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let byte = current, Self.isDigit(byte) else { throw error("expected digits in the exponent") }
            while let byte = current, Self.isDigit(byte) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let value = Int(text) { return .integer(value) }
        guard let value = Double(text), value.isFinite else { throw error("number out of range", at: start) }
        return .double(value)
    }

    private mutating func expectWord(_ word: String) throws(Diagnostic) {
        let start = index
        for expected in word.utf8 {
            guard current == expected else { throw error("invalid literal, expected '\(word)'", at: start) }
            index += 1
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: return UInt32(byte - 0x30)
        case 0x41...0x46: return UInt32(byte - 0x41 + 10)
        case 0x61...0x66: return UInt32(byte - 0x61 + 10)
        default: return nil
        }
    }

    private static func show(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7f ? String(UnicodeScalar(byte)) : String(format: "\\x%02x", byte)
    }
}
