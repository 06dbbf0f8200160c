import Foundation

/// Renders the lines around a source range with a gutter and a caret line:
///
/// ```text
///   2 |   color red
/// > 3 |   }}
///     |    ^
///   4 | a
/// ```
public enum CodeFrame {
    public static func render(file: SourceFile, range: SourceRange, contextLines: Int = 2) -> String {
        let line = max(1, min(range.start.line, file.lineCount))
        let first = max(1, line - contextLines)
        let last = min(file.lineCount, line + contextLines)
        let width = String(last).count
        var out: [String] = []
        for number in first...last {
            let text = expandTabs(String(file.line(number)))
            let marker = number == line ? ">" : " "
            let gutter = String(repeating: " ", count: width - String(number).count) + String(number)
            out.append(text.isEmpty ? "\(marker) \(gutter) |" : "\(marker) \(gutter) | \(text)")
            if number == line {
                let lineText = String(file.line(number))
                let prefix = String(lineText.unicodeScalars.prefix(max(0, range.start.column - 1)))
                let pad = expandTabs(prefix).count
                let caretCount: Int
                if range.end.line == range.start.line, range.end.column > range.start.column {
                    caretCount = range.end.column - range.start.column
                } else {
                    caretCount = 1
                }
                out.append(
                    "  " + String(repeating: " ", count: width) + " | "
                        + String(repeating: " ", count: pad) + String(repeating: "^", count: caretCount))
            }
        }
        return out.joined(separator: "\n")
    }

    private static func expandTabs(_ text: String) -> String {
        text.replacingOccurrences(of: "\t", with: "    ")
    }
}
