import Foundation
import SSActions
import SSCompilers
import Testing

@testable import SSBuild

/// A throwaway app folder on disk, so reloads see real file changes.
final class SharedTestApp {
    let root: String

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("ss-shared-\(UUID().uuidString)").path
        for (path, text) in files { try write(path, text) }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func write(_ path: String, _ text: String) throws {
        let full = root + "/" + path
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }

    func engine(timeLimit: Double = 2) -> SharedCodeEngine {
        var options = SharedCodeEngine.Options()
        options.timeLimit = timeLimit
        // Loads now: the folder goes away with this object, and tests often drop it early.
        let engine = SharedCodeEngine(root: root, options: options)
        engine.reload()
        return engine
    }
}

@Suite(.enabled(if: CoffeeScriptCompiler.standard.isAvailable, "needs Debian's coffeescript package"))
struct SharedCodeEngineTests {
    static let files: [String: String] = [
        "app/shared/calculate.coffee": CoffeeScriptCompilerTests.calculate,
        "app/shared/text/format.js": """
        // Plain JavaScript next to CoffeeScript, nested one folder down.
        var calc = require('/shared/calculate');
        exports.describe = function (s) {
          var points = Array.from(s);
          return { upper: s.toUpperCase(), units: s.length, points: points.length,
                   reversed: points.reverse().join(''), nfc: s.normalize('NFC') === s };
        };
        exports.sum = function (a, b) { return a + b; };
        exports.fixed = function (x, digits) { return x.toFixed(digits); };
        exports.circle = function (r) { return calc.circumference(r); };
        exports.nothing = function () {};
        exports.counter = { value: 41, next: function () { return this.value + 1; } };

        """,
        "app/shared/dates.js": """
        exports.nextDay = function (iso) {
          var d = new Date(iso);
          return { weekday: d.getUTCDay(), next: new Date(d.getTime() + 864e5), ms: d.getTime() };
        };

        """,
        "app/shared/bad.js": """
        exports.title = function () {
          return document.title;
        };
        exports.load = function () {
          return require('fs').readFileSync('/etc/passwd');
        };
        exports.get = function () { return fetch('http://example.com'); };
        exports.ajax = function () { return new XMLHttpRequest(); };
        exports.later = function (f) { setTimeout(f, 1); };
        exports.isBrowser = function () { return typeof window !== 'undefined'; };
        exports.spin = function () { while (true) {} };

        """,
        "app/shared/oops.coffee":
            "exports.fail = (x) ->\n  y = x * 2\n  throw new Error(\"too big: #{y}\") if y > 10\n  y\n",
    ]

    private func sharedError(_ body: () async throws -> JSONValue) async -> SharedCodeError? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error as? SharedCodeError
        }
    }

    @Test func seedCalculateFromCoffeeScript() async throws {
        let app = try SharedTestApp(Self.files)
        let engine = app.engine()
        #expect(engine.reload().isEmpty)
        #expect(engine.loadedFiles.count == 5)
        let result = try await engine.call("calculate.circumference", [.number(20)])
        #expect(result == .number(2 * (355.0 / 113.0) * 20))
        #expect(try await engine.call("calculate.circumference", []) == .number(2 * 355.0 / 113.0))
        let typed = try await engine.call("calculate.circumference", 20, as: Double.self)
        #expect(typed == 2 * (355.0 / 113.0) * 20)
        #expect(try await engine.call("text.format.circle", [.number(1)]) == .number(2 * 355.0 / 113.0))
        #expect(engine.loadedFiles.contains("app/shared/calculate.coffee"))
    }

    /// Inputs that are easy to get wrong across a JSON boundary: non-BMP characters,
    /// combining marks, floats that do not round-trip in decimal, and dates.
    @Test(arguments: [
        ("héllo wörld", #"{"nfc":true,"points":11,"reversed":"dlröw olléh","units":11,"upper":"HÉLLO WÖRLD"}"#),
        ("日本語🎉", #"{"nfc":true,"points":4,"reversed":"🎉語本日","units":5,"upper":"日本語🎉"}"#),
        ("e\u{301}", #"{"nfc":false,"points":2,"reversed":"\#u{301}e","units":2,"upper":"E\#u{301}"}"#),
        ("", #"{"nfc":true,"points":0,"reversed":"","units":0,"upper":""}"#),
        (
            "\"quotes\" \\ \n\u{2028}",
            #"{"nfc":true,"points":13,"reversed":"\u2028\n \\ \"setouq\"","units":13,"upper":"\"QUOTES\" \\ \n\u2028"}"#
        ),
    ])
    func unicodeStrings(input: String, expected: String) async throws {
        let engine = try SharedTestApp(Self.files).engine()
        let result = try await engine.call("text.format.describe", [.string(input)])
        #expect(result == (try JSONValue(parsing: expected)))
    }

    @Test(arguments: [
        (0.1, 0.2, 0.30000000000000004), (1e21, 1, 1e21), (-0.0, 0.0, 0.0), (5e-324, 0, 5e-324),
        (1.7976931348623157e308, 0, 1.7976931348623157e308), (123456789.123, 0.000001, 123456789.123001),
    ])
    func floats(a: Double, b: Double, sum: Double) async throws {
        let engine = try SharedTestApp(Self.files).engine()
        #expect(try await engine.call("text.format.sum", [.number(a), .number(b)]) == .number(sum))
        #expect(try await engine.call("text.format.sum", [.number(a), .number(b)]) == .number(a + b))
    }

    @Test func floatFormattingMatchesJavaScript() async throws {
        let engine = try SharedTestApp(Self.files).engine()
        #expect(try await engine.call("text.format.fixed", [.number(1.005), .number(2)]) == .string("1.00"))
        #expect(try await engine.call("text.format.fixed", [.number(2.5), .number(0)]) == .string("3"))
        #expect(try await engine.call("text.format.sum", [.number(1e308), .number(1e308)]) == .null)
    }

    @Test(arguments: [
        ("2024-02-28T23:30:00.000Z", 3, "2024-02-29T23:30:00.000Z", 1_709_163_000_000.0),
        ("1970-01-01T00:00:00Z", 4, "1970-01-02T00:00:00.000Z", 0.0),
        ("2038-01-19T03:14:08.123+02:00", 2, "2038-01-20T01:14:08.123Z", 2_147_476_448_123.0),
        ("1969-12-31T23:59:59.999Z", 3, "1970-01-01T23:59:59.999Z", -1.0),
    ])
    func dates(iso: String, weekday: Int, next: String, ms: Double) async throws {
        let engine = try SharedTestApp(Self.files).engine()
        let result = try await engine.call("dates.nextDay", [.string(iso)])
        #expect(result == .object(["weekday": .number(Double(weekday)), "next": .string(next), "ms": .number(ms)]))
        let swiftDate = try #require(
            ISO8601DateFormatter.sharedTest.date(from: iso)
                ?? ISO8601DateFormatter().date(from: iso))
        #expect((result["ms"]?.doubleValue).map { abs($0 - swiftDate.timeIntervalSince1970 * 1000) < 1 } == true)
    }

    @Test func methodsKeepTheirThisAndUndefinedIsNull() async throws {
        let engine = try SharedTestApp(Self.files).engine()
        #expect(try await engine.call("text.format.counter.next", []) == .number(42))
        #expect(try await engine.call("text.format.nothing", []) == .null)
    }

    @Test func missingFunctionsAndBadPaths() async throws {
        let engine = try SharedTestApp(Self.files).engine()
        for path in [
            "calculate.nope", "nope.x", "calculate.constructor", "text.format.counter.value", "", "a..b",
            "calculate.circumference(1); this",
        ] {
            let error = await sharedError { try await engine.call(path, []) }
            #expect(error?.kind == .noSuchFunction, "\(path): \(String(describing: error))")
        }
        let error = await sharedError { try await engine.call("calculate.estimatePi", []) }
        #expect(error?.message == "SS.shared.calculate.estimatePi does not exist")
        #expect(error?.actionError.code == .notFound)
    }

    @Test func sandboxExplainsWhatIsMissing() async throws {
        let engine = try SharedTestApp(Self.files).engine()
        let dom = await sharedError { try await engine.call("bad.title", []) }
        #expect(dom?.kind == .unavailable)
        #expect(dom?.description.hasPrefix("app/shared/bad.js:2:") == true, "\(String(describing: dom))")
        #expect(
            dom?.message.contains("`document` is not available to shared code on the server: the server has no DOM")
                == true)
        #expect(dom?.message.contains("never reference the DOM, any back-end DBs or Node.js libraries") == true)
        let fs = await sharedError { try await engine.call("bad.load", []) }
        #expect(fs?.kind == .unavailable)
        #expect(fs?.message.contains("require('fs') is not available to shared code on the server") == true)
        #expect(fs?.line == 5, "\(String(describing: fs))")
        for (path, name) in [("bad.get", "fetch"), ("bad.ajax", "XMLHttpRequest"), ("bad.later", "setTimeout")] {
            let error = await sharedError { try await engine.call(path, [.null]) }
            #expect(error?.kind == .unavailable)
            #expect(error?.message.contains("`\(name)` is not available") == true, "\(String(describing: error))")
        }
        #expect(try await engine.call("bad.isBrowser", []) == .bool(false))
    }

    @Test func exceptionsPointAtTheCoffeeLine() async throws {
        let engine = try SharedTestApp(Self.files).engine()
        #expect(try await engine.call("oops.fail", [.number(2)]) == .number(4))
        let error = await sharedError { try await engine.call("oops.fail", [.number(20)]) }
        #expect(error?.kind == .exception)
        #expect(error?.message == "Error: too big: 40")
        #expect(error?.path == "app/shared/oops.coffee")
        #expect(error?.line == 3)
        #expect(error?.actionError.code == .internal)
    }

    @Test func errorColumnsCountCharacters() async throws {
        let engine = try SharedTestApp([
            "app/shared/emoji.js": "exports.f = function () { var s = '🎉🎉'; return s.x.y; };\n"
        ]).engine()
        let error = await sharedError { try await engine.call("emoji.f", []) }
        // `.y` is the 51st character and the 53rd UTF-16 unit.
        #expect(error?.description.hasPrefix("app/shared/emoji.js:1:51: TypeError") == true)
    }

    @Test func runawayLoopIsStoppedAndTheEngineKeepsServing() async throws {
        let engine = try SharedTestApp(Self.files).engine(timeLimit: 0.5)
        let started = Date()
        let error = await sharedError { try await engine.call("bad.spin", []) }
        #expect(error?.kind == .timeout)
        #expect(
            error?.message
                == "SS.shared.bad.spin was stopped: it ran longer than the 0.5 s time limit (a runaway loop?)")
        #expect(error?.actionError.code == .timeout)
        #expect(Date().timeIntervalSince(started) < 30, "stopped (the limit is CPU time: slower when loaded)")
        #expect(try await engine.call("calculate.circumference", [.number(1)]) == .number(2 * 355.0 / 113.0))
    }

    @Test func concurrentCallsEachGetTheirAnswer() async throws {
        let engine = try SharedTestApp(Self.files).engine()
        let results = try await withThrowingTaskGroup(of: (Int, JSONValue).self) { group in
            for n in 0..<64 {
                group.addTask { (n, try await engine.call("text.format.sum", [.number(Double(n)), .number(0.5)])) }
            }
            return try await group.reduce(into: [Int: JSONValue]()) { $0[$1.0] = $1.1 }
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0.value == .number(Double($0.key) + 0.5) })
    }

    @Test func callsBeyondTheConcurrencyLimitWaitTheirTurn() async throws {
        let app = try SharedTestApp(Self.files)
        var options = SharedCodeEngine.Options()
        options.timeLimit = 1
        options.maximumConcurrentCalls = 1
        let engine = SharedCodeEngine(root: app.root, options: options)
        #expect(engine.reload() == [])
        let finished = LockedBox<[String]>([])
        async let spin: Void = {
            _ = try? await engine.call("bad.spin", [])
            finished.withLock { $0.append("spin") }
        }()
        // Time for the loop's call to queue first (it then runs for the whole second).
        try await Task.sleep(for: .milliseconds(200))
        let sum = try await engine.call("text.format.sum", [1, 2])
        finished.withLock { $0.append("sum") }
        await spin
        #expect(sum == 3)
        #expect(finished.withLock { $0 } == ["spin", "sum"], "one call at a time: the sum waited for the loop")
    }

    @Test func reloadPicksUpChangesAndKeepsTheLastGoodCode() async throws {
        let app = try SharedTestApp(["app/shared/version.js": "exports.get = function () { return 1 };\n"])
        let engine = app.engine()
        #expect(try await engine.call("version.get", []) == .number(1))
        try app.write("app/shared/version.js", "exports.get = function () { return 2 };\n")
        #expect(engine.reload(changedPaths: ["app/client/app.js", "lib/client/1.x.js"]) == nil)
        #expect(try await engine.call("version.get", []) == .number(1))
        #expect(engine.reload(changedPaths: ["app/shared/version.js"]) == [])
        #expect(try await engine.call("version.get", []) == .number(2))

        try app.write("app/shared/version.js", "exports.get = function () {\n  return 3 +;\n};\n")
        let broken = try #require(engine.reload(changedPaths: ["app/shared/version.js"]))
        #expect(broken.first?.id == .sharedCodeLoadFailed)
        #expect(
            broken.first?.locationPrefix.hasPrefix("app/shared/version.js:2") == true,
            "\(broken.map { $0.rendered() })")
        #expect(try await engine.call("version.get", []) == .number(2))

        try app.write("app/shared/added.coffee", "exports.hi = (name) -> \"hi #{name}\"\n")
        try app.write("app/shared/version.js", "exports.get = function () { return 4 };\n")
        #expect(engine.reload() == [])
        #expect(try await engine.call("version.get", []) == .number(4))
        #expect(try await engine.call("added.hi", [.string("ü")]) == .string("hi ü"))
    }

    @Test func consoleGoesToTheOptionsSink() async throws {
        let app = try SharedTestApp([
            "app/shared/noisy.js": """
            console.info('loaded', SS.env);
            exports.run = function (x) {
              console.log('x is', x, { y: [1, 'ü'] }); console.error(new Error('e')); return x;
            };

            """
        ])
        let lines = LockedBox<[String]>([])
        var options = SharedCodeEngine.Options()
        options.env = "staging"
        options.console = { level, text in lines.withLock { $0.append(level + ": " + text) } }
        let engine = SharedCodeEngine(root: app.root, options: options)
        #expect(engine.reload() == [])
        #expect(try await engine.call("noisy.run", [7]) == 7)
        #expect(lines.withLock { $0 } == ["info: loaded staging", #"log: x is 7 {"y":[1,"ü"]}"#, "error: Error: e"])
        #expect(
            try await SharedTestApp(["app/shared/quiet.js": "exports.f = function () { console.log(1); return 2 };"])
                .engine().call("quiet.f", []) == 2)
    }

    @Test func loadErrorsBecomeNotLoaded() async throws {
        let app = try SharedTestApp(["app/shared/boom.js": "exports.x = 1;\nthrow new Error('at load');\n"])
        let engine = SharedCodeEngine(root: app.root)
        let diagnostics = engine.reload()
        #expect(diagnostics.first?.message == "shared code failed to load: Error: at load")
        #expect(diagnostics.first?.locationPrefix == "app/shared/boom.js:2:16")
        let error = await sharedError { try await engine.call("boom.x", []) }
        #expect(error?.kind == .notLoaded)
        #expect(error?.actionError.code == .unavailable)
        try app.write("app/shared/boom.js", "exports.x = function () { return 'fixed' };\n")
        let stillBroken = await sharedError { try await engine.call("boom.x", []) }
        #expect(stillBroken?.kind == .notLoaded, "calls do not re-read app/shared; reload does")
        #expect(engine.reload() == [])
        #expect(try await engine.call("boom.x", []) == "fixed")
    }
}

extension ISO8601DateFormatter {
    static var sharedTest: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
