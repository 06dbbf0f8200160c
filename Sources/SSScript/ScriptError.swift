/// A JavaScript exception (or an engine failure) turned into a Swift error.
///
/// `line`/`column` are where the engine says the exception was raised in the script
/// named `sourceURL`. `details` holds the exception object's own primitive-valued
/// properties (as strings), which lets callers attach their own mapping data to an
/// error before it escapes (the view renderer reads `pugFile`/`pugLine` from there).
///
/// ```swift
/// do { _ = try context.evaluate("null.x", sourceURL: "a.js") }
/// catch let error as ScriptError { print(error.message, error.line ?? 0) }  // TypeError: ... 1
/// ```
public struct ScriptError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for the exception's own error kinds.
    public enum Kind: String, Sendable, Hashable {
        /// The script threw (syntax errors included).
        case exception
        /// The evaluation ran past the context's time limit and was terminated.
        case timeout
        /// The engine could not do what was asked (bad JSON arguments, not a function).
        case engine
    }

    public var kind: Kind
    /// `String(exception)`, for example `TypeError: null is not an object`.
    public var message: String
    public var stack: String?
    public var sourceURL: String?
    public var line: Int?
    public var column: Int?
    public var details: [String: String]

    public init(
        kind: Kind = .exception, message: String, stack: String? = nil, sourceURL: String? = nil,
        line: Int? = nil, column: Int? = nil, details: [String: String] = [:]
    ) {
        self.kind = kind
        self.message = message
        self.stack = stack
        self.sourceURL = sourceURL
        self.line = line
        self.column = column
        self.details = details
    }

    public var description: String {
        var where_ = sourceURL ?? ""
        if let line { where_ += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return where_.isEmpty ? message : "\(where_): \(message)"
    }
}
