import Foundation

/// Where console lines come from: the line editor on a terminal, or plain lines from a
/// pipe (scripts and tests). Reading blocks, so it happens on a thread of its own and
/// the async side just awaits the line.
protocol ConsoleInput: AnyObject, Sendable {
    /// The next line, or nil at the end of input. Blocks.
    func readLine(prompt: String) -> String?
    /// Action names for Tab completion (a no-op without a line editor).
    func setCompletionWords(_ methods: [String])
}

extension ConsoleInput {
    func setCompletionWords(_ methods: [String]) {}

    func nextLine(prompt: String) async -> String? {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: self.readLine(prompt: prompt)) }
            thread.start()
        }
    }
}

/// Plain lines from a non-terminal stdin; no prompt, no echo.
final class PipedInput: ConsoleInput {
    func readLine(prompt: String) -> String? { Swift.readLine(strippingNewline: true) }
}

/// The raw-mode line editor on a terminal: the `LineEditor` state machine fed by
/// `KeyDecoder`, drawn by `LineRenderer`, with the history saved after every line.
final class TerminalInput: ConsoleInput, @unchecked Sendable {
    // @unchecked: only the reader thread touches the state, one readLine at a time.
    private let terminal: RawTerminal
    private let historyPath: String?
    private var editor: LineEditor
    private var decoder = KeyDecoder()
    /// Keys read past an Enter (a pasted block of lines), for the next readLine.
    private var pending: [EditorKey] = []

    init(terminal: RawTerminal, historyPath: String?) {
        self.terminal = terminal
        self.historyPath = historyPath
        let text = historyPath.flatMap { FileManager.default.contents(atPath: $0) }.map {
            String(decoding: $0, as: UTF8.self)
        }
        editor = LineEditor(history: LineHistory(fileText: text ?? ""))
    }

    func setCompletionWords(_ methods: [String]) {
        editor.completionWords = LineCompletion.commands + methods
    }

    func readLine(prompt: String) -> String? {
        terminal.enableRaw()
        defer { terminal.restore() }
        draw(prompt)
        while true {
            if pending.isEmpty {
                guard let bytes = terminal.readBytes() else { return nil }
                pending = decoder.feed(bytes)
            }
            while !pending.isEmpty {
                let key = pending.removeFirst()
                switch editor.handle(key) {
                case .editing:
                    continue
                case .submitted(let line):
                    draw(prompt, text: line)
                    terminal.writeText("\r\n")
                    saveHistory()
                    return line
                case .interrupted:
                    terminal.writeText("^C\r\n")
                case .endOfInput:
                    terminal.writeText("\r\n")
                    return nil
                case .clearScreen:
                    terminal.writeText("\u{1B}[H\u{1B}[2J")
                case .showChoices(let words):
                    terminal.writeText("\r\n" + words.joined(separator: "  ") + "\r\n")
                }
            }
            draw(prompt)
        }
    }

    private func draw(_ prompt: String, text: String? = nil) {
        let buffer = text.map(Array.init) ?? editor.buffer
        let cursor = text == nil ? editor.cursor : buffer.count
        terminal.writeText(
            LineRenderer.redraw(prompt: prompt, buffer: buffer, cursor: cursor, columns: terminal.columns))
    }

    /// Owner-only, like the endpoint file: history can hold ids and payloads.
    private func saveHistory() {
        guard let historyPath else { return }
        let data = Data(editor.history.fileText.utf8)
        _ = FileManager.default.createFile(atPath: historyPath, contents: data, attributes: [.posixPermissions: 0o600])
    }
}
