import SSCompilers

/// Object members. Asking for a key (decode, decodeNil, nested) marks it as known.
struct ConfigKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: ConfigNodeDecoder
    let members: [String: ConfigNode]

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { members.keys.sorted().compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func childDecoder(_ key: Key) throws -> ConfigNodeDecoder {
        decoder.owner.markVisited(decoder.path + [key.stringValue])
        guard let node = members[key.stringValue] else {
            let name = ConfigNode.describe(decoder.path + [key.stringValue])
            throw ConfigDecodingFailure(
                diagnostic: decoder.node.origin.diagnostic(.configMissingKey, "missing key '\(name)'"))
        }
        return decoder.child(node, key.stringValue)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        decoder.owner.markVisited(decoder.path + [key.stringValue])
        guard let node = members[key.stringValue] else { return true }
        return ConfigSingleValueContainer(decoder: decoder.child(node, key.stringValue)).decodeNil()
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try T(from: childDecoder(key)) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try Bool(from: childDecoder(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try String(from: childDecoder(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try Double(from: childDecoder(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try Float(from: childDecoder(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try Int(from: childDecoder(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try Int8(from: childDecoder(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try Int16(from: childDecoder(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try Int32(from: childDecoder(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try Int64(from: childDecoder(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try UInt(from: childDecoder(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try UInt8(from: childDecoder(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try UInt16(from: childDecoder(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try UInt32(from: childDecoder(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try UInt64(from: childDecoder(key)) }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try childDecoder(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try childDecoder(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { try childDecoder(key) }
}

/// Array items.
struct ConfigUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: ConfigNodeDecoder
    let items: [ConfigNode]
    var currentIndex = 0

    init(decoder: ConfigNodeDecoder, items: [ConfigNode]) {
        self.decoder = decoder
        self.items = items
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> ConfigNodeDecoder {
        guard currentIndex < items.count else {
            throw ConfigDecodingFailure(
                diagnostic: decoder.node.origin.diagnostic(
                    .configMissingKey, "'\(ConfigNode.describe(decoder.path))' has too few items"))
        }
        defer { currentIndex += 1 }
        return decoder.child(items[currentIndex], String(currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard currentIndex < items.count, case .null = items[currentIndex].value else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: next()) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { try next() }
}

/// Scalars, with the conversions config needs: integral doubles to integers, and
/// untyped environment text to whatever type is asked for.
struct ConfigSingleValueContainer: SingleValueDecodingContainer {
    let decoder: ConfigNodeDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool {
        switch decoder.node.value {
        case .null: return true
        case .untyped(let text): return text == "null"
        default: return false
        }
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        switch decoder.node.value {
        case .bool(let value): return value
        case .untyped(let text):
            switch text.lowercased() {
            case "true", "1": return true
            case "false", "0": return false
            default: break
            }
        default: break
        }
        throw decoder.mismatch("a boolean")
    }

    func decode(_ type: String.Type) throws -> String {
        switch decoder.node.value {
        case .string(let text), .untyped(let text): return text
        default: throw decoder.mismatch("a string")
        }
    }

    func decode(_ type: Double.Type) throws -> Double {
        switch decoder.node.value {
        case .double(let value): return value
        case .integer(let value): return Double(value)
        case .untyped(let text): if let value = Double(text), value.isFinite { return value }
        default: break
        }
        throw decoder.mismatch("a number")
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    private func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        switch decoder.node.value {
        case .integer(let value): if let exact = T(exactly: value) { return exact }
        case .double(let value): if let exact = T(exactly: value) { return exact }
        case .untyped(let text): if let value = T(text) { return value }
        default: break
        }
        throw decoder.mismatch("an integer")
    }

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

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: decoder) }
}
