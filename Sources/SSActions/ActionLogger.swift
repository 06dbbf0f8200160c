import Foundation

/// Log levels 0-4 as in the original SocketStream: 0 off, 1 errors, 2 calls and events,
/// 3 with params, 4 debug.
public enum ActionLogLevel: Int, Sendable, Comparable, Codable {
    case off = 0
    case error = 1
    case info = 2
    case detail = 3
    case debug = 4

    public static func < (lhs: ActionLogLevel, rhs: ActionLogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A small logger for action code, independent of any logging package.
///
///     context.logger.info("user \(id) joined")
public struct ActionLogger: Sendable {
    public let level: ActionLogLevel
    private let sink: @Sendable (ActionLogLevel, String) -> Void

    public init(level: ActionLogLevel = .info, sink: @escaping @Sendable (ActionLogLevel, String) -> Void) {
        self.level = level
        self.sink = sink
    }

    public func log(_ level: ActionLogLevel, _ message: @autoclosure () -> String) {
        guard level != .off, level <= self.level else { return }
        sink(level, message())
    }

    public func error(_ message: @autoclosure () -> String) { log(.error, message()) }
    public func info(_ message: @autoclosure () -> String) { log(.info, message()) }
    public func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }

    /// Prints to standard error.
    public static let standardError = ActionLogger { level, message in
        FileHandle.standardError.write(Data("[\(level)] \(message)\n".utf8))
    }

    /// Drops everything.
    public static let silent = ActionLogger(level: .off) { _, _ in }
}
