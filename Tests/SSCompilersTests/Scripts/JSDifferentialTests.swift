import Foundation
import Testing

@testable import SSCompilers

/// Random programs (branches, loops, early exits, conditionals, null checks, compound
/// assignments) run in node before and after minification must print the same trace.
/// This exercises every compressor rewrite on combinations no hand-written test has.
enum JSProgramGenerator {
    static let variables = ["a", "b", "c", "d"]
    static let literals = [
        "0", "1", "2", "-1", "0.5", "1e3", "\"x\"", "\"\"", "'q'", "null", "void 0", "undefined", "true", "false",
        "NaN", "Infinity", "[]", "\"a\\nb\"",
    ]
    static let binaryOps = ["+", "-", "*", "===", "!==", "==", "!=", "<", ">=", "&&", "||", "??", "|", "&"]

    static func pick(_ items: [String], _ rng: inout JSFuzzRandom) -> String { items.randomElement(using: &rng) ?? "a" }

    static func expression(_ depth: Int, _ rng: inout JSFuzzRandom) -> String {
        if depth > 3 { return pick(variables + literals, &rng) }
        let v = pick(variables, &rng)
        switch Int.random(in: 0..<16, using: &rng) {
        case 0..<3: return v
        case 3..<5: return pick(literals, &rng)
        case 5: return "(\(expression(depth + 1, &rng)) \(pick(binaryOps, &rng)) \(expression(depth + 1, &rng)))"
        case 6: return "(\(expression(depth + 1, &rng)) ? \(expression(depth + 1, &rng)) : \(expression(depth + 1, &rng)))"
        case 7: return "(!\(expression(depth + 1, &rng)))"
        case 8: return "(typeof \(pick(variables + ["zz"], &rng)) \(pick(["===", "!=="], &rng)) \"undefined\")"
        case 9: return "(\(v) == null ? void 0 : \(v).length)"
        case 10: return "(\(v) = \(expression(depth + 1, &rng)))"
        case 11: return "(\(v) \(pick(["+=", "-=", "||=", "&&=", "??="], &rng)) \(expression(depth + 1, &rng)))"
        case 12: return "f\(Int.random(in: 0..<3, using: &rng))(\(expression(depth + 1, &rng)), \(expression(depth + 1, &rng)))"
        case 13: return "(\(expression(depth + 1, &rng)), \(expression(depth + 1, &rng)))"
        case 14: return "(\(v) !== void 0 && \(v) !== null)"
        default: return "(\(v) = \(v) + \(expression(depth + 1, &rng)))"
        }
    }

    static func statement(_ depth: Int, inLoop: Bool, _ rng: inout JSFuzzRandom) -> String {
        if depth > 2 { return expression(0, &rng) + ";" }
        let e = expression(0, &rng)
        switch Int.random(in: 0..<12, using: &rng) {
        case 0..<3: return e + ";"
        case 3: return "if (\(e)) { \(block(depth + 1, inLoop: inLoop, &rng)) }"
        case 4: return "if (\(e)) { \(block(depth + 1, inLoop: inLoop, &rng)) } else { \(block(depth + 1, inLoop: inLoop, &rng)) }"
        case 5: return "if (\(e)) return \(expression(0, &rng));"
        case 6: return Bool.random(using: &rng) ? "return \(e);" : "log(\(e));"
        case 7: return "for (var i\(depth) = 0; i\(depth) < 3; i\(depth)++) { \(block(depth + 1, inLoop: true, &rng)) }"
        case 8 where inLoop: return pick(["break;", "continue;", "if (\(e)) break;", "if (\(e)) continue;"], &rng)
        case 9: return "var \(pick(variables, &rng)) = \(e);"
        case 10: return "try { \(block(depth + 1, inLoop: inLoop, &rng)) } catch (err) { log(\"E\"); }"
        default: return "while (\(pick(variables, &rng)) && n++ < 4) { \(block(depth + 1, inLoop: true, &rng)) }"
        }
    }

    static func block(_ depth: Int, inLoop: Bool, _ rng: inout JSFuzzRandom) -> String {
        (0..<Int.random(in: 1...3, using: &rng)).map { _ in statement(depth, inLoop: inLoop, &rng) }.joined(separator: " ")
    }

    static func program(seed: UInt64) -> String {
        var rng = JSFuzzRandom(state: seed)
        var text = "var out = [], depth = 0;\n"
        text += "function log(v) { out.push(typeof v === 'number' && isNaN(v) ? 'NaN' : JSON.stringify(v)); }\n"
        for i in 0..<3 {
            text += "function f\(i)(a, b) { if (++depth > 3) { depth--; return 'deep'; } "
            text += "try { return g\(i)(a, b); } finally { depth--; } }\n"
            text += "function g\(i)(a, b) { var c = \(pick(literals, &rng)), d = \(pick(literals, &rng)), n = 0; "
            text += block(0, inLoop: false, &rng) + " return [a, b, c, d]; }\n"
        }
        text += "for (var k = 0; k < 3; k++) { try { log(f0(k, 's')); log(f1(null, k)); log(f2(undefined, [k])); }"
        text += " catch (e) { log('ERR ' + e.message); } }\nconsole.log(out.join('|'));\n"
        return text
    }
}

@Suite("JavaScript differential fuzz")
struct JSDifferentialTests {
    @Test func randomProgramsBehaveTheSameAfterMinifying() throws {
        guard let node = JSLibraries.tool("node") else {
            print("skipping differential fuzz: node is not installed")
            return
        }
        let dir = try JSLibraries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var compared = 0
        for seed in UInt64(1)...30 {
            let source = JSProgramGenerator.program(seed: seed)
            let result = JavaScript.minify(SourceFile(path: "p.js", text: source))
            #expect(!result.hasErrors, "seed \(seed): \(result.diagnostics.first?.headline ?? "")")
            let original = dir.appendingPathComponent("p\(seed).js")
            let minified = dir.appendingPathComponent("m\(seed).js")
            try source.write(to: original, atomically: true, encoding: .utf8)
            try result.output.write(to: minified, atomically: true, encoding: .utf8)
            let (_, expected) = try JSLibraries.run(node, [original.path])
            let (_, actual) = try JSLibraries.run(node, [minified.path])
            #expect(actual == expected, "seed \(seed)\n\(source)\n--- minified ---\n\(result.output)")
            compared += 1
        }
        #expect(compared == 30)
    }
}
