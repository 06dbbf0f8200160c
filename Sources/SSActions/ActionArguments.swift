import Foundation

/// The arguments of one call: positional values as the browser sent them
/// (`SS.server.app.add(1, 2)` gives `[1, 2]`). `lenient` marks values from an HTTP query
/// string, where numbers and booleans arrive as text.
public struct ActionArguments: Sendable, Equatable {
    public var values: [JSONValue]
    public var lenient: Bool

    public init(_ values: [JSONValue] = [], lenient: Bool = false) {
        self.values = values
        self.lenient = lenient
    }

    /// Decodes the single parameter of a one-parameter action.
    ///
    /// No argument decodes from `null` (so an optional parameter may be left out); several
    /// arguments decode as an array (so `[Int]` takes `f(1, 2, 3)`).
    public func single<P: Decodable>(_ type: P.Type) throws -> P {
        let decoder = JSONValueDecoder(lenient: lenient)
        switch values.count {
        case 0: return try wrap { try decoder.decode(P.self, from: .null) }
        case 1: return try wrap { try decoder.decode(P.self, from: values[0]) }
        default: return try wrap { try decoder.decode(P.self, from: .array(values)) }
        }
    }

    /// The positional values for an action with `arity` parameters. A single array with
    /// exactly `arity` elements is spread, so an HTTP body `[1, 2]` works like `f(1, 2)`.
    public func positional(arity: Int) throws -> [JSONValue] {
        var items = values
        if items.count == 1, arity > 1, case .array(let inner) = items[0], inner.count == arity {
            items = inner
        }
        guard items.count <= arity else {
            throw ActionError(.badParams, "expected \(arity) parameters, got \(items.count)")
        }
        while items.count < arity { items.append(.null) }
        return items
    }

    /// Decodes positional value `index` as `P`.
    public func decode<P: Decodable>(_ type: P.Type, _ value: JSONValue, position: Int) throws -> P {
        try wrap(position: position) { try JSONValueDecoder(lenient: lenient).decode(P.self, from: value) }
    }

    private func wrap<T>(position: Int? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DecodingError {
            let at = position.map { " (parameter \($0 + 1))" } ?? ""
            throw ActionError(.badParams, "invalid params\(at): \(Self.describe(error))")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let p = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return p.isEmpty ? "" : " at \(p)"
        }
        switch error {
        case .typeMismatch(_, let c): return c.debugDescription + path(c)
        case .valueNotFound(_, let c): return "missing value" + path(c)
        case .keyNotFound(let key, let c): return "missing key '\(key.stringValue)'" + path(c)
        case .dataCorrupted(let c): return c.debugDescription + path(c)
        @unknown default: return "\(error)"
        }
    }
}
