import SSActions
import Testing

@testable import ssbuild

@Suite struct LineEditorTests {
    /// Feeds keys; returns the editor and the last outcome.
    private func edit(_ keys: [EditorKey], history: [String] = []) -> (LineEditor, LineEditor.Outcome) {
        var h = LineHistory()
        for line in history { h.add(line) }
        var editor = LineEditor(history: h)
        var outcome = LineEditor.Outcome.editing
        for key in keys { outcome = editor.handle(key) }
        return (editor, outcome)
    }

    private func expectState(
        _ keys: [EditorKey], text: String, cursor: Int, history: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (editor, _) = edit(keys, history: history)
        #expect(editor.text == text, sourceLocation: sourceLocation)
        #expect(editor.cursor == cursor, sourceLocation: sourceLocation)
    }

    @Test func typingAndMoving() {
        expectState([.insert("app.square 25")], text: "app.square 25", cursor: 13)
        expectState([.insert("ac"), .left, .insert("b")], text: "abc", cursor: 2)
        expectState([.insert("abc"), .home, .insert(">")], text: ">abc", cursor: 1)
        expectState([.insert("abc"), .home, .end, .insert("!")], text: "abc!", cursor: 4)
        expectState([.insert("ab"), .left, .left, .left, .right], text: "ab", cursor: 1)
        expectState([.insert("ab"), .right, .right], text: "ab", cursor: 2)
        expectState([.insert("héllo 🎉"), .left, .backspace], text: "héllo🎉", cursor: 5)
    }

    @Test func deleting() {
        expectState([.insert("abc"), .backspace], text: "ab", cursor: 2)
        expectState([.backspace, .delete], text: "", cursor: 0)
        expectState([.insert("abc"), .home, .delete], text: "bc", cursor: 0)
        expectState([.insert("abc"), .home, .controlD], text: "bc", cursor: 0)
        expectState([.insert("abc"), .controlD], text: "abc", cursor: 3)
        expectState([.insert("app.add 1 2"), .left, .left, .killToStart], text: " 2", cursor: 0)
        expectState([.insert("app.add 1 2"), .home, .right, .right, .right, .killToEnd], text: "app", cursor: 3)
        expectState([.insert("app.add 1  "), .deleteWordBack], text: "app.add ", cursor: 8)
        expectState([.insert("app.add 12"), .left, .deleteWordBack], text: "app.add 2", cursor: 8)
        expectState([.insert("one two"), .wordLeft, .wordLeft, .wordRight], text: "one two", cursor: 3)
    }

    @Test func enterSubmitsAndRemembers() {
        var editor = LineEditor()
        editor.handle(.insert("app.square 25"))
        #expect(editor.handle(.enter) == .submitted("app.square 25"))
        #expect(editor.text == "" && editor.cursor == 0)
        #expect(editor.history.entries == ["app.square 25"])
        #expect(editor.handle(.enter) == .submitted(""))
        #expect(editor.history.entries == ["app.square 25"])
    }

    @Test func controlCClearsAndControlDOnEmptyEnds() {
        let (editor, outcome) = edit([.insert("half a comm"), .interrupt])
        #expect(outcome == .interrupted)
        #expect(editor.text == "" && editor.cursor == 0)
        #expect(editor.history.entries.isEmpty)
        #expect(edit([.controlD]).1 == .endOfInput)
        #expect(edit([.insert("x"), .controlD]).1 == .editing)
        #expect(edit([.insert("x"), .backspace, .controlD]).1 == .endOfInput)
    }

    @Test func historyUpAndDown() {
        let history = ["online", "tree", "app.square 25"]
        expectState([.up], text: "app.square 25", cursor: 13, history: history)
        expectState([.up, .up, .up], text: "online", cursor: 6, history: history)
        // Up stops at the oldest entry.
        expectState([.up, .up, .up, .up, .up], text: "online", cursor: 6, history: history)
        expectState([.up, .up, .down], text: "app.square 25", cursor: 13, history: history)
        // Down past the newest entry brings back the line being typed.
        expectState([.insert("app.ad"), .up, .up, .down, .down], text: "app.ad", cursor: 6, history: history)
        expectState([.insert("app.ad"), .down], text: "app.ad", cursor: 6, history: history)
        expectState([.up], text: "", cursor: 0)
    }

    @Test func editingARecalledLineLeavesTheHistoryAlone() {
        var h = LineHistory()
        h.add("app.square 25")
        var editor = LineEditor(history: h)
        editor.handle(.up)
        editor.handle(.backspace)
        editor.handle(.insert("6"))
        #expect(editor.handle(.enter) == .submitted("app.square 26"))
        #expect(editor.history.entries == ["app.square 25", "app.square 26"])
        editor.handle(.up)
        #expect(editor.text == "app.square 26")
        #expect(editor.historyIndex == 1)
        editor.handle(.interrupt)
        #expect(editor.historyIndex == nil)
    }

    @Test func historyKeepsTheLastLinesWithoutRepeats() {
        var h = LineHistory(limit: 3)
        for line in ["a", "b", "b", "  ", "c", "d"] { h.add(line) }
        #expect(h.entries == ["b", "c", "d"])
        #expect(h.fileText == "b\nc\nd\n")
        #expect(LineHistory(fileText: "x\n\ny\ny\nz\nw\n", limit: 3).entries == ["y", "z", "w"])
        #expect(LineHistory(fileText: "").entries.isEmpty)
        var big = LineHistory()
        for i in 0..<600 { big.add("app.square \(i)") }
        #expect(big.entries.count == 500)
        #expect(big.entries.first == "app.square 100")
    }

    @Test func tabCompletesCommandsAndActions() {
        var editor = LineEditor()
        editor.completionWords = LineCompletion.commands + ["app.square", "app.sleep", "users.online.list"]
        editor.handle(.insert("app.sq"))
        #expect(editor.handle(.tab) == .editing)
        #expect(editor.text == "app.square " && editor.cursor == 11)
        editor.handle(.killToStart)
        editor.handle(.insert("u"))
        editor.handle(.tab)
        #expect(editor.text == "user")
        #expect(editor.handle(.tab) == .showChoices(["user", "users.online.list"]))
        #expect(editor.text == "user")
        editor.handle(.insert("s"))
        editor.handle(.tab)
        #expect(editor.text == "users.online.list ")
    }

    @Test func pastedTextKeepsToOneLine() {
        expectState([.insert("a\nb")], text: "ab", cursor: 2)
    }
}

@Suite struct KeyDecoderTests {
    private func keys(_ text: String) -> [EditorKey] {
        var decoder = KeyDecoder()
        return decoder.feed(Array(text.utf8))
    }

    @Test func controlKeys() {
        #expect(keys("\u{01}\u{05}\u{02}\u{06}") == [.home, .end, .left, .right])
        #expect(
            keys("\u{03}\u{04}\u{0B}\u{15}\u{17}\u{0C}") == [
                .interrupt, .controlD, .killToEnd, .killToStart, .deleteWordBack, .clearScreen,
            ])
        #expect(keys("\u{7F}\u{08}") == [.backspace, .backspace])
        #expect(keys("\u{10}\u{0E}") == [.up, .down])
        #expect(keys("\r") == [.enter])
        #expect(keys("\n") == [.enter])
        #expect(keys("\r\n") == [.enter])
        #expect(keys("\r\r") == [.enter, .enter])
        #expect(keys("\u{09}\u{00}") == [.tab])
    }

    @Test func escapeSequences() {
        #expect(keys("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D") == [.up, .down, .right, .left])
        #expect(keys("\u{1B}OA\u{1B}OD\u{1B}OH\u{1B}OF") == [.up, .left, .home, .end])
        #expect(
            keys("\u{1B}[H\u{1B}[F\u{1B}[1~\u{1B}[4~\u{1B}[7~\u{1B}[8~") == [.home, .end, .home, .end, .home, .end])
        #expect(keys("\u{1B}[3~") == [.delete])
        #expect(keys("\u{1B}[1;5C\u{1B}[1;5D\u{1B}b\u{1B}f") == [.wordRight, .wordLeft, .wordLeft, .wordRight])
        #expect(keys("\u{1B}\u{7F}") == [.deleteWordBack])
        // Unknown sequences vanish instead of typing their letters.
        #expect(keys("\u{1B}[15~x\u{1B}[200~y\u{1B}[Zz") == [.insert("xyz")])
        // A runaway CSI is dropped after a bounded number of bytes.
        #expect(
            keys("\u{1B}[" + String(repeating: "1", count: 40) + "A") == [
                .insert(String(repeating: "1", count: 23) + "A")
            ])
    }

    @Test func textAndUTF8() {
        #expect(keys("app.square 25") == [.insert("app.square 25")])
        #expect(keys("é🎉中") == [.insert("é🎉中")])
        #expect(keys("ab\u{1B}[Dc") == [.insert("ab"), .left, .insert("c")])
        // A broken UTF-8 sequence is dropped; the byte that broke it still counts.
        var decoder = KeyDecoder()
        #expect(decoder.feed([0xC3, 0x61]) == [.insert("a")])
        #expect(decoder.feed([0xE0, 0x80, 0x80, 0x41]) == [.insert("A")])
    }

    /// Streaming decoders must not care where reads split the bytes.
    @Test func byteAtATimeDecodesTheSame() {
        let input = "app.\u{1B}[Dsq\u{1B}[1;5Cé🎉\r\n\u{1B}OA\u{1B}[3~x\u{03}"
        let whole = keys(input)
        var decoder = KeyDecoder()
        var pieces: [EditorKey] = []
        for byte in Array(input.utf8) { pieces.append(contentsOf: decoder.feed([byte])) }
        // Byte-at-a-time reads give one insert per character; merge them to compare.
        var merged: [EditorKey] = []
        for key in pieces {
            if case .insert(let more) = key, case .insert(let text)? = merged.last {
                merged[merged.count - 1] = .insert(text + more)
            } else {
                merged.append(key)
            }
        }
        #expect(merged == whole)
        #expect(
            whole == [
                .insert("app."), .left, .insert("sq"), .wordRight, .insert("é🎉"), .enter, .up, .delete,
                .insert("x"), .interrupt,
            ])
    }
}

@Suite struct LineRendererTests {
    @Test func redrawsTheRowAndPlacesTheCursor() {
        #expect(
            LineRenderer.redraw(prompt: "ss> ", buffer: Array("abc"), cursor: 1, columns: 80)
                == "\r" + "ss> abc" + "\u{1B}[K\r\u{1B}[5C")
        #expect(LineRenderer.redraw(prompt: "", buffer: [], cursor: 0, columns: 80) == "\r\u{1B}[K\r")
    }

    @Test func wideCharactersTakeTwoColumns() {
        #expect(LineRenderer.width(of: "a中🎉é") == 6)
        #expect(LineRenderer.redraw(prompt: "> ", buffer: Array("中a"), cursor: 1, columns: 80).hasSuffix("\u{1B}[4C"))
    }

    @Test func longLinesScrollToKeepTheCursorVisible() {
        let buffer = Array(String(repeating: "x", count: 30) + "END")
        // 20 columns, prompt 2: 17 for text.
        let atEnd = LineRenderer.redraw(prompt: "> ", buffer: buffer, cursor: buffer.count, columns: 20)
        #expect(atEnd.contains("END"))
        #expect(LineRenderer.windowStart(buffer: buffer, cursor: buffer.count, room: 17) == 17)
        #expect(LineRenderer.windowStart(buffer: buffer, cursor: 5, room: 17) == 0)
        let atStart = LineRenderer.redraw(prompt: "> ", buffer: buffer, cursor: 0, columns: 20)
        #expect(!atStart.contains("END"))
        #expect(atStart == "\r> " + String(repeating: "x", count: 17) + "\u{1B}[K\r\u{1B}[2C")
    }
}

@Suite struct LineCompletionTests {
    private let words = LineCompletion.commands + ["app.announce", "app.square", "chat.send"]

    @Test func firstWordCompletesToCommandsAndActions() {
        #expect(
            LineCompletion.complete(Array("app.sq"), cursor: 6, words: words) == .replace(start: 0, with: "app.square ")
        )
        #expect(LineCompletion.complete(Array("ap"), cursor: 2, words: words) == .replace(start: 0, with: "app."))
        #expect(
            LineCompletion.complete(Array("app."), cursor: 4, words: words) == .choices(["app.announce", "app.square"]))
        #expect(LineCompletion.complete(Array("on"), cursor: 2, words: words) == .replace(start: 0, with: "online "))
        #expect(LineCompletion.complete(Array("zz"), cursor: 2, words: words) == .none)
        // Mid-line: no space is added after the completion.
        #expect(
            LineCompletion.complete(Array("ch 1"), cursor: 2, words: words) == .replace(start: 0, with: "chat.send"))
    }

    @Test func publishTargetsAndNothingElse() {
        #expect(
            LineCompletion.complete(Array("publish b"), cursor: 9, words: words)
                == .replace(start: 8, with: "broadcast "))
        #expect(
            LineCompletion.complete(Array("publish "), cursor: 8, words: words)
                == .choices(["broadcast", "channel", "user"]))
        #expect(LineCompletion.complete(Array("app.square 2"), cursor: 12, words: words) == .none)
        #expect(LineCompletion.complete(Array("publish user a"), cursor: 14, words: words) == .none)
    }

    @Test func methodsOfATree() {
        let tree: JSONValue = ["app": ["square": 1, "announce": 1], "users": ["online": ["list": 1]]]
        #expect(LineCompletion.methods(in: tree) == ["app.announce", "app.square", "users.online.list"])
        #expect(LineCompletion.methods(in: [:]) == [])
    }
}
