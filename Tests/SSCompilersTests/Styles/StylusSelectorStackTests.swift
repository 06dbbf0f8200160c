import Testing

@testable import SSCompilers

/// `StySelectorStack` keeps each level's selectors; it must always give what
/// `StySelectorCompiler.compile` gives for the whole stack.
@Suite struct StylusSelectorStackTests {
    static let pool = [
        "a", ".b", "&:hover", "&__title", "& > .c", "&-x", "^[0]-y", "~/z", "../w", "/root", "&", " x ", "$ph",
        ".p $q", "&.active", "& + &", "\\&amp", "^[-1..-1] .t", "", "#id", "a b ", "&$ph",
    ]

    /// A small deterministic generator (the test must not depend on a seed that changes).
    private struct StackRandom {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
    }

    private func stackSelector(_ val: String, inherits: Bool) -> StySelector {
        let s = StySelector([StyLiteral(val)])
        s.val = val
        s.inherits = inherits
        return s
    }

    @Test func levelsMatchTheFullCompile() {
        var random = StackRandom(state: 42)
        var checked = 0
        for _ in 0..<400 {
            let depth = 1 + random.next(4)
            var groups: [[StySelector]] = []
            for _ in 0..<depth {
                let width = 1 + random.next(3)
                groups.append(
                    (0..<width).map { _ in
                        stackSelector(Self.pool[random.next(Self.pool.count)], inherits: random.next(8) != 0)
                    })
            }
            for leaveHidden in [false, true] {
                var stack = StySelectorStack(leaveHidden: leaveHidden)
                for (i, g) in groups.enumerated() {
                    stack.push(g)
                    for indent in ["", "  "] {
                        let expected = StySelectorCompiler.compile(
                            Array(groups[0...i]), leaveHidden: leaveHidden, indent: indent)
                        #expect(stack.selectors(indent: indent) == expected)
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 1000)
    }

    @Test func nestedPlainAndSuffixRules() {
        let css = StylusCompiler().compile(
            SourceFile(path: "a.styl", text: ".a, .b\n  &__x, .c\n    &:hover\n      color red\n"),
            resolver: InMemoryResolver()
        ).output
        #expect(css == ".a__x:hover,\n.b__x:hover,\n.a .c:hover,\n.b .c:hover {\n  color: #f00;\n}\n")
    }

    /// A `^[-1..-1]` part naming itself again recursed until the stack overflowed (the
    /// reference throws RangeError); it now resolves to nothing.
    @Test func selfReferringPartialRangeDoesNotCrash() {
        let result = StylusCompiler().compile(
            SourceFile(path: "a.styl", text: ".a\n  .b\n    ^[-1..-1] .t\n      ^[-1..-1] .u\n        color red\n"),
            resolver: InMemoryResolver())
        #expect(!result.output.contains("^["))
        #expect(!result.hasErrors)
    }
}
