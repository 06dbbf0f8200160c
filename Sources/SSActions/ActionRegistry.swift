import Foundation

/// An action as the runtime dispatches it.
public struct RegisteredAction: Sendable {
    /// `ns.name`, e.g. `users.online.list`.
    public let method: String
    public let namespace: String
    public let name: String
    public let location: String
    public let arity: Int
    public let requiresAuthentication: Bool
    public let handler: ActionHandler
}

/// A start-up error in the action set, such as a duplicate `ns.method`.
public struct ActionRegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Maps `ns.method` to handlers and holds the app's authenticators.
///
///     var registry = ActionRegistry()
///     try registry.register(App.self, path: "app/server/app.swift")   // namespace "app"
///     registry.lookup("app.square")?.handler
public struct ActionRegistry: Sendable {
    private var actions: [String: RegisteredAction] = [:]
    private var namespaceLocations: [String: String] = [:]
    private var authenticators: [String: any Authenticator] = [:]
    /// Runs when a WebSocket connection is ready (after `init` was sent).
    public private(set) var connectHook: (@Sendable (ActionContext) async -> Void)?

    public init() {}

    /// The namespace of a server file: `app/server/users/online.swift` -> `users.online`.
    /// Returns nil for paths outside `app/server` or with an unusable segment.
    public static func namespace(forPath path: String) -> String? {
        var parts = path.split(separator: "/").map(String.init)
        guard
            let serverIndex = parts.indices.dropLast().last(where: { parts[$0] == "app" && parts[$0 + 1] == "server" })
        else { return nil }
        parts.removeFirst(serverIndex + 2)
        guard var last = parts.popLast() else { return nil }
        if let dot = last.lastIndex(of: ".") { last = String(last[..<dot]) }
        parts.append(last)
        guard parts.allSatisfy(isIdentifier) else { return nil }
        return parts.joined(separator: ".")
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, !CharacterSet.decimalDigits.contains(first) else { return false }
        return s.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "$" }
            && s.unicodeScalars.allSatisfy(\.isASCII)
    }

    /// Registers a namespace type for the server file at `path`.
    public mutating func register<N: ActionNamespace>(_ type: N.Type, path: String) throws {
        guard let ns = Self.namespace(forPath: path) else {
            throw ActionRegistryError(message: "\(path): not a server action file under app/server/")
        }
        try register(type, namespace: ns, location: path)
    }

    /// Registers a namespace type under an explicit dotted namespace.
    public mutating func register<N: ActionNamespace>(_ type: N.Type, namespace: String, location: String? = nil) throws
    {
        var actions = Actions()
        N.actions(&actions)
        try register(
            namespace: namespace, actions: actions,
            requiresAuthentication: N.requiresAuthentication || actions.requiresAuthentication,
            location: location ?? "\(type)")
    }

    /// Registers a collected action set. Fails on a duplicate `ns.method` (naming both
    /// definitions) and when a method name collides with a namespace of the same path.
    public mutating func register(
        namespace: String, actions: Actions, requiresAuthentication: Bool = false, location: String
    ) throws {
        let segments = namespace.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !segments.isEmpty, segments.allSatisfy(Self.isIdentifier) else {
            throw ActionRegistryError(message: "\(location): invalid namespace '\(namespace)'")
        }
        for definition in actions.definitions {
            guard Self.isIdentifier(definition.name) else {
                throw ActionRegistryError(message: "\(definition.location): invalid action name '\(definition.name)'")
            }
            let method = namespace + "." + definition.name
            if let existing = action(method) {
                throw ActionRegistryError(
                    message:
                        "duplicate action '\(method)': defined at \(existing.location) and at \(definition.location)")
            }
            if let nsLocation = namespaceLocations[method] {
                throw ActionRegistryError(
                    message:
                        "action '\(method)' at \(definition.location) clashes with namespace '\(method)' at \(nsLocation)"
                )
            }
            self.actions[method] = RegisteredAction(
                method: method, namespace: namespace, name: definition.name, location: definition.location,
                arity: definition.arity, requiresAuthentication: requiresAuthentication, handler: definition.handler)
        }
        // Every prefix of the namespace becomes an object in the API tree; none may be an action.
        for i in 1...segments.count {
            let prefix = segments[0..<i].joined(separator: ".")
            if let clash = action(prefix) {
                throw ActionRegistryError(
                    message:
                        "namespace '\(namespace)' at \(location) clashes with action '\(prefix)' at \(clash.location)")
            }
            if namespaceLocations[prefix] == nil { namespaceLocations[prefix] = location }
        }
    }

    private func action(_ method: String) -> RegisteredAction? { actions[method] }

    /// Adds an authenticator under a name; `default` is used when none is named and for HTTP Basic Auth.
    public mutating func setAuthenticator(_ authenticator: any Authenticator, name: String = "default") {
        authenticators[name] = authenticator
    }

    /// Sets the hook run for every new WebSocket connection, e.g. to greet or to register
    /// `context.session.onDisconnect { }`.
    ///
    ///     registry.onConnect { context in context.logger.info("hello \(context.userId ?? "guest")") }
    public mutating func onConnect(_ hook: @escaping @Sendable (ActionContext) async -> Void) {
        connectHook = hook
    }

    public func authenticator(named name: String?) -> (any Authenticator)? {
        authenticators[name ?? "default"]
    }

    public func lookup(_ method: String) -> RegisteredAction? { actions[method] }

    /// All methods, sorted.
    public var methods: [String] { actions.keys.sorted() }

    /// True when `namespace` has at least one action or sub-namespace.
    public func hasNamespace(_ namespace: String) -> Bool { namespaceLocations[namespace] != nil }

    /// The API tree the browser builds `SS.server` from: nested objects whose leaves are `1`.
    ///
    ///     {"app": {"square": 1}, "users": {"online": {"list": 1}}}
    public var apiTree: JSONValue {
        var root: [String: JSONValue] = [:]
        for method in methods {
            let parts = method.split(separator: ".").map(String.init)
            Self.insert(parts[...], into: &root)
        }
        return .object(root)
    }

    private static func insert(_ parts: ArraySlice<String>, into node: inout [String: JSONValue]) {
        guard let head = parts.first else { return }
        if parts.count == 1 {
            node[head] = .number(1)
            return
        }
        var child = node[head]?.objectValue ?? [:]
        insert(parts.dropFirst(), into: &child)
        node[head] = .object(child)
    }
}
