import SSCompilers
import Yams

/// Reads a YAML config file (through Yams/libyaml) into a `ConfigNode` with positions.
///
/// ```swift
/// let file = SourceFile(path: "config/app.yml", text: "port: 4000\napi:\n  prefix: /rpc\n")
/// let node = try ConfigYAMLReader.read(file)   // node.object?["port"]?.value == .integer(4000)
/// ```
///
/// Plain scalars are typed by YAML's core rules (`4000` is an integer, `true` a boolean,
/// `~` null); quoted scalars are always strings. Aliases are expanded, with a cap on the
/// total number of nodes so that an alias bomb is an error rather than an out-of-memory.
public enum ConfigYAMLReader {
    /// The most nodes one file may expand to.
    public static let maxNodes = 100_000
    public static let maxDepth = 128

    /// The largest config file accepted (libyaml's composer recurses, so size bounds depth).
    public static let maxBytes = 1 << 20

    public static func read(_ file: SourceFile) throws(Diagnostic) -> ConfigNode {
        guard file.text.utf8.count <= maxBytes else {
            throw Diagnostic.error(.configSyntax, "invalid YAML: file larger than 1 MiB", in: file, at: .start)
        }
        if let offset = flowNestingOverflow(file.text) {
            throw Diagnostic.error(
                .configSyntax, "invalid YAML: nested deeper than \(maxDepth) levels", in: file,
                at: file.location(ofOffset: offset))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: file.text)
        } catch let error as YamlError {
            throw diagnostic(for: error, in: file)
        } catch {
            throw Diagnostic.error(.configSyntax, "invalid YAML: \(error)", in: file, at: .start)
        }
        guard let root else {
            // An empty file (or only comments) is an empty configuration.
            return ConfigNode(.object([:]), origin: ConfigOrigin(source: .file(file), location: .start))
        }
        var budget = maxNodes
        return try convert(root, file: file, depth: 0, budget: &budget)
    }

    /// The offset where `[`/`{` nesting first exceeds `maxDepth`, skipping quoted text and
    /// comments; checked before Yams sees the text, since its composer recurses per level.
    static func flowNestingOverflow(_ text: String) -> Int? {
        var depth = 0
        var quote: UInt8?
        var comment = false
        var previous: UInt8 = 0x0a
        for (offset, byte) in text.utf8.enumerated() {
            defer { previous = byte }
            if comment {
                if byte == 0x0a { comment = false }
                continue
            }
            if let open = quote {
                if byte == open && !(open == UInt8(ascii: "\"") && previous == UInt8(ascii: "\\")) { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
            case UInt8(ascii: "#") where previous == 0x20 || previous == 0x0a || previous == 0x09: comment = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maxDepth { return offset }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    private static func origin(_ mark: Mark?, _ file: SourceFile) -> ConfigOrigin {
        ConfigOrigin(source: .file(file), location: mark.map { file.location(line: $0.line, column: $0.column) })
    }

    private static func convert(
        _ node: Node, file: SourceFile, depth: Int, budget: inout Int
    ) throws(Diagnostic) -> ConfigNode {
        let here = origin(node.mark, file)
        budget -= 1
        guard budget >= 0 else {
            throw here.diagnostic(.configSyntax, "invalid YAML: more than \(maxNodes) values (alias expansion?)")
        }
        guard depth < maxDepth else { throw here.diagnostic(.configSyntax, "invalid YAML: nested too deeply") }
        switch node {
        case .scalar(let scalar):
            return ConfigNode(scalarValue(scalar, tag: node.tag), origin: here)
        case .sequence(let sequence):
            var items: [ConfigNode] = []
            for item in sequence { items.append(try convert(item, file: file, depth: depth + 1, budget: &budget)) }
            return ConfigNode(.array(items), origin: here)
        case .mapping(let mapping):
            var members: [String: ConfigNode] = [:]
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw origin(key.mark, file).diagnostic(.configSyntax, "invalid YAML: keys must be plain strings")
                }
                var converted = try convert(value, file: file, depth: depth + 1, budget: &budget)
                converted.keyOrigin = origin(key.mark, file)
                members[keyScalar.string] = converted
            }
            return ConfigNode(.object(members), origin: here)
        case .alias:
            // Yams' composer resolves aliases to their anchored node; this is not reached.
            throw here.diagnostic(.configSyntax, "invalid YAML: unresolved alias")
        }
    }

    private static func scalarValue(_ scalar: Node.Scalar, tag: Tag) -> ConfigNode.Value {
        if scalar.style == .singleQuoted || scalar.style == .doubleQuoted || scalar.style == .literal
            || scalar.style == .folded
        {
            return .string(scalar.string)
        }
        // `Node.tag` resolves implicit tags (the scalar's own `tag` stays implicit).
        switch tag.rawValue {
        case Tag.Name.null.rawValue:
            return .null
        case Tag.Name.bool.rawValue:
            return Bool.construct(from: scalar).map(ConfigNode.Value.bool) ?? .string(scalar.string)
        case Tag.Name.int.rawValue:
            return Int.construct(from: scalar).map(ConfigNode.Value.integer) ?? .string(scalar.string)
        case Tag.Name.float.rawValue:
            guard let value = Double.construct(from: scalar), value.isFinite else { return .string(scalar.string) }
            return .double(value)
        default:
            return .string(scalar.string)
        }
    }

    private static func diagnostic(for error: YamlError, in file: SourceFile) -> Diagnostic {
        func at(_ mark: Mark, _ problem: String) -> Diagnostic {
            Diagnostic.error(
                .configSyntax, "invalid YAML: \(problem)", in: file,
                at: file.location(line: mark.line, column: mark.column))
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text), " } ?? ""
            return at(mark, detail + problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return at(context.mark, "duplicate key " + duplicates.sorted().map { "'\($0)'" }.joined(separator: ", "))
        case .reader(let problem, let offset, _, _):
            return Diagnostic.error(
                .configSyntax, "invalid YAML: \(problem)", in: file, at: file.location(ofOffset: offset ?? 0))
        default:
            return Diagnostic.error(.configSyntax, "invalid YAML: \(error)", in: file, at: .start)
        }
    }
}
