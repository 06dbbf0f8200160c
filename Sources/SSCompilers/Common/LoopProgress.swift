/// Guards a parser loop: call `advanced(to:)` once per iteration with the current
/// position; it returns false when the position did not move, so the loop can bail
/// out with a diagnostic instead of spinning forever. (After swift-syntax's
/// `LoopProgressCondition`.)
///
/// ```swift
/// var progress = LoopProgress()
/// while !atEnd, progress.advanced(to: position) { parseStatement() }
/// ```
public struct LoopProgress: Sendable {
    private var last: Int? = nil

    public init() {}

    public mutating func advanced(to position: Int) -> Bool {
        defer { last = position }
        guard let last else { return true }
        return position > last
    }
}
