import ArgumentParser
import SSBuild

struct TreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tree",
        abstract: "Print the app's API tree (SS.client, SS.shared).")

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let builder = ProjectBuilder(root: project.rootPath)
        let (tree, diagnostics) = builder.apiTree()
        print(tree.rendered())
        DiagnosticPrinter.print(diagnostics)
        if diagnostics.containsErrors { throw ExitCode.failure }
    }
}
