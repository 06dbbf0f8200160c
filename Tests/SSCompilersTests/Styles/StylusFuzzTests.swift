import Foundation
import Testing

@testable import SSCompilers

/// Mutated stylesheets must never crash or hang the compiler: every input returns a
/// result (CSS or diagnostics). Deterministic (seeded), bounded in size and count.
@Suite struct StylusFuzzTests {
    static let seeds = [
        "body\n  color red\n  a\n    &:hover\n      color darken(red, 10%)\n",
        "m(a = 1px, b...)\n  width a b\n  {block}\n.x\n  +m(2px)\n    color blue\n",
        "for i in 1..3\n  .c-{i}\n    width (100% / 3) * i if i > 1\n",
        "obj = {a: 1, b: {c: 2}}\n@media (max-width: 10px)\n  .a\n    z obj.b.c\n    @extend $p\n$p\n  x 1\n",
        "f(n)\n  return n < 2 ? n : f(n - 1) + f(n - 2)\nbody { z: f(6); y: s('%s', 1) }\n",
        "@keyframes k\n  from\n    opacity 0\n@font-face\n  src url('a.woff')\n// c\n/* d */\n",
    ]

    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let alphabet = Array("{}()[],.:;=+-*/%&^~!?@$#'\"\\ \n\t\r0123456789abcdefxyz-_|<>")

    static func mutate(_ s: String, _ rng: inout SplitMix64) -> String {
        var chars = Array(s)
        let edits = Int.random(in: 1...4, using: &rng)
        for _ in 0..<edits {
            let pos = chars.isEmpty ? 0 : Int.random(in: 0..<chars.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0 where !chars.isEmpty: chars.remove(at: pos)
            case 1: chars.insert(alphabet.randomElement(using: &rng) ?? " ", at: pos)
            case 2 where !chars.isEmpty:
                let len = min(chars.count - pos, Int.random(in: 1...12, using: &rng))
                chars.insert(contentsOf: chars[pos..<(pos + len)], at: pos)
            case 3 where !chars.isEmpty: chars[pos] = alphabet.randomElement(using: &rng) ?? " "
            default:
                let other = seeds.randomElement(using: &rng) ?? ""
                chars.insert(contentsOf: Array(other.prefix(Int.random(in: 0...30, using: &rng))), at: pos)
            }
        }
        return String(chars.prefix(2_000))
    }

    /// 2,000 inputs per CI run; bench/stylus-fuzz.sh runs many more with other seeds
    /// (`SS_STYLUS_FUZZ_COUNT`, `SS_STYLUS_FUZZ_SEED`).
    @Test func mutatedStylesheetsNeverCrash() {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["SS_STYLUS_FUZZ_COUNT"].flatMap { Int($0) } ?? 2_000
        let seed = environment["SS_STYLUS_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x5EED
        var rng = SplitMix64(state: seed)
        let compiler = StylusCompiler()
        let resolver = InMemoryResolver(files: ["/f/p.styl": "a\n  b c\n"])
        var tried = 0
        var withOutput = 0
        for i in 0..<count {
            let input = Self.mutate(Self.seeds[i % Self.seeds.count], &rng)
            let result = compiler.compile(SourceFile(path: "/f/in.styl", text: input), resolver: resolver)
            if !result.output.isEmpty { withOutput += 1 }
            tried += 1
        }
        print("stylus fuzz: \(tried) inputs tried (seed \(seed)), \(withOutput) compiled to CSS, none crashed or hung")
        #expect(tried == count)
        #expect(withOutput > count / 20)
    }

    @Test func deepNestingIsBounded() {
        let deepParens = String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000)
        let r1 = StylusCompiler().compile(
            SourceFile(path: "/d.styl", text: "body\n  z " + deepParens + "\n"), resolver: InMemoryResolver())
        #expect(r1.hasErrors)
        var nested = ""
        for i in 0..<600 { nested += String(repeating: "  ", count: i) + "a\n" }
        let r2 = StylusCompiler().compile(SourceFile(path: "/d.styl", text: nested), resolver: InMemoryResolver())
        #expect(r2.diagnostics.allSatisfy { $0.id.rawValue.hasPrefix("STY") })
    }

    /// Found by a size test: comment detection for joined lines was quadratic in the file length.
    @Test func longSelectorListStaysLinear() {
        let text = (0..<5_000).map { ".s\($0)," }.joined(separator: "\n") + "\n.last\n  color red\n"
        let start = ContinuousClock.now
        let result = StylusCompiler().compile(SourceFile(path: "/l.styl", text: text), resolver: InMemoryResolver())
        #expect(!result.hasErrors)
        #expect(result.output.split(separator: "\n").count == 5_003)
        #expect(ContinuousClock.now - start < .seconds(20))
    }
}
