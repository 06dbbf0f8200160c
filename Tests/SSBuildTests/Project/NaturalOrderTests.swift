import Testing
@testable import SSBuild

@Suite struct NaturalOrderTests {
    @Test func numericPrefixesOrderNumerically() {
        let names = ["10.c.js", "2.b.js", "a.js", "1.a.js", "2.a.js", "B.js"]
        #expect(names.sorted(by: NaturalOrder.precedes) == ["1.a.js", "2.a.js", "2.b.js", "10.c.js", "B.js", "a.js"])
    }

    @Test func prefixParsing() {
        #expect(NaturalOrder.numericPrefix("007.x.js") == 7)
        #expect(NaturalOrder.numericPrefix("x1.js") == nil)
        #expect(NaturalOrder.numericPrefix("99999999999999999999999.js") == nil)
    }
}
