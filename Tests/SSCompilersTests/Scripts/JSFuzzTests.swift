import Foundation
import Testing

@testable import SSCompilers

/// A small deterministic generator (SplitMix64), so fuzz failures reproduce.
struct JSFuzzRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum JSFuzz {
    static let vocabulary = [
        "a", "b", "return", "if", "else", "(", ")", "{", "}", "[", "]", ";", ",", ".", "?.", "?", ":", "=", "==",
        "+", "++", "-", "--", "/", "/=", "*", "**", "!", "~", "<", "<!--", "-->", ">>>", "=>", "...", "`", "${",
        "'s'", "\"d\"", "'", "\"", "/re/g", "/", "\\", "1", "1.5", ".5", "0x1f", "1n", "1e3", "1_0", "//c\n",
        "/* c */", "/*", "*/", "/*! keep */", "\n", " ", "\t", "\u{2028}", "\u{00A0}", "typeof", "in", "of",
        "let", "yield", "async", "function", "class", "#p", "@", "é", "\u{1F600}", "throw", "break", "new",
    ]

    static func randomTokens(_ rng: inout JSFuzzRandom) -> String {
        var parts: [String] = []
        for _ in 0..<Int.random(in: 1...40, using: &rng) {
            parts.append(vocabulary.randomElement(using: &rng) ?? "a")
            if Bool.random(using: &rng) { parts.append(Bool.random(using: &rng) ? " " : "\n") }
        }
        return parts.joined()
    }

    static func mutate(_ bytes: [UInt8], _ rng: inout JSFuzzRandom) -> String {
        var copy = bytes
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            guard !copy.isEmpty else { break }
            let at = Int.random(in: 0..<copy.count, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: copy.remove(at: at)
            case 1: copy.insert(Array("`'\"/{}()[]\\\n*".utf8).randomElement(using: &rng) ?? 0x20, at: at)
            case 2: copy.removeSubrange(at..<min(copy.count, at + Int.random(in: 1...200, using: &rng)))
            default: copy = Array(copy[..<at])
            }
        }
        return String(decoding: copy, as: UTF8.self)
    }

    /// The parser-level invariant: when the input parses, so does its minified output, and
    /// minifying that again is stable.
    static func checkParserMinify(_ input: String) {
        let mapped = JavaScript.minifyMapped(SourceFile(path: "f.js", text: input))
        let result = mapped.result
        checkMap(mapped.map, output: result.output, input: input)
        if result.hasErrors {
            #expect(result.output == input)
            return
        }
        let again = JavaScript.minify(SourceFile(path: "f.js", text: result.output))
        #expect(!again.hasErrors, "minified output does not parse: \(result.output.prefix(300).debugDescription)")
    }

    /// Source-map invariants: segments in output order, inside the output and the input.
    static func checkMap(_ map: SourceMap, output: String, input: String) {
        let outputLines = SourceMap.extent(of: output).lines
        let inputLines = SourceMap.extent(of: input).lines
        var previous: SourceMap.Mapping?
        for m in map.mappings {
            if let p = previous {
                #expect(p.generatedLine < m.generatedLine
                        || (p.generatedLine == m.generatedLine && p.generatedColumn < m.generatedColumn))
            }
            #expect(m.generatedLine <= outputLines && m.originalLine <= inputLines && m.originalColumn >= 0)
            previous = m
        }
        #expect(SourceMap(json: map.json()) == map)
    }

    /// The token-level invariant: minified output lexes to the same tokens as the input.
    static func tokenTexts(_ text: String) -> [String] {
        let stream = JSTokenStream(file: SourceFile(path: "f.js", text: text))
        return stream.tokens.map { String(decoding: stream.bytes[$0.start..<$0.end], as: UTF8.self) }
    }
}

@Suite("JavaScript fuzz")
struct JSFuzzTests {
    @Test func randomTokenStreamsNeverCrashAndKeepTokens() {
        var rng = JSFuzzRandom(state: 42)
        var valid = 0
        for _ in 0..<3000 {
            let input = JSFuzz.randomTokens(&rng)
            let file = SourceFile(path: "f.js", text: input)
            let result = JavaScript.minifyTokens(file)
            if result.hasErrors {
                #expect(result.output == input)
            } else {
                valid += 1
                #expect(JSFuzz.tokenTexts(result.output) == JSFuzz.tokenTexts(input), "input: \(input.debugDescription)")
            }
            JSFuzz.checkParserMinify(input)
        }
        #expect(valid > 100)
    }

    @Test func mutatedRealFilesNeverCrash() throws {
        let paths = ["/usr/share/javascript/mustache/mustache.js", "/usr/share/javascript/underscore/underscore.js"]
        let sources = paths.compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
        guard !sources.isEmpty else {
            print("skipping mutated real files: mustache/underscore are not installed")
            return
        }
        var rng = JSFuzzRandom(state: 7)
        var tried = 0
        for source in sources {
            let bytes = Array(source.utf8)
            for _ in 0..<200 {
                let input = JSFuzz.mutate(bytes, &rng)
                let result = JavaScript.minifyTokens(SourceFile(path: "m.js", text: input))
                if !result.hasErrors {
                    #expect(JSFuzz.tokenTexts(result.output) == JSFuzz.tokenTexts(input))
                }
                JSFuzz.checkParserMinify(input)
                tried += 1
            }
        }
        #expect(tried == sources.count * 200)
    }
}
