/// A position in a source file. Lines and columns are 1-based; `offset` is the
/// 0-based UTF-8 byte offset, which is what lexers advance over.
///
/// ```swift
/// let loc = SourceLocation(line: 3, column: 5, offset: 41)
/// ```
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static let start = SourceLocation(line: 1, column: 1, offset: 0)

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool { lhs.offset < rhs.offset }

    public var description: String { "\(line):\(column)" }
}

/// A half-open range `[start, end)` of source positions.
public struct SourceRange: Hashable, Sendable {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// A zero-width range at `location`.
    public init(at location: SourceLocation) {
        self.start = location
        self.end = location
    }
}
