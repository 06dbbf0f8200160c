/// Turns UTF-8 byte offsets into source-map positions: 0-based line and UTF-16 column.
///
/// Lines end at LF, CR, CRLF, U+2028 and U+2029, the JavaScript line terminators. Columns
/// on ASCII-only lines are byte differences; other lines are scanned, resuming from the
/// previous query on the same line, so offsets that mostly increase cost linear time.
///
/// ```swift
/// var index = SourceMapLineIndex(Array("a\né = b".utf8))
/// index.position(of: 6)   // (line: 1, column: 3)
/// ```
struct SourceMapLineIndex {
    let bytes: [UInt8]
    private(set) var lineStarts: [Int] = [0]
    private var asciiLines: [Bool] = []
    private var cacheLine = -1
    private var cacheOffset = 0
    private var cacheColumn = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var ascii = true
        var i = 0
        let count = bytes.count
        while i < count {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A {
                    i += 1
                } else if b == 0x0D {
                    i += (i + 1 < count && bytes[i + 1] == 0x0A) ? 2 : 1
                } else {
                    i += 1
                    continue
                }
            } else {
                ascii = false
                if b == 0xE2, i + 2 < count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                    i += 3
                } else {
                    i += 1
                    continue
                }
            }
            asciiLines.append(ascii)
            ascii = true
            lineStarts.append(i)
        }
        asciiLines.append(ascii)
    }

    var lineCount: Int { lineStarts.count }

    /// The line holding `offset` (binary search).
    func line(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    mutating func position(of offset: Int) -> (line: Int, column: Int) {
        let line = line(of: offset)
        let start = lineStarts[line]
        if asciiLines[line] { return (line, offset - start) }
        var from = start
        var column = 0
        if cacheLine == line, cacheOffset <= offset {
            from = cacheOffset
            column = cacheColumn
        }
        column += SourceMapLineIndex.utf16Count(bytes, from, min(offset, bytes.count))
        cacheLine = line
        cacheOffset = offset
        cacheColumn = column
        return (line, column)
    }

    /// UTF-16 code units encoded by the UTF-8 bytes in `start..<end`.
    static func utf16Count(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int {
        var units = 0
        var i = start
        while i < end {
            let b = bytes[i]
            if b < 0x80 || b >= 0xC0 { units += b >= 0xF0 ? 2 : 1 }
            i += 1
        }
        return units
    }
}
