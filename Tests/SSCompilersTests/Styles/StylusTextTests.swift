import Testing

@testable import SSCompilers

/// The byte-level helpers of `StyText` against the general ones they stand in for.
@Suite struct StylusTextTests {
    @Test func findAndContainsSearchBytes() {
        #expect(StyText.find("a.css\"", ".css\"") == 1)
        #expect(StyText.find("abc", "") == 0)
        #expect(StyText.find("ab", "abc") == nil)
        #expect(StyText.find("xxabab", "abab") == 2)
        #expect(StyText.contains("a,b", UInt8(ascii: ",")))
        #expect(!StyText.contains("ab", UInt8(ascii: ",")))
    }
}
