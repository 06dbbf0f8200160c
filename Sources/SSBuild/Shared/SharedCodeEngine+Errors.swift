import SSScript

extension SharedCodeEngine.Generation {
    /// Turns an engine error into a `SharedCodeError` at the app file's position: the
    /// first stack frame in an app/shared file wins, so errors raised by the registry or
    /// the sandbox (an unknown `require`) still point at the app line that caused them.
    func map(_ error: any Error, calling path: String? = nil) -> SharedCodeError {
        if let error = error as? SharedCodeError { return error }
        guard let error = error as? ScriptError else {
            return SharedCodeError(.exception, String(describing: error))
        }
        let subject = path.map { "SS.shared." + $0 } ?? "loading app/shared"
        if error.kind == .timeout {
            return SharedCodeError(
                .timeout,
                "\(subject) was stopped: it ran longer than the "
                    + "\(timeLimit.formatted()) s time limit (a runaway loop?)")
        }
        var failure = SharedCodeError(.exception, error.message, stack: error.stack)
        if error.details["ssNotFound"] == "true" { failure.kind = .noSuchFunction }
        if error.details["ssUnavailable"] != nil { failure.kind = .unavailable }
        // The engine's own errors read better without the `Error: ` of `String(error)`.
        if failure.kind != .exception, failure.message.hasPrefix("Error: ") {
            failure.message.removeFirst("Error: ".count)
        }
        let missingVariable = "ReferenceError: Can't find variable: "
        if error.message.hasPrefix(missingVariable),
            let explanation = SharedCodeSandbox.explain(missing: String(error.message.dropFirst(missingVariable.count)))
        {
            failure.kind = .unavailable
            failure.message = "ReferenceError: " + explanation
        }
        if let (module, line, column) = appFrame(error) {
            let position = module.originalPosition(line: line, column: column)
            failure.path = module.path
            failure.line = position.line
            failure.column = position.column
        }
        return failure
    }

    /// The first position inside an app module: from the stack (`fn@app/shared/x.js:3:14`),
    /// else the exception's own position.
    private func appFrame(_ error: ScriptError) -> (SharedCodeEngine.LoadedModule, Int, Int?)? {
        for frame in (error.stack ?? "").split(separator: "\n") {
            let location = frame.split(separator: "@", maxSplits: 1).last ?? frame
            let parts = location.split(separator: ":")
            guard parts.count >= 3, let line = Int(parts[parts.count - 2]), let column = Int(parts[parts.count - 1])
            else { continue }
            let url = parts.dropLast(2).joined(separator: ":")
            if let module = modules.first(where: { $0.path == url }) { return (module, line, column) }
        }
        if let url = error.sourceURL, let line = error.line, let module = modules.first(where: { $0.path == url }) {
            return (module, line, error.column)
        }
        return nil
    }
}
