/// A key press as the line editor sees it, decoded from terminal bytes by `KeyDecoder`.
enum EditorKey: Equatable, Sendable {
    /// Printable text (one key, or a pasted run).
    case insert(String)
    case enter
    case left, right, home, end
    case wordLeft, wordRight
    case up, down
    /// Backspace / Ctrl-H.
    case backspace
    /// The Delete key (`ESC [3~`).
    case delete
    /// Ctrl-D: delete under the cursor, or end of input on an empty line.
    case controlD
    /// Ctrl-C: abandon the line.
    case interrupt
    /// Ctrl-U: delete to the start of the line.
    case killToStart
    /// Ctrl-K: delete to the end of the line.
    case killToEnd
    /// Ctrl-W: delete the word before the cursor.
    case deleteWordBack
    /// Ctrl-L.
    case clearScreen
    /// Tab: complete the word before the cursor.
    case tab
}
