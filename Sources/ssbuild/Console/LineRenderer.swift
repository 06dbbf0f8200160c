/// Draws the line being edited: one terminal row, redrawn whole after each key. A line
/// wider than the terminal scrolls sideways so the cursor stays visible.
///
///     LineRenderer.redraw(prompt: "> ", buffer: Array("abc"), cursor: 1, columns: 80)
///     // "\r> abc\u{1B}[K\r\u{1B}[3C"
enum LineRenderer {
    /// The bytes that redraw the row: back to column 0, prompt, visible text, clear to the
    /// end of the row, then the cursor placed absolutely.
    static func redraw(prompt: String, buffer: [Character], cursor: Int, columns: Int) -> String {
        let promptWidth = width(of: prompt)
        // Keep the last column free: writing there makes some terminals wrap early.
        let room = max(1, columns - promptWidth - 1)
        let start = windowStart(buffer: buffer, cursor: cursor, room: room)
        var shown = ""
        var used = 0
        for c in buffer[start...] {
            let w = width(of: c)
            if used + w > room { break }
            shown.append(c)
            used += w
        }
        let cursorColumn = promptWidth + width(of: buffer[start..<min(cursor, buffer.count)])
        var out = "\r" + prompt + shown + "\u{1B}[K\r"
        if cursorColumn > 0 { out += "\u{1B}[\(cursorColumn)C" }
        return out
    }

    /// The first character shown: 0 when the cursor fits, else the latest start that keeps
    /// the cursor (and the character under it) inside `room` columns.
    static func windowStart(buffer: [Character], cursor: Int, room: Int) -> Int {
        let cursor = min(max(0, cursor), buffer.count)
        if width(of: buffer[..<cursor]) < room { return 0 }
        var start = cursor
        var used = 1
        while start > 0, used + width(of: buffer[start - 1]) <= room {
            start -= 1
            used += width(of: buffer[start])
        }
        return start
    }

    static func width<S: Sequence>(of text: S) -> Int where S.Element == Character {
        text.reduce(0) { $0 + width(of: $1) }
    }

    /// Terminal columns of one character: 2 for East Asian wide and emoji presentation,
    /// 0 for control characters, else 1. (An approximation of wcwidth, without a table.)
    static func width(of c: Character) -> Int {
        guard let scalar = c.unicodeScalars.first else { return 0 }
        if scalar.value < 0x20 || scalar.value == 0x7F { return 0 }
        if scalar.properties.isEmojiPresentation { return 2 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
