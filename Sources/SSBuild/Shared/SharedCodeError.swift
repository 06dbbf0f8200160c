import SSActions

/// Why a call into app/shared code failed, with the app file position when the error
/// came from a line of the app's code (for `.coffee` files, the `.coffee` line).
///
/// ```swift
/// do { _ = try await engine.call("calculate.area", [.number(2)]) }
/// catch let error as SharedCodeError { print(error) }
/// // app/shared/calculate.js:7:12: TypeError: undefined is not an object (evaluating 'shape.width')
/// ```
public struct SharedCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// `SS.shared.<path>` does not exist or is not a function.
        case noSuchFunction
        /// The shared code threw.
        case exception
        /// The code used something only a browser or Node has (the DOM, the network, `require('fs')`).
        case unavailable
        /// The call ran past the engine's time limit and was stopped.
        case timeout
        /// The shared code did not load (a syntax error, an error while a module ran).
        case notLoaded
        /// An argument or the result could not cross as JSON.
        case badValue
    }

    public var kind: Kind
    public var message: String
    /// The app file the error points into (`app/shared/calculate.coffee`).
    public var path: String?
    public var line: Int?
    public var column: Int?
    /// The JavaScript stack, when the engine gave one.
    public var stack: String?

    public init(
        _ kind: Kind, _ message: String, path: String? = nil, line: Int? = nil, column: Int? = nil,
        stack: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.stack = stack
    }

    public var description: String {
        guard let path else { return message }
        let position = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
        return "\(path)\(position): \(message)"
    }

    /// The error as the actions SDK reports it (`not_found`, `timeout`, `bad_params`,
    /// `unavailable`, otherwise `internal`), the message keeping the app file position.
    public var actionError: ActionError {
        switch kind {
        case .noSuchFunction: return ActionError(.notFound, description)
        case .timeout: return ActionError(.timeout, description)
        case .badValue: return ActionError(.badParams, description)
        case .notLoaded: return ActionError(.unavailable, description)
        case .exception, .unavailable: return ActionError(.internal, description)
        }
    }
}
