import Foundation

/// What an authenticator answers. On success the session's user becomes `userId`.
public struct AuthenticationResult: Sendable, Hashable, Codable {
    public var success: Bool
    public var userId: String?
    public var info: JSONValue?

    public init(success: Bool, userId: String? = nil, info: JSONValue? = nil) {
        self.success = success
        self.userId = userId
        self.info = info
    }

    public static let failure = AuthenticationResult(success: false)
}

/// The app's pluggable login check (the seed's `custom_auth` module).
/// HTTP Basic Auth calls it with `{"username": ..., "password": ...}`.
///
///     struct Passwords: Authenticator {
///         func authenticate(_ params: JSONValue) async throws -> AuthenticationResult {
///             params["password"]?.stringValue == "secret"
///                 ? .init(success: true, userId: params["username"]?.stringValue) : .failure
///         }
///     }
public protocol Authenticator: Sendable {
    func authenticate(_ params: JSONValue) async throws -> AuthenticationResult
}

/// An authenticator made from a closure.
public struct ClosureAuthenticator: Authenticator {
    private let body: @Sendable (JSONValue) async throws -> AuthenticationResult

    public init(_ body: @escaping @Sendable (JSONValue) async throws -> AuthenticationResult) {
        self.body = body
    }

    public func authenticate(_ params: JSONValue) async throws -> AuthenticationResult {
        try await body(params)
    }
}
