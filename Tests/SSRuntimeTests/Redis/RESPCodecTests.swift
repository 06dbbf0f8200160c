#if canImport(CHiredis)
import Testing

@testable import SSRuntime

@Suite struct RESPCodecTests {
    private func respFormat(_ args: [String]) -> String {
        var out = [UInt8]()
        RESPFormatter.format(args.map { Array($0.utf8) }) { out.append(contentsOf: $0) }
        return String(decoding: out, as: UTF8.self)
    }

    private func respParseAll(_ wire: String, chunk: Int) throws -> [RESPValue] {
        let reader = RESPReader()
        let bytes = Array(wire.utf8)
        var out = [RESPValue]()
        var i = 0
        while i < bytes.count {
            let part = bytes[i..<min(i + chunk, bytes.count)]
            try part.withUnsafeBytes { try reader.feed($0) }
            while let r = try reader.next() { out.append(r) }
            i += chunk
        }
        return out
    }

    @Test func formatsCommandsAsRESPArrays() {
        #expect(respFormat(["PING"]) == "*1\r\n$4\r\nPING\r\n")
        #expect(respFormat(["SET", "k", ""]) == "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n")
    }

    @Test func formatsBinaryArgumentsWithNULBytes() {
        var out = [UInt8]()
        RESPFormatter.format([Array("SET".utf8), [0x61, 0x00, 0x62]]) { out.append(contentsOf: $0) }
        #expect(out == Array("*2\r\n$3\r\nSET\r\n$3\r\na".utf8) + [0x00] + Array("b\r\n".utf8))
    }

    static let pipelined =
        "+OK\r\n-ERR wrong\r\n:42\r\n$5\r\nhello\r\n$-1\r\n*-1\r\n*0\r\n"
        + "*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$3\r\na\0b\r\n*2\r\n*1\r\n:1\r\n$0\r\n\r\n"

    static let expected: [RESPValue] = [
        .status("OK"), .error("ERR wrong"), .integer(42), .bulk(Array("hello".utf8)), .null, .null, .array([]),
        .array([.bulk(Array("message".utf8)), .bulk(Array("ch".utf8)), .bulk([0x61, 0, 0x62])]),
        .array([.array([.integer(1)]), .bulk([])]),
    ]

    @Test func parsesEveryReplyTypeInOneRead() throws {
        #expect(try respParseAll(Self.pipelined, chunk: 1 << 20) == Self.expected)
    }

    /// Fed one byte at a time, each reply appears exactly when its last byte arrives.
    @Test func parsesByteAtATime() throws {
        let reader = RESPReader()
        let bytes = Array(Self.pipelined.utf8)
        var out = [RESPValue]()
        var completedAt = [Int]()
        for (i, b) in bytes.enumerated() {
            try [b].withUnsafeBytes { try reader.feed($0) }
            while let r = try reader.next() {
                out.append(r)
                completedAt.append(i)
            }
        }
        #expect(out == Self.expected)
        // Every reply ends with CRLF: completion happens on a '\n' byte.
        #expect(completedAt.allSatisfy { bytes[$0] == 0x0A })
        #expect(completedAt.last == bytes.count - 1)
    }

    @Test(arguments: [2, 3, 7, 13])
    func parsesInOddChunks(_ size: Int) throws {
        #expect(try respParseAll(Self.pipelined, chunk: size) == Self.expected)
    }

    @Test func garbageIsAProtocolError() {
        let reader = RESPReader()
        #expect(throws: RedisError.self) {
            try Array("?what\r\n".utf8).withUnsafeBytes { try reader.feed($0) }
            _ = try reader.next()
        }
    }

    /// hiredis 0.14 refuses arrays nested deeper than 7; that is an error, not a crash.
    @Test func deepNestingIsAProtocolError() {
        let reader = RESPReader()
        #expect(throws: RedisError.self) {
            try Array(String(repeating: "*1\r\n", count: 12).utf8).withUnsafeBytes { try reader.feed($0) }
            _ = try reader.next()
        }
    }

    /// Random bytes (fixed seed) either parse or throw; nothing crashes or loops.
    @Test func randomBytesNeverCrashTheReader() {
        // A 64-bit LCG (Knuth's MMIX constants): deterministic, so a failure reproduces.
        var x: UInt64 = 0x5EED
        func next() -> UInt64 {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return x >> 33
        }
        let alphabet = Array("+-:$*\r\n0123456789-abc".utf8)
        for _ in 0..<2000 {
            let reader = RESPReader()
            let n = Int(next() % 64)
            let bytes = (0..<n).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
            do {
                try bytes.withUnsafeBytes { try reader.feed($0) }
                while try reader.next() != nil {}
            } catch {
                #expect(error is RedisError)
            }
        }
    }

    @Test func largeBulkAcrossManyReads() throws {
        let big = String(repeating: "x", count: 300_000)
        let values = try respParseAll("$\(big.utf8.count)\r\n\(big)\r\n", chunk: 4096)
        #expect(values == [.bulk(Array(big.utf8))])
    }
}
#endif
