import Foundation
import Testing

@testable import SSBuild

@Suite("SHA-256")
struct SHA256Tests {
    // FIPS 180-4 / NIST CAVP example vectors.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ])
    func knownVectors(input: String, expected: String) {
        #expect(SHA256.hash(Data(input.utf8)).hex == expected)
        #expect(SHA256.hash(input).hex == expected)
    }

    @Test func oneMillionA() {
        let data = Data(repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hash(data).hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func paddingBoundaries() {
        // 55, 56 and 64 bytes exercise the one- and two-block padding paths.
        #expect(
            SHA256.hash(Data(repeating: 0x61, count: 55)).hex
                == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(
            SHA256.hash(Data(repeating: 0x61, count: 56)).hex
                == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        #expect(
            SHA256.hash(Data(repeating: 0x61, count: 64)).hex
                == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }

    @Test func incrementalUpdatesMatchOneShot() {
        let data = Data((0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let expected = SHA256.hash(data)
        for split in [1, 3, 63, 64, 65, 127, 500] {
            var hasher = SHA256()
            var offset = 0
            while offset < data.count {
                let end = min(data.count, offset + split)
                hasher.update(data.subdata(in: offset..<end))
                offset = end
            }
            #expect(hasher.finalize() == expected, "chunk size \(split)")
        }
    }

    @Test func unalignedSlicesHashLikeCopies() {
        let backing = Data((0..<300).map { UInt8(truncatingIfNeeded: $0) })
        let slice = backing[3..<259]
        #expect(SHA256.hash(slice) == SHA256.hash(Data(Array(slice))))
    }

    @Test func base64Encoding() {
        #expect(SHA256.hash("abc").base64 == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
        #expect(SHA256.hash("").base64 == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
    }

    @Test func matchesSystemSha256sum() throws {
        let data = Data((0..<100_003).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) })
        let output = try outputRunTool("/usr/bin/sha256sum", input: data)
        #expect(String(decoding: output, as: UTF8.self).hasPrefix(SHA256.hash(data).hex + " "))
    }
}

@Suite("Content hash")
struct ContentHashTests {
    @Test func fingerprintIsTwelveLowercaseHexDigitsOfSHA256() {
        let fp = ContentHash.fingerprint(Data("abc".utf8))
        #expect(fp == "ba7816bf8f01")
        #expect(fp.count == 12)
    }

    @Test func fingerprintChangesWithContent() {
        #expect(ContentHash.fingerprint(Data("a".utf8)) != ContentHash.fingerprint(Data("b".utf8)))
    }

    @Test func integrityIsSRIFormat() {
        #expect(ContentHash.integrity(Data("abc".utf8)) == "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
    }

    @Test(arguments: [
        ("app.js", "app-0123456789ab.js"),
        ("jquery.min.js", "jquery.min-0123456789ab.js"),
        ("LICENSE", "LICENSE-0123456789ab"),
        (".hidden", ".hidden-0123456789ab"),
    ])
    func hashedFileNames(logical: String, hashed: String) {
        #expect(ContentHash.hashedFileName(logical, fingerprint: "0123456789ab") == hashed)
        #expect(ContentHash.looksHashed(hashed))
    }

    @Test func looksHashedRejectsOrdinaryNames() {
        #expect(ContentHash.looksHashed("app-0123456789ab.js.gz"))
        #expect(ContentHash.looksHashed("app-0123456789ab.css.br"))
        #expect(!ContentHash.looksHashed("app.js"))
        #expect(!ContentHash.looksHashed("manifest.json"))
        #expect(!ContentHash.looksHashed("logo-0123456789AB.png"))
        #expect(!ContentHash.looksHashed("app_0123456789ab.js"))
        #expect(!ContentHash.looksHashed("-0123456789ab.js"))
    }
}

/// Runs a tool with `input` on stdin and returns its stdout; throws on a non-zero exit.
func outputRunTool(_ path: String, _ arguments: [String] = [], input: Data) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Feed stdin from another thread so a tool that writes before reading everything
    // cannot deadlock against us.
    let writer = Thread {
        stdin.fileHandleForWriting.write(input)
        try? stdin.fileHandleForWriting.close()
    }
    writer.start()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw OutputToolError(tool: path, status: process.terminationStatus)
    }
    return output
}

struct OutputToolError: Error, CustomStringConvertible {
    var tool: String
    var status: Int32
    var description: String { "\(tool) exited with \(status)" }
}
