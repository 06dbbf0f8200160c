import SSCompilers

/// Decodes a merged `ConfigNode` tree into `Decodable` config structs, turning every
/// problem into a `Diagnostic` that points at the file (or variable) the value came from.
///
/// It also records which keys the structs asked for, so keys nobody asked for can be
/// reported as unknown afterwards (`unknownKeys`). That keeps the schema in one place:
/// the Swift types.
///
/// ```swift
/// let decoder = ConfigDecoder(root: merged)
/// let config = try decoder.decode(AppConfig.self)   // throws ConfigDecodingFailure
/// decoder.unknownKeys()                             // [Diagnostic] for 'api.prefx' ...
/// ```
final class ConfigDecoder {
    let root: ConfigNode
    /// Paths of object members some `Decodable` asked for.
    private(set) var visited: Set<[String]> = []

    init(root: ConfigNode) {
        self.root = root
    }

    func decode<T: Decodable>(_ type: T.Type) throws(ConfigDecodingFailure) -> T {
        do {
            return try T(from: ConfigNodeDecoder(node: root, path: [], owner: self))
        } catch let failure as ConfigDecodingFailure {
            throw failure
        } catch let error as DecodingError {
            throw ConfigDecodingFailure(diagnostic: diagnostic(for: error))
        } catch {
            throw ConfigDecodingFailure(
                diagnostic: root.origin.diagnostic(.configInvalidValue, "invalid configuration: \(error)"))
        }
    }

    func markVisited(_ path: [String]) { visited.insert(path) }

    /// One diagnostic per object member that no struct asked for (not descending into it),
    /// with a "did you mean" note when a known sibling is close.
    func unknownKeys() -> [Diagnostic] {
        var found: [Diagnostic] = []
        collectUnknown(root, path: [], into: &found)
        return found
    }

    private func collectUnknown(_ node: ConfigNode, path: [String], into found: inout [Diagnostic]) {
        switch node.value {
        case .object(let members):
            for key in members.keys.sorted() {
                let child = members[key]!
                let childPath = path + [key]
                if visited.contains(childPath) {
                    collectUnknown(child, path: childPath, into: &found)
                    continue
                }
                let known = members.keys.filter { visited.contains(path + [$0]) }
                let suggestion = ConfigSuggestion.closest(to: key, among: known)
                let notes = suggestion.map { ["did you mean '\(ConfigNode.describe(path + [$0]))'?"] } ?? []
                let origin = child.keyOrigin ?? child.origin
                found.append(
                    origin.diagnostic(
                        .configUnknownKey, "unknown key '\(ConfigNode.describe(childPath))'", notes: notes))
            }
        case .array(let items):
            for (index, item) in items.enumerated() { collectUnknown(item, path: path + [String(index)], into: &found) }
        default:
            break
        }
    }

    /// Maps a `DecodingError` thrown by synthesized code (such as an enum's raw value
    /// check) onto the node it concerns.
    private func diagnostic(for error: DecodingError) -> Diagnostic {
        let (codingPath, detail): ([any CodingKey], String) = {
            switch error {
            case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
                return (context.codingPath, context.debugDescription)
            case .keyNotFound(let key, let context):
                return (context.codingPath + [key], "missing")
            @unknown default:
                return ([], "\(error)")
            }
        }()
        let path = codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
        var origin = root.origin
        var prefix = path
        while !prefix.isEmpty {
            if let node = root.node(at: prefix) {
                origin = node.origin
                break
            }
            prefix.removeLast()
        }
        return origin.diagnostic(.configInvalidValue, "invalid value for '\(ConfigNode.describe(path))': \(detail)")
    }
}

/// A config decoding problem, already a diagnostic.
struct ConfigDecodingFailure: Error {
    var diagnostic: Diagnostic
}

/// A coding key made from a path segment.
struct ConfigCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// The `Decoder` for one node of the tree.
struct ConfigNodeDecoder: Decoder {
    let node: ConfigNode
    let path: [String]
    let owner: ConfigDecoder

    var codingPath: [any CodingKey] { path.map { ConfigCodingKey(stringValue: $0) } }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func child(_ node: ConfigNode, _ key: String) -> ConfigNodeDecoder {
        ConfigNodeDecoder(node: node, path: path + [key], owner: owner)
    }

    /// "'port' must be an integer, not a string ("abc")".
    func mismatch(_ expected: String) -> ConfigDecodingFailure {
        let name = path.isEmpty ? "the configuration" : "'\(ConfigNode.describe(path))'"
        var found = node.typeDescription
        switch node.value {
        case .string(let text), .untyped(let text): found += " (\"\(text)\")"
        case .integer(let value): found += " (\(value))"
        case .double(let value): found += " (\(value))"
        case .bool(let value): found += " (\(value))"
        default: break
        }
        var notes: [String] = []
        if case .file(let file) = node.origin.source, file.path.hasSuffix(".yml") || file.path.hasSuffix(".yaml"),
            expected == "a string"
        {
            notes.append("YAML reads plain yes/no/true/1.5 as non-strings; quote the value")
        }
        return ConfigDecodingFailure(
            diagnostic: node.origin.diagnostic(
                .configWrongType, "\(name) must be \(expected), not \(found)", notes: notes))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = node.value else { throw mismatch("an object") }
        return KeyedDecodingContainer(ConfigKeyedContainer<Key>(decoder: self, members: members))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = node.value else { throw mismatch("an array") }
        return ConfigUnkeyedContainer(decoder: self, items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        ConfigSingleValueContainer(decoder: self)
    }
}
