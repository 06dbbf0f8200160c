import Foundation
import SSActions
import SSRuntime
import Testing

/// `ActionTester(…, sharedCode:)`: app authors test actions that use `context.shared`
/// without a worker, a host or JavaScriptCore.
@Suite struct ActionTesterSharedCodeTests {
    @Test func actionsSeeTheTestersSharedCode() async throws {
        let seen = Locked<[String]>([])
        let tester = try ActionTester(SharedCodeApp.self, path: "app/server/app.swift") { path, args in
            seen.withLock { $0.append(path) }
            return .number(2 * .pi * (args.first?.doubleValue ?? 0))
        }
        #expect(try await tester.call("app.circle", 1, as: Double.self) == 2 * .pi)
        #expect(try await tester.call("app.typed", 0.5, as: String.self) == "0.5 -> \(Double.pi)")
        #expect(seen.withLock { $0 } == ["calculate.circumference", "calculate.circumference"])
    }

    @Test func withoutSharedCodeCallsAreUnavailable() async throws {
        let tester = try ActionTester(SharedCodeApp.self, path: "app/server/app.swift")
        #expect(
            try await tester.call("app.caught", "calculate.circumference", as: String.self)
                == "unavailable: shared code is not available here: the host runs no app/shared code")
        await #expect(throws: ActionError.self) { try await tester.call("app.circle", 2) }
    }

    @Test func typedCallsReportResultsThatDoNotDecode() async throws {
        let tester = try ActionTester(SharedCodeApp.self, path: "app/server/app.swift") { _, _ in .string("round") }
        let error = await #expect(throws: ActionError.self) { try await tester.call("app.typed", 1) }
        #expect(error?.code == .internal)
        #expect(error?.message.contains("does not decode as Double") == true)
    }
}
