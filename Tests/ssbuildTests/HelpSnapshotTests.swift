import Testing

@Suite struct HelpSnapshotTests {
    @Test(arguments: ["", "new", "watch", "build", "release", "serve", "compile", "tree"])
    func helpText(command: String) throws {
        let arguments = command.isEmpty ? ["--help"] : [command, "--help"]
        let run = try CLIHarness.run(arguments)
        #expect(run.status == 0)
        assertSnapshot(run.stdout, named: "help-" + (command.isEmpty ? "ssbuild" : command))
    }

    @Test func unknownCommandFails() throws {
        let run = try CLIHarness.run(["frobnicate"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("frobnicate"))
    }
}
