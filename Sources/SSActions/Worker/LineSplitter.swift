import Foundation

/// Splits a byte stream into newline-terminated lines (the worker protocol's framing),
/// keeping only an unfinished tail between chunks: each byte is looked at once, however
/// many lines a chunk holds.
///
///     var splitter = LineSplitter()
///     splitter.feed(Array("{\"t\":1}\n{\"t\"".utf8)) { print($0) }   // {"t":1}
///     splitter.feed(Array(":2}\n".utf8)) { print($0) }                // {"t":2}
public struct LineSplitter: Sendable {
    private var pending: [UInt8] = []

    public init() {}

    /// Calls `emit` with each line completed by `chunk`, without its newline.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ emit: (String) -> Void) {
        var start = 0
        var index = 0
        let count = chunk.count
        while index < count {
            if chunk[index] == 0x0A {
                if pending.isEmpty {
                    emit(String(decoding: UnsafeRawBufferPointer(rebasing: chunk[start..<index]), as: UTF8.self))
                } else {
                    pending.append(contentsOf: chunk[start..<index])
                    emit(String(decoding: pending, as: UTF8.self))
                    pending.removeAll(keepingCapacity: true)
                }
                start = index + 1
            }
            index += 1
        }
        if start < count { pending.append(contentsOf: chunk[start..<count]) }
    }

    /// `feed` for an array of bytes.
    public mutating func feed(_ chunk: [UInt8], _ emit: (String) -> Void) {
        chunk.withUnsafeBytes { feed($0, emit) }
    }

    /// Reads `fd` until end of file or an error, calling `emit` with each line.
    public static func readLines(from fd: Int32, _ emit: (String) -> Void) {
        var splitter = LineSplitter()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return }
            splitter.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), emit)
        }
    }
}
