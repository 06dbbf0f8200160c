import Foundation

/// Decodes `Decodable` values straight from a `JSONValue`, without re-serialising to text.
///
/// In lenient mode (used for HTTP query strings, where every value arrives as text)
/// a string also decodes as a number or a boolean when the target type asks for one.
///
///     let n = try JSONValueDecoder().decode(Int.self, from: .number(3))
public struct JSONValueDecoder: Sendable {
    /// Whether strings may stand for numbers and booleans.
    public var lenient: Bool

    public init(lenient: Bool = false) {
        self.lenient = lenient
    }

    /// Decodes `type` from `value`.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        if T.self == JSONValue.self, let v = value as? T { return v }
        return try T(from: ValueDecoder(value: value, codingPath: [], lenient: lenient))
    }
}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

private struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let lenient: Bool
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw mismatch([String: JSONValue].self, value, codingPath)
        }
        return KeyedDecodingContainer(KeyedContainer<Key>(members: members, codingPath: codingPath, lenient: lenient))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch([JSONValue].self, value, codingPath) }
        return UnkeyedContainer(items: items, codingPath: codingPath, lenient: lenient)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleContainer(value: value, codingPath: codingPath, lenient: lenient)
    }
}

private func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
    let kind: String
    switch value {
    case .null: kind = "null"
    case .bool: kind = "a boolean"
    case .number: kind = "a number"
    case .string: kind = "a string"
    case .array: kind = "an array"
    case .object: kind = "an object"
    }
    return DecodingError.typeMismatch(
        type, .init(codingPath: path, debugDescription: "expected \(type), found \(kind)"))
}

private struct SingleContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let lenient: Bool

    func decodeNil() -> Bool { value == .null }

    func decode(_ type: Bool.Type) throws -> Bool {
        switch value {
        case .bool(let b): return b
        case .string("true") where lenient: return true
        case .string("false") where lenient: return false
        default: throw mismatch(type, value, codingPath)
        }
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let s) = value else { throw mismatch(type, value, codingPath) }
        return s
    }

    func number(_ type: Any.Type) throws -> Double {
        switch value {
        case .number(let d): return d
        case .string(let s) where lenient:
            if let d = Double(s.trimmingCharacters(in: .whitespaces)), d.isFinite { return d }
            throw mismatch(type, value, codingPath)
        default: throw mismatch(type, value, codingPath)
        }
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let d = try number(type)
        guard d == d.rounded(), let exact = T(exactly: d) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath, debugDescription: "\(d) is not a valid \(type)"))
        }
        return exact
    }

    func decode(_ type: Double.Type) throws -> Double { try number(type) }
    func decode(_ type: Float.Type) throws -> Float { Float(try number(type)) }
    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == JSONValue.self, let v = value as? T { return v }
        return try T(from: ValueDecoder(value: value, codingPath: codingPath, lenient: lenient))
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONValue]
    let codingPath: [any CodingKey]
    let lenient: Bool

    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    func child(_ key: Key) throws -> ValueDecoder {
        guard let v = members[key.stringValue] else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "missing key '\(key.stringValue)'"))
        }
        return ValueDecoder(value: v, codingPath: codingPath + [key], lenient: lenient)
    }

    func decodeNil(forKey key: Key) throws -> Bool { (members[key.stringValue] ?? .null) == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try child(key).singleContainer().decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: members["super"] ?? .null, codingPath: codingPath, lenient: lenient)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [any CodingKey]
    let lenient: Bool
    var currentIndex = 0

    init(items: [JSONValue], codingPath: [any CodingKey], lenient: Bool) {
        self.items = items
        self.codingPath = codingPath
        self.lenient = lenient
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    mutating func next() throws -> ValueDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                JSONValue.self, .init(codingPath: codingPath, debugDescription: "array has too few elements"))
        }
        defer { currentIndex += 1 }
        return ValueDecoder(
            value: items[currentIndex], codingPath: codingPath + [AnyKey(intValue: currentIndex)], lenient: lenient)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next().singleContainer().decode(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try next() }
}

extension ValueDecoder {
    func singleContainer() -> SingleContainer {
        SingleContainer(value: value, codingPath: codingPath, lenient: lenient)
    }
}
