/// The console's line editor as a pure state machine: keys in, buffer/cursor/history state
/// and an outcome out. The terminal shell (`TerminalLineReader`) only reads bytes, feeds
/// them here and draws `LineRenderer.redraw(...)`.
///
///     var editor = LineEditor(history: LineHistory())
///     editor.handle(.insert("app.square 2"))
///     editor.handle(.insert("5"))
///     editor.handle(.enter)            // .submitted("app.square 25")
///     editor.handle(.up)               // .editing, text "app.square 25" again
struct LineEditor: Sendable {
    enum Outcome: Equatable, Sendable {
        /// Keep reading keys (redraw the line).
        case editing
        /// Enter: the line (also added to the history).
        case submitted(String)
        /// Ctrl-C: the line was abandoned; start a fresh one.
        case interrupted
        /// Ctrl-D on an empty line.
        case endOfInput
        /// Ctrl-L: clear the screen, then redraw.
        case clearScreen
        /// Tab with several candidates: list them, then redraw the line.
        case showChoices([String])
    }

    private(set) var buffer: [Character] = []
    /// 0...buffer.count, in characters.
    private(set) var cursor = 0
    private(set) var history: LineHistory
    /// What Tab completes the first word to (commands and action names); set by the shell.
    var completionWords: [String] = LineCompletion.commands
    /// The history entry shown while browsing with up/down; nil while editing a new line.
    private(set) var historyIndex: Int?
    /// The new line being typed before browsing started, restored by going down past the end.
    private var draft: [Character] = []

    init(history: LineHistory = LineHistory()) {
        self.history = history
    }

    var text: String { String(buffer) }

    @discardableResult
    mutating func handle(_ key: EditorKey) -> Outcome {
        switch key {
        case .insert(let text):
            let chars = Array(text.filter { !$0.isNewline })
            buffer.insert(contentsOf: chars, at: cursor)
            cursor += chars.count
        case .enter:
            let line = text
            history.add(line)
            reset()
            return .submitted(line)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(buffer.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = buffer.count
        case .wordLeft: cursor = wordStart(before: cursor)
        case .wordRight: cursor = wordEnd(after: cursor)
        case .backspace:
            if cursor > 0 {
                buffer.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete:
            if cursor < buffer.count { buffer.remove(at: cursor) }
        case .controlD:
            if buffer.isEmpty { return .endOfInput }
            if cursor < buffer.count { buffer.remove(at: cursor) }
        case .interrupt:
            reset()
            return .interrupted
        case .killToStart:
            buffer.removeSubrange(0..<cursor)
            cursor = 0
        case .killToEnd:
            buffer.removeSubrange(cursor...)
        case .deleteWordBack:
            let start = wordStart(before: cursor)
            buffer.removeSubrange(start..<cursor)
            cursor = start
        case .up: showHistory(step: -1)
        case .down: showHistory(step: 1)
        case .clearScreen: return .clearScreen
        case .tab:
            switch LineCompletion.complete(buffer, cursor: cursor, words: completionWords) {
            case .replace(let start, let text):
                buffer.replaceSubrange(start..<cursor, with: Array(text))
                cursor = start + text.count
            case .choices(let words):
                return .showChoices(words)
            case .none:
                break
            }
        }
        return .editing
    }

    private mutating func reset() {
        buffer = []
        cursor = 0
        historyIndex = nil
        draft = []
    }

    /// Up goes to older entries and stops at the oldest; down goes to newer ones and, past
    /// the newest, back to the line being typed. Edits to a shown entry do not change the
    /// history (the edited line is added when submitted).
    private mutating func showHistory(step: Int) {
        let entries = history.entries
        guard !entries.isEmpty else { return }
        let next: Int?
        switch historyIndex {
        case nil:
            guard step < 0 else { return }
            draft = buffer
            next = entries.count - 1
        case let index?:
            let moved = index + step
            if moved < 0 { return }
            next = moved >= entries.count ? nil : moved
        }
        historyIndex = next
        buffer = next.map { Array(entries[$0]) } ?? draft
        cursor = buffer.count
    }

    /// The start of the word before `index` (spaces before it skipped first), as Ctrl-W
    /// and Alt-b use it.
    private func wordStart(before index: Int) -> Int {
        var i = index
        while i > 0, buffer[i - 1].isWhitespace { i -= 1 }
        while i > 0, !buffer[i - 1].isWhitespace { i -= 1 }
        return i
    }

    private func wordEnd(after index: Int) -> Int {
        var i = index
        while i < buffer.count, buffer[i].isWhitespace { i += 1 }
        while i < buffer.count, !buffer[i].isWhitespace { i += 1 }
        return i
    }
}
