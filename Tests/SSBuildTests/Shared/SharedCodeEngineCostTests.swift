import Foundation
import SSActions
import SSCompilers
import SSScript
import Testing

@testable import SSBuild

/// The engine's cost, printed as `shared-code cost: ...` and held to loose budgets: the
/// time to make a context with the app's shared code loaded, the per-call overhead, and
/// the memory a loaded context holds.
@Suite(.serialized, .enabled(if: CoffeeScriptCompiler.standard.isAvailable, "needs Debian's coffeescript package"))
struct SharedCodeEngineCostTests {
    private static func residentBytes() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = statm.split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
    }

    @Test func costFigures() async throws {
        let app = try SharedTestApp(SharedCodeEngineTests.files)
        let engine = app.engine()
        let generation = try #require(engine.currentGeneration)

        // Cold context: a new JavaScriptCore context, the registry, and every module run.
        var coldTimes: [Double] = []
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            let context = ScriptContext(timeLimit: 2)
            try SharedCodeEngine.Generation.prepare(context, modules: generation.modules, env: "development")
            coldTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        let coldMs = coldTimes.sorted()[coldTimes.count / 2]

        // Per call, on a warm context: JSON in, the function, JSON out.
        let calls = 5_000
        _ = try engine.callSynchronously("calculate.circumference", [.number(1)])
        var start = DispatchTime.now().uptimeNanoseconds
        for n in 0..<calls {
            _ = try engine.callSynchronously("calculate.circumference", [.number(Double(n))])
        }
        let syncMicros = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / Double(calls)
        start = DispatchTime.now().uptimeNanoseconds
        for n in 0..<1_000 {
            _ = try await engine.call("calculate.circumference", [.number(Double(n))])
        }
        let asyncMicros = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / 1_000

        // Memory: resident growth per context kept alive with the code loaded.
        let count = 20
        let before = Self.residentBytes()
        var contexts: [ScriptContext] = []
        for _ in 0..<count {
            let context = ScriptContext(timeLimit: 2)
            try SharedCodeEngine.Generation.prepare(context, modules: generation.modules, env: "development")
            _ = try context.call("SS.__sharedCall", argumentsJSON: ["\"calculate.circumference\"", "[2]"])
            contexts.append(context)
        }
        let perContextKB = Double(Self.residentBytes() - before) / 1024 / Double(count)
        withExtendedLifetime(contexts) {}

        // Whole reload (discovery, .coffee compile on a warm compiler, first context), and
        // the CoffeeScript compiler's own cold start (loading its 1.1 MB script).
        start = DispatchTime.now().uptimeNanoseconds
        #expect(SharedCodeEngine(root: app.root).reload() == [])
        let reloadMs = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        start = DispatchTime.now().uptimeNanoseconds
        _ = CoffeeScriptCompiler().compile(.init(path: "a.coffee", text: "x = 1\n"))
        let coffeeColdMs = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        let beforeCompilers = Self.residentBytes()
        let compilers = (0..<4).map { _ in CoffeeScriptCompiler() }
        for compiler in compilers { _ = compiler.compile(.init(path: "a.coffee", text: "x = 1\n")) }
        let perCompilerMB = Double(Self.residentBytes() - beforeCompilers) / 1_048_576 / Double(compilers.count)
        withExtendedLifetime(compilers) {}
        print(
            String(
                format: "shared-code cost: reload %.1f ms; CoffeeScript compiler cold start %.0f ms, "
                    + "%.1f MB per compiler context", reloadMs, coffeeColdMs, perCompilerMB))

        print(
            String(
                format: "shared-code cost: cold context with shared code loaded %.2f ms (median of 5); "
                    + "per call %.1f µs synchronous, %.1f µs through async call(); memory %.0f KB per context "
                    + "(resident growth over %d contexts)", coldMs, syncMicros, asyncMicros, perContextKB, count))
        // Loose on purpose: other suites run alongside and steal the two cores.
        #expect(coldMs < 1_000)
        #expect(syncMicros < 5_000)
        #expect(asyncMicros < 50_000)
        #expect(perContextKB < 20_000)
    }
}
