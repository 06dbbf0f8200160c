import Foundation

/// A stable, machine-readable error code carried in every error reply (see docs/protocol.md).
///
///     throw ActionError(.notFound, "no such room")
public struct ActionErrorCode: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The method (or namespace) does not exist. HTTP 404.
    public static let notFound = ActionErrorCode("not_found")
    /// The params did not decode into the action's parameter types. HTTP 400.
    public static let badParams = ActionErrorCode("bad_params")
    /// The namespace requires a logged-in user and there is none. HTTP 401.
    public static let unauthenticated = ActionErrorCode("unauthenticated")
    /// The user is known but not allowed. HTTP 403.
    public static let forbidden = ActionErrorCode("forbidden")
    /// Too many calls; try later. HTTP 429.
    public static let rateLimited = ActionErrorCode("rate_limited")
    /// The action threw something that is not an `ActionError`. HTTP 500.
    public static let `internal` = ActionErrorCode("internal")
    /// The frame was not valid JSON or not a known message type. HTTP 400.
    public static let badMessage = ActionErrorCode("bad_message")
    /// The action did not finish within the server's time limit. HTTP 504.
    public static let timeout = ActionErrorCode("timeout")
    /// The server is shutting down or the action worker is unavailable. HTTP 503.
    public static let unavailable = ActionErrorCode("unavailable")

    /// The HTTP status the automatic API answers with for this code.
    public var httpStatus: Int {
        switch self {
        case .notFound: return 404
        case .badParams, .badMessage: return 400
        case .unauthenticated: return 401
        case .forbidden: return 403
        case .rateLimited: return 429
        case .timeout: return 504
        case .unavailable: return 503
        default: return 500
        }
    }

    public var description: String { rawValue }
}

/// An error an action throws on purpose; the code and message reach the caller verbatim.
/// Any other error becomes `internal`, with its description only in development.
///
///     guard room.exists else { throw ActionError(.notFound, "no room \(name)") }
public struct ActionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: ActionErrorCode
    public var message: String

    public init(_ code: ActionErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
