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
