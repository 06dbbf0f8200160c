import Foundation
import Testing

@testable import SSBuild

private let compressionSample = Data(
    String(repeating: "function square(n) { return n * n; } // SocketStream ssbuild\n", count: 400).utf8)

private func compressionTool(_ name: String) -> String? {
    ["/usr/bin/\(name)", "/bin/\(name)", "/usr/local/bin/\(name)"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
}

@Suite("Gzip")
struct GzipTests {
    @Test func roundTripsThroughOwnDecoder() throws {
        let gz = try Gzip.compress(compressionSample)
        #expect(gz.count < compressionSample.count / 5)
        #expect(try Gzip.decompress(gz) == compressionSample)
    }

    @Test func headerIsFixed() throws {
        let gz = try Gzip.compress(compressionSample)
        // magic, deflate, no flags, mtime 0, XFL 2 (level 9), OS 255.
        #expect(Array(gz.prefix(10)) == [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff])
        let fast = try Gzip.compress(compressionSample, level: 1)
        #expect(fast[8] == 4)
    }

    @Test func trailerHoldsCRCAndLength() throws {
        let gz = try Gzip.compress(Data("abc".utf8))
        let trailer = Array(gz.suffix(8))
        // crc32("abc") = 0x352441c2, little-endian; then isize 3.
        #expect(trailer == [0xc2, 0x41, 0x24, 0x35, 3, 0, 0, 0])
    }

    @Test func isDeterministic() throws {
        #expect(try Gzip.compress(compressionSample) == Gzip.compress(compressionSample))
        #expect(try Gzip.compress(Data()) == Gzip.compress(Data()))
    }

    @Test func emptyInputIsValidGzip() throws {
        let gz = try Gzip.compress(Data())
        #expect(try Gzip.decompress(gz).isEmpty)
    }

    @Test func decompressRejectsCorruptData() throws {
        var gz = try Gzip.compress(compressionSample)
        gz[gz.count - 6] ^= 0xff
        #expect(throws: Gzip.Error.self) { try Gzip.decompress(gz) }
        #expect(throws: Gzip.Error.self) { try Gzip.decompress(Data("not gzip".utf8)) }
    }

    @Test func systemGzipAcceptsAndDecodesIt() throws {
        let gzip = try #require(compressionTool("gzip"), "gzip is installed on Debian")
        let gz = try Gzip.compress(compressionSample)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ssbuild-gzip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("app.js.gz")
        try gz.write(to: file)
        _ = try outputRunTool(gzip, ["-t", file.path], input: Data())
        let gunzip = try #require(compressionTool("gunzip"))
        #expect(try outputRunTool(gunzip, ["-c"], input: gz) == compressionSample)
    }

    @Test func largeBinaryInputRoundTrips() throws {
        let data = Data((0..<300_000).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 11) })
        #expect(try Gzip.decompress(Gzip.compress(data, level: 6)) == data)
    }
}

@Suite("Brotli")
struct BrotliTests {
    @Test func compressesText() throws {
        let br = try Brotli.compress(compressionSample)
        #expect(br.count < compressionSample.count / 5)
        #expect(br.count < (try Gzip.compress(compressionSample)).count)
    }

    @Test func isDeterministic() throws {
        #expect(try Brotli.compress(compressionSample) == Brotli.compress(compressionSample))
        #expect(
            try Brotli.compress(compressionSample, quality: 5, mode: .text)
                == Brotli.compress(compressionSample, quality: 5, mode: .text))
    }

    @Test func emptyInputGivesTheEmptyStream() throws {
        #expect(try Brotli.compress(Data()) == Data([0x06]))
    }

    // The decoder check uses Debian's `brotli` CLI (apt package `brotli`). It is part of the
    // test set-up; without it the test fails rather than pretending to pass.
    @Test func systemBrotliDecodesIt() throws {
        let brotli = try #require(compressionTool("brotli"), "install the Debian package 'brotli'")
        for data in [compressionSample, Data(), Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 * 31) })] {
            let br = try Brotli.compress(data)
            #expect(try outputRunTool(brotli, ["-dc"], input: br) == data)
        }
    }
}
