import Testing

@testable import SSCompilers

/// The byte-level helpers of `StyText` against the general ones they stand in for.
@Suite struct StylusTextTests {
    @Test func normalizePathMatchesPathUtil() {
        let paths = [
            "", ".", "..", "/", "//", "a", "a/b", "/a/b/", "a//b", "./a", "a/./b", "a/../b", "../a", "../../a/b",
            "/../a", "/a/../../b", "a/b/../../..", "a/b/../../../c", "./../x/./y/..", "app/css/./pages/../x.styl",
            "/s/app.styl/../lib", "a/...", "a/.b/..c", "é/../b", "a/é/./c",
        ]
        for p in paths {
            #expect(StyText.normalizePath(p) == PathUtil.normalize(p), "\(p)")
        }
    }

    @Test func findAndContainsSearchBytes() {
        #expect(StyText.find("a.css\"", ".css\"") == 1)
        #expect(StyText.find("abc", "") == 0)
        #expect(StyText.find("ab", "abc") == nil)
        #expect(StyText.find("xxabab", "abab") == 2)
        #expect(StyText.contains("a,b", UInt8(ascii: ",")))
        #expect(!StyText.contains("ab", UInt8(ascii: ",")))
    }
}
