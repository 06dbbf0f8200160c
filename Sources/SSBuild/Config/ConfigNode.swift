import SSCompilers

/// Where a configuration value came from, so an error can point at it.
///
/// ```swift
/// ConfigOrigin(source: .file(file), location: file.location(line: 3, column: 12))
/// ConfigOrigin(source: .environmentVariable("SS_PORT"))
/// ```
public struct ConfigOrigin: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// A config file (path relative to the project root, with its text for code frames).
        case file(SourceFile)
        /// An environment variable such as `SS_PORT`.
        case environmentVariable(String)
        /// A command-line flag such as `--env`.
        case flag(String)
        /// A built-in preset.
        case preset(String)
    }

    public var source: Source
    public var location: SourceLocation?

    public init(source: Source, location: SourceLocation? = nil) {
        self.source = source
        self.location = location
    }

    /// A diagnostic pointing at this origin.
    public func diagnostic(_ id: DiagnosticID, _ message: String, notes: [String] = []) -> Diagnostic {
        switch source {
        case .file(let file):
            return Diagnostic(
                .error, id: id, message: message, file: file, range: location.map(SourceRange.init(at:)),
                notes: notes)
        case .environmentVariable(let name):
            return Diagnostic(.error, id: id, message: message, path: "environment variable \(name)", notes: notes)
        case .flag(let name):
            return Diagnostic(.error, id: id, message: message, path: "option \(name)", notes: notes)
        case .preset(let name):
            return Diagnostic(.error, id: id, message: message, path: "built-in preset '\(name)'", notes: notes)
        }
    }
}

/// A parsed configuration value with the origin of the value and of its key: the common
/// form of JSON files, YAML files, presets and environment variables before merging.
public struct ConfigNode: Sendable, Hashable {
    public indirect enum Value: Sendable, Hashable {
        case null
        case bool(Bool)
        case integer(Int)
        case double(Double)
        case string(String)
        /// Text without a type yet (from an environment variable); the decoder converts it to
        /// whatever the key needs: `SS_CONFIG_PORT=4000` is a number, `SS_HOST=::1` a string.
        case untyped(String)
        case array([ConfigNode])
        case object([String: ConfigNode])
    }

    public var value: Value
    /// Where the value starts.
    public var origin: ConfigOrigin
    /// Where the key naming this value starts, when it is an object member.
    public var keyOrigin: ConfigOrigin?

    public init(_ value: Value, origin: ConfigOrigin, keyOrigin: ConfigOrigin? = nil) {
        self.value = value
        self.origin = origin
        self.keyOrigin = keyOrigin
    }

    /// The members, when this is an object.
    public var object: [String: ConfigNode]? {
        if case .object(let members) = value { return members }
        return nil
    }

    /// A short description of the value's type for messages ("a string", "an object").
    public var typeDescription: String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer: return "an integer"
        case .double: return "a number"
        case .string, .untyped: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The node at a key path, or nil.
    public func node(at path: [String]) -> ConfigNode? {
        var current = self
        for key in path {
            switch current.value {
            case .object(let members):
                guard let next = members[key] else { return nil }
                current = next
            case .array(let items):
                guard let index = Int(key), items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Deep merge: objects merge member by member; anything else (a scalar, an array,
    /// null) replaces what was there. 0.0.55 let a `null` default swallow overrides and
    /// merged arrays index by index; both surprised users, so neither is kept.
    public func merged(with override: ConfigNode) -> ConfigNode {
        guard case .object(var members) = value, case .object(let incoming) = override.value else {
            var replaced = override
            replaced.keyOrigin = override.keyOrigin ?? keyOrigin
            return replaced
        }
        for (key, node) in incoming {
            members[key] = members[key].map { $0.merged(with: node) } ?? node
        }
        return ConfigNode(.object(members), origin: override.origin, keyOrigin: override.keyOrigin ?? keyOrigin)
    }

    /// Renders a key path for messages: `assets.keepReleases`, `views.locals.items[2]`.
    public static func describe(_ path: [String]) -> String {
        var out = ""
        for key in path {
            if let index = Int(key), !key.isEmpty, key.allSatisfy(\.isNumber) {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key : "." + key
            }
        }
        return out
    }
}
