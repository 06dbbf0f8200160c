import Testing
@testable import SSScript
@Test func engineNamed() { #expect(ScriptEngine.name == "JavaScriptCore") }
