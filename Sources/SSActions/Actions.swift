import Foundation

/// The type-erased body of an action: decoded arguments and a context in, encoded result out.
public typealias ActionHandler = @Sendable (ActionArguments, ActionContext) async throws -> RawJSON

/// The actions of one server file. The file `app/server/users/online.swift` defines one
/// namespace type; its actions answer as `SS.server.users.online.<name>`.
///
///     enum App: ActionNamespace {
///         static func actions(_ actions: inout Actions) {
///             actions.on("square") { (n: Double, context) in n * n }
///         }
///     }
public protocol ActionNamespace {
    /// When true, every action of the namespace needs a logged-in user, over WebSocket and HTTP.
    static var requiresAuthentication: Bool { get }
    /// Declares the namespace's actions.
    static func actions(_ actions: inout Actions)
}

extension ActionNamespace {
    public static var requiresAuthentication: Bool { false }
}

/// One declared action.
public struct ActionDefinition: Sendable {
    /// The action name inside its namespace (`square`).
    public let name: String
    /// `file:line` of the `on` call, for duplicate reports.
    public let location: String
    /// Number of declared parameters (the context not counted).
    public let arity: Int
    public let handler: ActionHandler

    public init(name: String, location: String, arity: Int, handler: @escaping ActionHandler) {
        self.name = name
        self.location = location
        self.arity = arity
        self.handler = handler
    }
}

/// Collects the actions of a namespace. Parameters are any `Decodable` types and results any
/// `Encodable` type; an action with no useful result may return nothing (`null` on the wire).
///
///     actions.on("add") { (a: Int, b: Int, context) in a + b }
///     actions.on("whoami") { context in context.userId }
public struct Actions: Sendable {
    public private(set) var definitions: [ActionDefinition] = []
    /// Marks the whole namespace as requiring a logged-in user (same as the protocol property).
    public var requiresAuthentication = false

    public init() {}

    /// Adds an already type-erased action.
    public mutating func add(_ definition: ActionDefinition) {
        definitions.append(definition)
    }

    private mutating func add(_ name: String, _ file: String, _ line: Int, arity: Int, _ body: @escaping ActionHandler)
    {
        add(ActionDefinition(name: name, location: "\(file):\(line)", arity: arity, handler: body))
    }

    // MARK: no parameters

    public mutating func on<R: Encodable>(
        _ name: String, file: String = #filePath, line: Int = #line,
        _ handler: @escaping @Sendable (ActionContext) async throws -> R
    ) {
        add(name, file, line, arity: 0) { args, context in
            _ = try args.positional(arity: 0)
            return try RawJSON(encoding: try await handler(context))
        }
    }

    public mutating func on(
        _ name: String, file: String = #filePath, line: Int = #line,
        _ handler: @escaping @Sendable (ActionContext) async throws -> Void
    ) {
        add(name, file, line, arity: 0) { args, context in
            _ = try args.positional(arity: 0)
            try await handler(context)
            return .null
        }
    }

    // MARK: one parameter (one value, several positional values as an array, or an object)

    public mutating func on<P: Decodable, R: Encodable>(
        _ name: String, file: String = #filePath, line: Int = #line,
        _ handler: @escaping @Sendable (P, ActionContext) async throws -> R
    ) {
        add(name, file, line, arity: 1) { args, context in
            let p = try args.single(P.self)
            return try RawJSON(encoding: try await handler(p, context))
        }
    }

    public mutating func on<P: Decodable>(
        _ name: String, file: String = #filePath, line: Int = #line,
        _ handler: @escaping @Sendable (P, ActionContext) async throws -> Void
    ) {
        add(name, file, line, arity: 1) { args, context in
            let p = try args.single(P.self)
            try await handler(p, context)
            return .null
        }
    }

    // MARK: two and three positional parameters

    public mutating func on<A: Decodable, B: Decodable, R: Encodable>(
        _ name: String, file: String = #filePath, line: Int = #line,
        _ handler: @escaping @Sendable (A, B, ActionContext) async throws -> R
    ) {
        add(name, file, line, arity: 2) { args, context in
            let v = try args.positional(arity: 2)
            let a = try args.decode(A.self, v[0], position: 0)
            let b = try args.decode(B.self, v[1], position: 1)
            return try RawJSON(encoding: try await handler(a, b, context))
        }
    }

    public mutating func on<A: Decodable, B: Decodable>(
        _ name: String, file: String = #filePath, line: Int = #line,
        _ handler: @escaping @Sendable (A, B, ActionContext) async throws -> Void
    ) {
        add(name, file, line, arity: 2) { args, context in
            let v = try args.positional(arity: 2)
            let a = try args.decode(A.self, v[0], position: 0)
            let b = try args.decode(B.self, v[1], position: 1)
            try await handler(a, b, context)
            return .null
        }
    }

    public mutating func on<A: Decodable, B: Decodable, C: Decodable, R: Encodable>(
        _ name: String, file: String = #filePath, line: Int = #line,
        _ handler: @escaping @Sendable (A, B, C, ActionContext) async throws -> R
    ) {
        add(name, file, line, arity: 3) { args, context in
            let v = try args.positional(arity: 3)
            let a = try args.decode(A.self, v[0], position: 0)
            let b = try args.decode(B.self, v[1], position: 1)
            let c = try args.decode(C.self, v[2], position: 2)
            return try RawJSON(encoding: try await handler(a, b, c, context))
        }
    }
}
