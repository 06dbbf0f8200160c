import Foundation
import SSActions
import Testing

/// The worker pipe's framing: lines split across and within chunks, and writes batched
/// from many threads without tearing a line.
@Suite struct WorkerPipeTests {
    @Test func linesComeOutWholeHoweverTheBytesAreChunked() {
        var rng = SystemRandomNumberGenerator()
        let lines = (0..<500).map { i in
            String(repeating: "é\(i)", count: Int.random(in: 0...40, using: &rng))
        }
        let bytes = Array(lines.map { $0 + "\n" }.joined().utf8)
        for _ in 0..<20 {
            var splitter = LineSplitter()
            var out: [String] = []
            var offset = 0
            while offset < bytes.count {
                let n = min(bytes.count - offset, Int.random(in: 1...300, using: &rng))
                splitter.feed(Array(bytes[offset..<offset + n])) { out.append($0) }
                offset += n
            }
            #expect(out == lines)
        }
    }

    @Test func anUnfinishedLineWaitsForItsNewline() {
        var splitter = LineSplitter()
        var out: [String] = []
        splitter.feed(Array("ab".utf8)) { out.append($0) }
        #expect(out.isEmpty)
        splitter.feed(Array("c\n\nd".utf8)) { out.append($0) }
        #expect(out == ["abc", ""])
    }

    @Test func concurrentSendersNeverTearALineAndKeepTheirOrder() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let writer = CoalescingLineWriter(fileDescriptor: writeEnd)
        let received = ReceivedLines()
        let reader = Thread {
            LineSplitter.readLines(from: readEnd) { received.append($0) }
            received.finish()
        }
        reader.start()
        let senders = 8
        let perSender = 2000
        DispatchQueue.concurrentPerform(iterations: senders) { s in
            for i in 0..<perSender {
                writer.send("{\"s\":\(s),\"i\":\(i),\"pad\":\"\(String(repeating: "x", count: i % 97))\"}")
            }
        }
        close(fds[1])
        let lines = received.waitForEnd()
        close(fds[0])
        #expect(lines.count == senders * perSender)
        var next = [Int](repeating: 0, count: senders)
        var inOrder = true
        for line in lines {
            let parsed = try #require(try? JSONParser.parse(line))
            let s = Int(parsed["s"]?.doubleValue ?? -1)
            let i = Int(parsed["i"]?.doubleValue ?? -1)
            try #require(s >= 0 && s < senders)
            if i != next[s] { inOrder = false }
            next[s] = i + 1
        }
        #expect(inOrder)
        #expect(next == [Int](repeating: perSender, count: senders))
    }

    /// The worker-process bug this guards against: the pipe was closed behind the writer's
    /// back, its number went to a new socket, and a later line (a disconnect) went out on it.
    @Test func aClosedWriterNeverWritesToTheDescriptorsNextOwner() throws {
        var a: [Int32] = [0, 0]
        try #require(pipe(&a) == 0)
        let writer = CoalescingLineWriter(fileDescriptor: a[1], closesDescriptor: true)
        writer.send("before")
        writer.close()
        // The lowest free numbers go to the next descriptors made, as to a new socket's.
        var b: [Int32] = [0, 0]
        try #require(pipe(&b) == 0)
        defer { close(b[0]); close(b[1]); close(a[0]) }
        writer.send("after")
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64)
        while case let n = read(a[0], &chunk, chunk.count), n > 0 { bytes += chunk[..<n] }
        #expect(String(decoding: bytes, as: UTF8.self) == "before\n", "written before close, then end of file")
        _ = fcntl(b[0], F_SETFL, fcntl(b[0], F_GETFL) | O_NONBLOCK)
        #expect(read(b[0], &chunk, chunk.count) == -1, "nothing reached the descriptor that took the number")
    }

    @Test func aClosedReaderMakesSendsNoOps() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        close(fds[0])
        signal(SIGPIPE, SIG_IGN)
        let writer = CoalescingLineWriter(fileDescriptor: fds[1])
        #expect(!writer.isBroken)
        writer.send("lost")
        #expect(writer.isBroken)
        writer.send("lost too")
        close(fds[1])
    }
}

private final class ReceivedLines: @unchecked Sendable {
    private let condition = NSCondition()
    private var lines: [String] = []
    private var done = false

    func append(_ line: String) {
        condition.lock()
        lines.append(line)
        condition.unlock()
    }

    func finish() {
        condition.lock()
        done = true
        condition.signal()
        condition.unlock()
    }

    func waitForEnd() -> [String] {
        condition.lock()
        defer { condition.unlock() }
        while !done { condition.wait() }
        return lines
    }
}
