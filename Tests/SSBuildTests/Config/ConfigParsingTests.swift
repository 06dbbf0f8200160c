import Foundation
import SSCompilers
import Testing

@testable import SSBuild

private func parseJSON(_ text: String) throws(Diagnostic) -> ConfigNode {
    try ConfigJSONParser.parse(SourceFile(path: "t.json", text: text))
}

private func parseJSONError(_ text: String) -> String? {
    do {
        _ = try parseJSON(text)
        return nil
    } catch {
        return error.headline
    }
}

@Suite("Config JSON parser")
struct ConfigJSONParserTests {
    @Test func valuesAndPositions() throws {
        let node = try parseJSON("{\n  \"a\": [1, -2.5e1, true, false, null],\n  \"b\": \"x\"\n}")
        let a = try #require(node.object?["a"])
        guard case .array(let items) = a.value else {
            Issue.record("not an array")
            return
        }
        #expect(items.map(\.value) == [.integer(1), .double(-25), .bool(true), .bool(false), .null])
        #expect(items.map { $0.origin.location?.description } == ["2:9", "2:12", "2:20", "2:26", "2:33"])
        #expect(a.keyOrigin?.location?.description == "2:3")
        #expect(node.object?["b"]?.origin.location?.description == "3:8")
    }

    @Test func stringEscapes() throws {
        let node = try parseJSON(#"["a\"b\\c\/d\n\t\u00e9\ud83d\ude00", "plain é"]"#)
        guard case .array(let items) = node.value else {
            Issue.record("not an array")
            return
        }
        #expect(items.map(\.value) == [.string("a\"b\\c/d\n\té😀"), .string("plain é")])
    }

    @Test(arguments: [
        (
            "{\"a\": 1,}",
            "t.json:1:9: error[CFG0001]: invalid JSON: expected a key in double quotes (no trailing commas in JSON)"
        ),
        ("{'a': 1}", "t.json:1:2: error[CFG0001]: invalid JSON: expected a key in double quotes"),
        ("[1 2]", "t.json:1:4: error[CFG0001]: invalid JSON: expected ',' or ']' in the array"),
        ("{\"a\": 1, \"a\": 2}", "t.json:1:10: error[CFG0001]: invalid JSON: duplicate key \"a\""),
        ("\"abc", "t.json:1:1: error[CFG0001]: invalid JSON: unterminated string"),
        ("01", "t.json:1:1: error[CFG0001]: invalid JSON: numbers cannot have leading zeros"),
        ("tru", "t.json:1:1: error[CFG0001]: invalid JSON: invalid literal, expected 'true'"),
        ("{} x", "t.json:1:4: error[CFG0001]: invalid JSON: unexpected content after the JSON value"),
        ("", "t.json:1:1: error[CFG0001]: invalid JSON: unexpected end of file, expected a value"),
        ("[\"\\x\"]", "t.json:1:3: error[CFG0001]: invalid JSON: invalid escape '\\x'"),
        ("{\"a\" 1}", "t.json:1:6: error[CFG0001]: invalid JSON: expected ':' after the key \"a\""),
        ("1e999", "t.json:1:1: error[CFG0001]: invalid JSON: number out of range"),
    ])
    func syntaxErrors(text: String, expected: String) {
        #expect(parseJSONError(text) == expected)
    }

    @Test func depthIsLimited() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(parseJSONError(deep)?.contains("nested deeper than 128 levels") == true)
        #expect(parseJSONError(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)) == nil)
    }

    @Test func neverCrashesOnMangledInput() {
        let seed = #"{"a": [1, 2.5, "x\u00e9", {"b": null}], "c": true, "d": "e\n"}"#
        var generator = ConfigTestRandom(seed: 42)
        let bytes = Array(seed.utf8)
        for _ in 0..<3000 {
            var mangled = bytes
            for _ in 0..<generator.next(upTo: 4) + 1 {
                let position = generator.next(upTo: mangled.count)
                switch generator.next(upTo: 3) {
                case 0: mangled.remove(at: position)
                case 1: mangled.insert(bytes[generator.next(upTo: bytes.count)], at: position)
                default: mangled[position] = bytes[generator.next(upTo: bytes.count)]
                }
                if mangled.isEmpty { mangled = [0x7b] }
            }
            _ = try? parseJSON(String(decoding: mangled, as: UTF8.self))
        }
        #expect(parseJSONError(seed) == nil)
    }
}

@Suite("Config YAML reader")
struct ConfigYAMLReaderTests {
    private func read(_ text: String) throws(Diagnostic) -> ConfigNode {
        try ConfigYAMLReader.read(SourceFile(path: "t.yml", text: text))
    }

    @Test func scalarsAreTypedAndQuotedOnesAreStrings() throws {
        let node = try read("a: 1\nb: 1.5\nc: true\nd: ~\ne: hello\nf: \"1\"\ng: '2'\nh: |\n  text\n")
        let values = try #require(node.object).mapValues(\.value)
        #expect(
            values == [
                "a": .integer(1), "b": .double(1.5), "c": .bool(true), "d": .null, "e": .string("hello"),
                "f": .string("1"), "g": .string("2"), "h": .string("text\n"),
            ])
    }

    @Test func positionsOfKeysAndValues() throws {
        let node = try read("api:\n  prefix: /rpc\n")
        let prefix = try #require(node.object?["api"]?.object?["prefix"])
        #expect(prefix.keyOrigin?.location?.description == "2:3")
        #expect(prefix.origin.location?.description == "2:11")
    }

    @Test func emptyFileIsAnEmptyObject() throws {
        #expect(try read("").value == .object([:]))
        #expect(try read("# only a comment\n").value == .object([:]))
    }

    @Test func syntaxErrorsHavePositions() {
        do {
            _ = try read("a:\n  b: [1, 2\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.id == .configSyntax)
            #expect(error.headline.hasPrefix("t.yml:3:1: error[CFG0001]: invalid YAML:"))
        }
    }

    @Test func deepFlowNestingIsRefusedBeforeYamsRecurses() {
        let deep = "a: " + String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000) + "\n"
        do {
            _ = try read(deep)
            Issue.record("expected an error")
        } catch {
            #expect(error.headline == "t.yml:1:132: error[CFG0001]: invalid YAML: nested deeper than 128 levels")
        }
        #expect(ConfigYAMLReader.flowNestingOverflow("a: '[[[[' # [[[[\nb: \"{{\\\"{{\"\n") == nil)
        #expect(throws: Diagnostic.self) { try read(String(repeating: "a: 1\n", count: 300_000)) }
    }

    @Test func duplicateKeysAreErrors() {
        #expect(throws: Diagnostic.self) { try read("a: 1\na: 2\n") }
    }

    @Test func aliasesExpandButBombsAreStopped() throws {
        let node = try read("base: &b {x: 1}\ncopy: *b\n")
        #expect(node.object?["copy"]?.object?["x"]?.value == .integer(1))
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...6 {
            bomb +=
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        do {
            _ = try read(bomb)
            Issue.record("expected the alias bomb to be refused")
        } catch {
            #expect(error.message.contains("more than 100000 values"))
        }
    }
}

@Suite("Config environment variables")
struct ConfigEnvironmentTests {
    @Test(arguments: [
        ("SS_CONFIG_PORT", ["port"]),
        ("SS_CONFIG_LOG__LEVEL", ["log", "level"]),
        ("SS_CONFIG_ASSETS__KEEP_RELEASES", ["assets", "keepReleases"]),
        ("SS_CONFIG_SSL__REDIRECT_PORT", ["ssl", "redirectPort"]),
        ("SS_CONFIG_VIEWS__LOCALS__PAGE_TITLE", ["views", "locals", "pageTitle"]),
    ])
    func keyPaths(variable: String, path: [String]) {
        #expect(ConfigEnvironment.keyPath(fromVariable: variable) == path)
    }

    @Test(arguments: ["SS_CONFIG_", "SS_CONFIG_A___B", "SS_CONFIG__A", "SS_CONFIG_A__", "SS_CONFIG_A-B", "SS_PORT"])
    func malformedKeyPaths(variable: String) {
        #expect(ConfigEnvironment.keyPath(fromVariable: variable) == nil)
    }

    @Test func noVariablesNoLayer() throws {
        #expect(try ConfigEnvironment.layer(["HOME": "/root", "SS_ENV": "production"]) == nil)
    }

    @Test func jsonValuesMustParse() {
        do {
            _ = try ConfigEnvironment.layer(["SS_CONFIG_VIEWS__LOCALS": "{oops}"])
            Issue.record("expected an error")
        } catch {
            #expect(
                error.diagnostics.first?.headline
                    == "environment variable SS_CONFIG_VIEWS__LOCALS:1:2: error[CFG0001]: invalid JSON: expected a key in double quotes"
            )
        }
    }
}

@Suite("Config merge")
struct ConfigMergeTests {
    private let origin = ConfigOrigin(source: .preset("test"))

    private func node(_ json: String) throws -> ConfigNode { try parseJSON(json) }

    @Test func objectsMergeDeeply() throws {
        let merged = try node(#"{"a": {"x": 1, "y": 2}, "b": 1}"#).merged(with: node(#"{"a": {"y": 3, "z": 4}}"#))
        #expect(merged.node(at: ["a", "x"])?.value == .integer(1))
        #expect(merged.node(at: ["a", "y"])?.value == .integer(3))
        #expect(merged.node(at: ["a", "z"])?.value == .integer(4))
        #expect(merged.node(at: ["b"])?.value == .integer(1))
    }

    @Test func scalarsArraysAndNullReplace() throws {
        let base = try node(#"{"a": {"x": 1}, "list": [1, 2, 3], "s": "v"}"#)
        let merged = base.merged(with: try node(#"{"a": 5, "list": [9], "s": null}"#))
        #expect(merged.node(at: ["a"])?.value == .integer(5))
        #expect(
            merged.node(at: ["list"])?.value
                == .array([ConfigNode(.integer(9), origin: merged.node(at: ["list", "0"])!.origin)]))
        #expect(merged.node(at: ["s"])?.value == .null)
    }

    @Test func describePaths() {
        #expect(ConfigNode.describe(["views", "locals", "items", "2", "name"]) == "views.locals.items[2].name")
        #expect(ConfigNode.describe([]) == "")
    }

    @Test func suggestions() {
        #expect(ConfigSuggestion.closest(to: "prefx", among: ["enabled", "prefix"]) == "prefix")
        #expect(ConfigSuggestion.closest(to: "database", among: ["port", "host"]) == nil)
        #expect(ConfigSuggestion.editDistance(Array("kitten"), Array("sitting")) == 3)
    }
}

/// A tiny deterministic generator (SplitMix64) so the mangling test is reproducible.
struct ConfigTestRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(upTo bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(max(1, bound)))
    }
}
