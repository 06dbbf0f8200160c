import Testing

@testable import SSCompilers

/// Minifies `input` with the given options and checks the exact output and that there are no diagnostics.
func jsExpectOutput(_ input: String, _ expected: String, mangle: Bool, compress: Bool,
                    sourceLocation: Testing.SourceLocation) {
    var options = JSMinifyOptions()
    options.mangle = mangle
    options.compress = compress
    options.frequencyOrderedNames = false
    let result = JavaScript.minify(SourceFile(path: "t.js", text: input), options: options)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.headline))", sourceLocation: sourceLocation)
    #expect(result.output == expected, sourceLocation: sourceLocation)
}
