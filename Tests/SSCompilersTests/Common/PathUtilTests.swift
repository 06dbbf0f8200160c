import Testing

@testable import SSCompilers

@Suite struct PathUtilTests {
    /// The byte version (ASCII paths) gives what the Character version gives.
    @Test func normalizeOverBytesMatchesNormalizeOverCharacters() {
        let paths = [
            "", ".", "..", "/", "//", "a", "a/b", "/a/b/", "a//b", "./a", "a/./b", "a/../b", "../a", "../../a/b",
            "/../a", "/a/../../b", "a/b/../../..", "a/b/../../../c", "./../x/./y/..", "app/css/./pages/../x.styl",
            "/s/app.styl/../lib", "a/...", "a/.b/..c", "../..", "/..", "a/b/c/../../../../..",
        ]
        for p in paths {
            #expect(PathUtil.normalizeASCII(p) == PathUtil.normalizeCharacters(p), "\(p)")
        }
    }

    @Test func nonASCIIPathsTakeTheCharacterVersion() {
        #expect(PathUtil.normalizeASCII("é/../b") == nil)
        #expect(PathUtil.normalize("é/../b") == "b")
        #expect(PathUtil.normalize("a/é/./c") == "a/é/c")
    }

    @Test func normalizeExamples() {
        #expect(PathUtil.normalize("/a/./b/../c//d/") == "/a/c/d")
        #expect(PathUtil.normalize("../../x") == "../../x")
        #expect(PathUtil.normalize("/../x") == "/x")
        #expect(PathUtil.normalize("a/..") == ".")
    }
}
