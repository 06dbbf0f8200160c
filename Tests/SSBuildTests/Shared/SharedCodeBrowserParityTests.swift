import Foundation
import SSActions
import SSCompilers
import Testing

@testable import SSBuild

/// An action that forwards to `context.shared`, so the parity test calls shared code the
/// way app actions do.
private enum ParityActions: ActionNamespace {
    static func actions(_ actions: inout Actions) {
        actions.on("run") { (path: String, arguments: [JSONValue], context) in
            try await context.shared.call(path, arguments: arguments)
        }
    }
}

/// A runaway loop reached from a Swift action: the action gets `timeout`, and the next
/// calls (from actions, concurrently) are answered as usual.
@Suite(.enabled(if: CoffeeScriptCompiler.standard.isAvailable, "needs Debian's coffeescript package"))
struct SharedCodeRunawayFromActionTests {
    @Test func runawayLoopTimesOutAndTheEngineKeepsServing() async throws {
        let engine = try SharedTestApp(SharedCodeEngineTests.files).engine(timeLimit: 0.3)
        let tester = try ActionTester(
            ParityActions.self, path: "app/server/parity.swift",
            sharedCode: engine.actionHandler)
        async let spin = tester.callRaw("parity.run", ["bad.spin", []])
        async let others = withThrowingTaskGroup(of: JSONValue.self) { group in
            for n in 0..<8 {
                group.addTask { try await tester.callRaw("parity.run", ["text.format.sum", [.number(Double(n)), 1]]) }
            }
            return try await group.reduce(into: [JSONValue]()) { $0.append($1) }
        }
        do {
            _ = try await spin
            Issue.record("the runaway loop returned")
        } catch let error as ActionError {
            #expect(error.code == .timeout)
            #expect(error.message.contains("SS.shared.bad.spin was stopped: it ran longer than the 0.3 s time limit"))
        }
        #expect(Set(try await others) == Set((0..<8).map { JSONValue.number(Double($0) + 1) }))
        #expect(try await tester.callRaw("parity.run", ["calculate.circumference", [1]]) == .number(2 * 355.0 / 113.0))
    }
}

/// The same app/shared functions give identical results in headless Chromium (the app's
/// release bundle) and from a Swift action (through `SharedCodeEngine`), over inputs that
/// are easy to get wrong: unicode strings, floats and dates.
@Suite(
    .enabled(
        if: CoffeeScriptCompiler.standard.isAvailable && HeadlessChromium.isAvailable,
        "needs Debian's coffeescript and chromium packages"))
struct SharedCodeBrowserParityTests {
    static let files: [String: String] = SharedCodeEngineTests.files.filter { $0.key != "app/shared/bad.js" }.merging([
        "app/views/app.jade": "doctype html\nhtml\n  head\n    != SocketStream\n",
        "app/client/app.js": "exports.init = function () {};\n",
        "app/shared/money.coffee": """
        # Formatting helpers a real app shares between browser and server.
        exports.cents = (amount) -> Math.round(amount * 100)
        exports.label = (name, amount, currency = 'EUR') ->
          "#{name.trim()}: #{amount.toFixed(2)} #{currency}"
        exports.split = (total, parts) ->
          share = Math.floor(total * 100 / parts) / 100
          (share for _ in [1..parts])
        exports.week = (iso) ->
          d = new Date(iso)
          start = new Date(Date.UTC(d.getUTCFullYear(), 0, 1))
          Math.ceil(((d - start) / 864e5 + start.getUTCDay() + 1) / 7)

        """,
    ]) { $1 }

    static let cases: [(String, [JSONValue])] = [
        ("text.format.describe", ["héllo wörld"]), ("text.format.describe", ["日本語🎉 — Ǆ ß ﬁ"]),
        ("text.format.describe", ["e\u{301}\u{200D}👩‍👩‍👧"]),
        ("text.format.describe", ["\u{2028}\"\\<>&'"]),
        ("text.format.sum", [0.1, 0.2]), ("text.format.sum", [1e21, 1]), ("text.format.sum", [-0.0, 0]),
        ("text.format.sum", [5e-324, 0]), ("text.format.sum", [1e308, 1e308]), ("text.format.fixed", [1.005, 2]),
        ("text.format.fixed", [123.456e7, 3]), ("calculate.circumference", [20]), ("calculate.circumference", []),
        ("money.cents", [19.99]), ("money.cents", [1.005]), ("money.label", ["  Café ", 3.14159]),
        ("money.label", ["Ünïcødé", 1e-7, "¥"]), ("money.split", [100, 3]), ("money.split", [0.1, 2]),
        ("dates.nextDay", ["2024-02-28T23:30:00.000Z"]), ("dates.nextDay", ["1969-12-31T23:59:59.999Z"]),
        ("dates.nextDay", ["2038-01-19T03:14:08.123+02:00"]), ("money.week", ["2024-12-31T12:00:00Z"]),
        ("money.week", ["2021-01-03T00:00:00Z"]), ("oops.fail", [2]),
    ]

    /// Runs every case in Chromium on the release bundle; one JSON result per case.
    private func browserResults(_ appJS: String) throws -> [JSONValue] {
        let casesJSON = JSONValue.array(Self.cases.map { .array([.string($0.0), .array($0.1)]) }).jsonText
        let runner = """
            var out = JSON.parse(\(ModuleWrapper.jsonString(casesJSON))).map(function (c) {
              var parts = c[0].split('.'), owner = null, f = SS.shared;
              for (var i = 0; i < parts.length; i++) { owner = f; f = f[parts[i]]; }
              var r = f.apply(owner, c[1]);
              return r === undefined ? null : JSON.parse(JSON.stringify(r));
            });
            document.body.textContent = JSON.stringify(out).replace(/[<>&]/g, function (c) {
              return '\\\\u' + ('000' + c.charCodeAt(0).toString(16)).slice(-4); });
            """
        let page =
            "<!doctype html><html><head><meta charset=\"utf-8\"></head><body><script>"
            + appJS.replacingOccurrences(of: "</script", with: "<\\/script") + "</script><script>" + runner
            + "</script></body></html>"
        let body = try HeadlessChromium.body(ofPage: page)
        let json = body.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "&amp;", with: "&")
        return try #require(try JSONValue(parsing: json).arrayValue)
    }

    @Test func sameResultsInChromiumAndFromASwiftAction() async throws {
        let app = try SharedTestApp(Self.files)
        let result = ProjectBuilder(root: app.root).build(.release())
        #expect(!result.hasErrors, "\(result.diagnostics.map { $0.rendered() })")
        let appJS = try #require(result.assets.first { $0.logicalName == "app.js" })
        let browser = try browserResults(String(decoding: appJS.contents, as: UTF8.self))
        #expect(browser.count == Self.cases.count)
        #expect(browser.first?["upper"] == "HÉLLO WÖRLD")
        #expect(browser.last == 4)

        let engine = app.engine()
        let tester = try ActionTester(
            ParityActions.self, path: "app/server/parity.swift",
            sharedCode: engine.actionHandler)
        for (index, (path, arguments)) in Self.cases.enumerated() where index < browser.count {
            let fromAction = try await tester.callRaw("parity.run", [.string(path), .array(arguments)])
            #expect(fromAction == browser[index], "\(path)(\(JSONValue.array(arguments).jsonText))")
        }
    }
}
