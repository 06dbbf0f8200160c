import Foundation
import Testing

@testable import SSBuild

@Suite("Manifest")
struct ManifestTests {
    private let sample = Manifest(entries: [
        "lib.js": .init(file: "lib-aaaaaaaaaaaa.js", size: 10, gzipSize: 30, integrity: "sha256-x"),
        "app.css": .init(file: "app-bbbbbbbbbbbb.css", size: 20, gzipSize: 15, brotliSize: 12, integrity: "sha256-y"),
    ])

    @Test func encodingIsCanonical() {
        let text = String(decoding: sample.encoded(), as: UTF8.self)
        #expect(
            text == """
                {
                  "app.css": {
                    "file": "app-bbbbbbbbbbbb.css",
                    "size": 20,
                    "gzipSize": 15,
                    "brotliSize": 12,
                    "integrity": "sha256-y"
                  },
                  "lib.js": {
                    "file": "lib-aaaaaaaaaaaa.js",
                    "size": 10,
                    "gzipSize": 30,
                    "integrity": "sha256-x"
                  }
                }

                """)
    }

    @Test func roundTripsThroughJSONDecoder() throws {
        #expect(try Manifest.decode(sample.encoded()) == sample)
        let viaEncoder = try JSONEncoder().encode(sample)
        #expect(try Manifest.decode(viaEncoder) == sample)
    }

    @Test func emptyManifest() throws {
        #expect(String(decoding: Manifest().encoded(), as: UTF8.self) == "{}\n")
        #expect(try Manifest.decode(Manifest().encoded()) == Manifest())
    }

    @Test func filesListsSiblings() {
        #expect(
            sample.files == [
                "app-bbbbbbbbbbbb.css", "app-bbbbbbbbbbbb.css.gz", "app-bbbbbbbbbbbb.css.br",
                "lib-aaaaaaaaaaaa.js", "lib-aaaaaaaaaaaa.js.gz",
            ])
    }

    @Test func stringsAreEscaped() throws {
        let odd = Manifest(entries: ["a\"b\\c<\u{1}.js": .init(file: "f", size: 1, integrity: "i")])
        let text = String(decoding: odd.encoded(), as: UTF8.self)
        #expect(text.contains(#""a\"b\\c\u003c\u0001.js""#))
        #expect(try Manifest.decode(odd.encoded()) == odd)
    }

    @Test func historyEncodingRoundTrips() throws {
        var history = ReleaseHistory(releases: [])
        history.record(.init(id: "one", files: ["b", "a"]), keep: 2)
        history.record(.init(id: "two", files: []), keep: 2)
        let dropped = history.record(.init(id: "three", files: ["c"]), keep: 2)
        #expect(dropped.map(\.id) == ["one"])
        #expect(history.releases.map(\.id) == ["three", "two"])
        #expect(ReleaseHistory.decode(history.encoded()) == history)
        #expect(ReleaseHistory.decode(Data("garbage".utf8)) == nil)
    }
}
