import Foundation
import Testing
@testable import SSScript

@Suite struct ScriptContextTests {
    @Test func evaluatesModernJavaScript() throws {
        let context = ScriptContext()
        #expect(try context.evaluate("[1, 2, 3].map(x => x * 2)") == "[2,4,6]")
        #expect(try context.evaluate("new Date(0).toISOString()") == "\"1970-01-01T00:00:00.000Z\"")
        #expect(try context.evaluate("'a-b'.replace(/-/g, '+')") == "\"a+b\"")
        #expect(try context.evaluate("undefined") == nil)
        #expect(try context.evaluateString("({}).toString()") == "[object Object]")
    }

    @Test func callsFunctionsWithJSON() throws {
        let context = ScriptContext()
        try context.evaluate("var SS = {shared: {calc: {area: function (r) { return r * r * 3 }}}}")
        #expect(try context.call("SS.shared.calc.area", argumentsJSON: ["2"]) == "12")
        #expect(try context.call("function (a, b) { return {sum: a.x + b} }", argumentsJSON: ["{\"x\":1}", "2"])
            == "{\"sum\":3}")
        #expect(try context.callString("function (s) { return s + 'é' }", argumentsJSON: ["\"ü\""]) == "üé")
        #expect(try context.call("function () {}", argumentsJSON: []) == "null")
    }

    @Test func exceptionsCarryPositionAndDetails() {
        let context = ScriptContext()
        do {
            try context.evaluate("var a = 1;\nvar e = new Error('boom'); e.extra = 7; throw e", sourceURL: "x.js")
            Issue.record("expected a throw")
        } catch let error as ScriptError {
            #expect(error.message == "Error: boom")
            #expect(error.line == 2)
            #expect(error.sourceURL == "x.js")
            #expect(error.details["extra"] == "7")
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func syntaxErrorsAreExceptions() {
        let context = ScriptContext()
        #expect(throws: ScriptError.self) { try context.evaluate("function (", sourceURL: "bad.js") }
        #expect(throws: ScriptError.self) { try context.call("nope", argumentsJSON: []) }
        #expect(throws: ScriptError.self) { try context.call("function(a){}", argumentsJSON: ["{bad"]) }
    }

    @Test func runawayLoopIsStoppedByTimeLimit() throws {
        try #require(ScriptContext.supportsTimeLimit)
        let context = ScriptContext(timeLimit: 0.2)
        let start = Date()
        do {
            try context.evaluate("while (true) {}", sourceURL: "loop.js")
            Issue.record("expected a timeout")
        } catch let error as ScriptError {
            #expect(error.kind == .timeout)
        }
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func poolIsSafeFromConcurrentTasks() async throws {
        let pool = ScriptContextPool(maximumIdle: 2, setup: { try $0.evaluate("function twice(x) { return 2 * x }") })
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<16 {
                group.addTask { try pool.withContext { try $0.call("twice", argumentsJSON: ["\(i)"]) } }
            }
            var all: [String] = []
            for try await r in group { all.append(r) }
            return all
        }
        #expect(Set(results) == Set((0..<16).map { "\(2 * $0)" }))
        #expect(pool.idleCount <= 2)
    }
}

@Suite struct ScriptContextCodableTests {
    struct Point: Codable, Equatable { var x: Double; var y: Double; var label: String }

    @Test func encodesArgumentsAndDecodesResults() throws {
        let context = ScriptContext()
        let moved: Point = try context.call(
            "function (p, d) { return {x: p.x + d, y: p.y, label: p.label + 'é'} }",
            arguments: [Point(x: 1.5, y: 2, label: "ü"), 2])
        #expect(moved == Point(x: 3.5, y: 2, label: "üé"))
        let date: String = try context.call("function (ms) { return new Date(ms).toISOString() }", arguments: [0])
        #expect(date == "1970-01-01T00:00:00.000Z")
    }

    @Test func undecodableResultIsAnEngineError() {
        let context = ScriptContext()
        #expect(throws: ScriptError.self) { let _: Int = try context.call("function () { return 'x' }", arguments: []) }
    }
}

@Suite struct ScriptContextGlobalsTests {
    @Test func setsGlobalsFromJSON() throws {
        let context = ScriptContext()
        try context.setGlobal("config", json: #"{"env":"production","n":[1,2]}"#)
        #expect(try context.evaluate("config.env + config.n.length") == "\"production2\"")
        #expect(throws: ScriptError.self) { try context.setGlobal("bad", json: "{nope") }
    }
}

@Suite struct ScriptNativeFunctionTests {
    @Test func nativeFunctionsReceiveTheirArgumentsAsText() throws {
        let received = NativeCallLog()
        let context = ScriptContext()
        try context.defineFunction("report") { received.append($0) }
        try context.evaluate("report('done', 42, null, {}, 'ü🎉'); report()", sourceURL: "native.js")
        #expect(received.calls == [["done", "42", "null", "[object Object]", "ü🎉"], []])
        #expect(try context.evaluate("typeof report(1)") == "\"undefined\"")
    }

    @Test func functionsOutliveManyCollections() throws {
        let received = NativeCallLog()
        for _ in 0..<20 {
            let context = ScriptContext()
            try context.defineFunction("f") { received.append($0) }
            try context.evaluate("for (var i = 0; i < 100; i++) { var x = new Array(1000); } f('ok')")
        }
        #expect(received.calls.count == 20)
    }
}

private final class NativeCallLog: @unchecked Sendable {
    private let lock = NSLock()
    private var log: [[String]] = []
    func append(_ call: [String]) { lock.lock(); log.append(call); lock.unlock() }
    var calls: [[String]] { lock.lock(); defer { lock.unlock() }; return log }
}
