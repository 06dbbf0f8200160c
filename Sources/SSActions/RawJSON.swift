import Foundation

/// Already-encoded JSON text. Results and payloads are encoded once and then spliced into
/// wire frames, so a broadcast to many connections serialises its payload one time.
///
///     let raw = try RawJSON(encoding: ["text": "hi"])
///     raw.text   // {"text":"hi"}
public struct RawJSON: Sendable, Hashable, CustomStringConvertible {
    /// The JSON text (one complete value).
    public let text: String

    /// Wraps text the caller guarantees is one valid JSON value.
    public init(unchecked text: String) {
        self.text = text
    }

    /// `null`.
    public static let null = RawJSON(unchecked: "null")

    /// Encodes a value. Common scalars and `JSONValue` skip `JSONEncoder`.
    public init<T: Encodable>(encoding value: T) throws {
        switch value {
        case let v as RawJSON: self = v
        case let v as JSONValue: self.text = v.jsonText
        case let v as String:
            var out = ""
            JSONValue.write(string: v, into: &out)
            self.text = out
        case let v as Int: self.text = String(v)
        case let v as Double: self.text = JSONValue.format(number: v)
        case let v as Bool: self.text = v ? "true" : "false"
        default:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(value)
            self.text = String(decoding: data, as: UTF8.self)
        }
    }

    /// Parses the text back into a value.
    public func value() throws -> JSONValue {
        try JSONValue(parsing: text)
    }

    public var description: String { text }
}

extension RawJSON: Codable {
    public init(from decoder: any Decoder) throws {
        self.text = try JSONValue(from: decoder).jsonText
    }

    public func encode(to encoder: any Encoder) throws {
        try value().encode(to: encoder)
    }
}
