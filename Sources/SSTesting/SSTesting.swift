/// Testing helpers for an app's server actions: call actions in-process and assert what
/// they publish, without sockets or a server (the way HummingbirdTesting tests routes).
///
///     import SSTesting
///     @testable import AppWorker
///
///     @Test func square() async throws {
///         let app = try ActionTester(App.self, path: "app/server/app.swift")
///         #expect(try await app.call("app.square", 25, as: Double.self) == 625)
///     }
@_exported import SSActions
