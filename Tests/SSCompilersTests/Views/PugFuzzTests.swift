import Foundation
import Testing
@testable import SSCompilers

/// Mutated templates must never crash or hang the compiler: every input either
/// compiles or yields diagnostics. Deterministic (seeded), bounded in count and time.
@Suite struct PugFuzzTests {
    static let seeds = [
        "doctype html\nhtml(lang='en')\n  head\n    title= title\n  body.a#b\n    p Hello #{name} #[b x]!\n",
        "mixin m(a, ...r)\n  div&attributes(attributes)\n    block\n+m(1, 2).c(x='y')\n  p: a(href='#') l\n",
        "ul\n  each x, i in [1, 2]\n    li= x\n  else\n    li none\nif a\n  p.\n    text #{a}\nelse if b\n  | b\n",
        "case x\n  when 1: p one\n  default\n    p d\n- var y = {a: [1, '2', `3${4}`]}\n//\n  comment\n:cdata\n  raw\n",
        "extends l\nblock content\n  p(style={a: 1} class=['x', {y: true}]) t\nappend content\n  include i\n",
        "pre.\n  a\n    b\nscript.\n  if (a < b) {}\n<div>\n  span #{'}'} \\#{x}\n</div>\nwhile n < 3\n  = n++\n",
    ]

    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state ^ (state >> 29)
        }
    }

    static let alphabet = Array("()[]{}#.:|=!-+&/'\"`\\ \n\t  abc#{}#[]".utf8)

    static func mutate(_ input: String, _ rng: inout Generator) -> String {
        var bytes = Array(input.utf8)
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: bytes.insert(alphabet.randomElement(using: &rng)!, at: position)
            case 1: if !bytes.isEmpty { bytes.remove(at: position) }
            case 2: if !bytes.isEmpty { bytes[position] = alphabet.randomElement(using: &rng)! }
            default:
                // Duplicate a slice, which creates deep nesting and repeated constructs.
                let end = min(bytes.count, position + Int.random(in: 1...20, using: &rng))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func mutatedTemplatesNeverCrashOrHang() {
        var rng = Generator(state: 0x5eed)
        let resolver = InMemoryResolver(files: ["l.pug": "html\n  block content\n", "i.pug": "p included\n"])
        let compiler = PugCompiler(options: PugOptions())
        let start = Date()
        var tried = 0
        var failed = 0
        while tried < 3000, Date().timeIntervalSince(start) < 8 {
            let seed = Self.seeds[tried % Self.seeds.count]
            let input = Self.mutate(seed, &rng)
            let result = compiler.compileClient(SourceFile(path: "t.pug", text: input), resolver: resolver)
            #expect(result.hasErrors || result.output.hasPrefix("function template(locals)"))
            if result.hasErrors { failed += 1 }
            tried += 1
        }
        #expect(tried >= 500)
        #expect(failed > 0 && failed < tried)
    }

    /// Long inputs stay linear: these took seconds (or overflowed the stack) before
    /// attribute lexing and text interpolation were made incremental.
    @Test func longLinesStayFast() {
        let compiler = PugCompiler(options: PugOptions())
        let inputs = [
            "p(a=" + Array(repeating: "1", count: 5000).joined(separator: " + ") + ")",
            "p " + String(repeating: "#{1}", count: 5000),
            "p " + String(repeating: "\\#{x} #[b y] ", count: 2000),
        ]
        for input in inputs {
            let start = Date()
            let result = compiler.compileClient(SourceFile(path: "t.pug", text: input), resolver: InMemoryResolver())
            #expect(!result.hasErrors)
            #expect(Date().timeIntervalSince(start) < 10, "quadratic time is back?")
        }
    }

    @Test func pathologicalInputs() {
        let compiler = PugCompiler(options: PugOptions())
        let inputs = [
            String(repeating: "(", count: 5000), String(repeating: "#[", count: 2000), String(repeating: "#{", count: 2000),
            String(repeating: "p\n ", count: 2000), String(repeating: "- if (a) {\n", count: 500), "\u{FEFF}p\r\n  | x\r",
            String(repeating: "+m(", count: 1000), String(repeating: "a: ", count: 3000) + "b",
            String(repeating: "include i\n", count: 50), "p(" + String(repeating: "a=1 ", count: 3000) + ")",
            "#", "p\n#", "a#", "p #", "+", "-", "!", ".", ":", "(", "&attributes", "#[", "p #[", "//", "| #{", "a(b=", "a(b='",
        ]
        for input in inputs {
            let result = compiler.compileClient(SourceFile(path: "t.pug", text: input), resolver: InMemoryResolver(files: ["i.pug": "p"]))
            #expect(result.hasErrors || !result.output.isEmpty)
        }
    }
}
