import Testing

@testable import SSBuild

@Suite struct ServerSourceScannerTests {
    private func names(_ text: String, _ kind: ServerDeclaration.Kind = .namespace) -> [String] {
        ServerSourceScanner.scan(text).filter { $0.kind == kind }.map(\.typeName)
    }

    @Test func findsANamespaceWithItsPosition() {
        let found = ServerSourceScanner.scan("import SSActions\n\nenum App: ActionNamespace {\n}\n")
        #expect(found == [ServerDeclaration(kind: .namespace, typeName: "App", line: 3, column: 6)])
    }

    @Test func everyKindOfTypeAndModifier() {
        #expect(names("public struct A: ActionNamespace {}") == ["A"])
        #expect(names("final class B: Sendable, ActionNamespace {}") == ["B"])
        #expect(names("actor C: SSActions.ActionNamespace {}") == ["C"])
        #expect(names("extension D: ActionNamespace {}") == ["D"])
        #expect(names("struct E<T>: ActionNamespace where T: Sendable {}") == ["E"])
    }

    @Test func otherConformancesAreNotNamespaces() {
        #expect(names("struct A: Codable {}\nenum B: String, CaseIterable { case x }").isEmpty)
        #expect(names("struct ActionNamespaceLike: Codable {}").isEmpty)
        #expect(names("struct A: MyActionNamespace {}").isEmpty)
    }

    @Test func commentsAndStringsNeverRegister() {
        let text = """
            // enum A: ActionNamespace {}
            /* enum B: ActionNamespace { /* nested */ } */
            let s = "enum C: ActionNamespace {}"
            let t = \"\"\"
            enum D: ActionNamespace {}
            \"\"\"
            let u = #"enum E: ActionNamespace {} "quoted" "#
            enum F: ActionNamespace {}
            """
        #expect(names(text) == ["F"])
        let line = ServerSourceScanner.scan(text).first?.line
        #expect(line == 8)
    }

    @Test func nestedTypesAreNotTopLevel() {
        let text = "enum Outer {\n    enum Inner: ActionNamespace {}\n}\nstruct Next: ActionNamespace {}\n"
        #expect(names(text) == ["Next"])
    }

    @Test func authenticatorsAreFound() {
        let text = "struct Passwords: Authenticator {\n}\nenum App: ActionNamespace, Authenticator {}\n"
        #expect(names(text, .authenticator) == ["Passwords", "App"])
        #expect(names(text) == ["App"])
    }

    @Test func unbalancedOrTruncatedInputIsSafe() {
        for text in ["enum", "enum A:", "enum A: ActionNamespace", "}}}} enum A: ActionNamespace {", "\"unterminated",
                     "/* open", "#\"raw", "extension .x: ActionNamespace {}"]
        {
            _ = ServerSourceScanner.scan(text)
        }
        #expect(names("}}}} enum A: ActionNamespace {") == ["A"])
    }
}
